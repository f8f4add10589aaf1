Data after the closing ']' of a JSON array is found before any record of it is applied: status 4 and nothing written to the store (nor passed through).
### cmd
px init
px org load in.json; code
q "SELECT count(*) FROM hospitals"
q "SELECT count(*) FROM audit"
### file in.json
[{"type":"hospital","code":"A1","name":"Alpha"},
 {"type":"memo","text":"passed through"},
 {"type":"hospital","code":"A2","name":"Alpha 2"}]
{"type":"hospital","code":"A3","name":"Alpha 3"}
### stdout
exit 4
0
1
### stderr
px: in.json:4: unexpected data after the JSON array
