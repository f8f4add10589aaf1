A CSV row with bytes that are not UTF-8 is rejected with the column; the rest loads.
### cmd
px init
printf 'type,code,name\nhospital,A1,Alpha\nhospital,B2,Caf\351\nhospital,C3,Gamma\n' | px org load; code
q "SELECT code FROM hospitals ORDER BY code"
### stdout
exit 1
A1
C3
### stderr
px: -:3: invalid UTF-8 in column 'name'
