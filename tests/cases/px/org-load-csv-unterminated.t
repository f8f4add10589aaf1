An unterminated quoted field at the end of a CSV file is a rejected record, not a crash.
### cmd
px init
printf 'type,code,name\nhospital,A1,Alpha\nhospital,B2,"Beta\n' | px org load; code
q "SELECT code FROM hospitals"
### stdout
exit 1
A1
### stderr
px: -:3: unterminated quoted field
