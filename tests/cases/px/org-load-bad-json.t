Malformed JSON lines are rejected with file:line and reason; the valid ones are applied; exit 1.
### cmd
px init
px org load org.jsonl; code
q "SELECT code FROM hospitals ORDER BY code"
### file org.jsonl
{"type":"hospital","code":"A1","name":"Alpha"}
{"type":"hospital","code":"B2",
[1,2]
{"type":"hospital","code":"A1","code":"A2","name":"Dup"}
"just a string"
{"type":"hospital","code":"C3","name":"Gamma"}
{"type":"hospital","code":"bad code!","name":"x"}
### stdout
exit 1
A1
C3
### stderr
px: org.jsonl:2: invalid JSON: string or '}' expected near end of file
px: org.jsonl:3: not a record: an array, not a JSON object
px: org.jsonl:4: duplicate key "code"
px: org.jsonl:5: not a record: a string, not a JSON object
px: org.jsonl:7: bad hospital code 'bad code!'
