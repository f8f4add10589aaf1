A CSV header with a duplicate column cannot be used: status 4, nothing loaded.
### cmd
px init
printf 'code,name,code\nA1,Alpha,A1\n' | px org load; code
q "SELECT count(*) FROM hospitals"
### stdout
exit 4
0
### stderr
px: -:1: duplicate column 'code' in header
