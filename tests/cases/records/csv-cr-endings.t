CSV with CR-only line ends (old Mac files) reads every row, line numbers count the CRs; a quoted CR stays in the field.
### cmd
px init
printf 'type,code,name,note\rhospital,C1,One,\rhospital,C2,Two,\rmemo,M1,"a\rb",last\rhospital,bad code,x,\r' > cr.csv
px org load cr.csv; code
q "SELECT code, name FROM hospitals ORDER BY code"
### stdout
{"type":"memo","code":"M1","name":"a\rb","note":"last"}
exit 1
C1|One
C2|Two
### stderr
px: cr.csv:6: bad hospital code 'bad code'
