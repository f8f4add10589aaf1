Valid JSON that is not an object is "not a record", not "invalid JSON"; text that is not JSON is invalid JSON.
### cmd
px init
px org load -i jsonl in.jsonl; code
printf '"just a string"' > one.json
px org load -i json one.json; code
printf '{"type":"hospital","code":"A2",\n "name":"Alpha 2"}\n' > obj.json
px org load -i json obj.json; code
q "SELECT code FROM hospitals ORDER BY code"
### file in.jsonl
"just a string"
12
-0.5
true
null
[1,2]
{"type":"hospital","code":"A1","name":"Alpha"}
nul
### stdout
exit 1
exit 1
exit 0
A1
A2
### stderr
px: in.jsonl:1: not a record: a string, not a JSON object
px: in.jsonl:2: not a record: a number, not a JSON object
px: in.jsonl:3: not a record: a number, not a JSON object
px: in.jsonl:4: not a record: a boolean, not a JSON object
px: in.jsonl:5: not a record: null, not a JSON object
px: in.jsonl:6: not a record: an array, not a JSON object
px: in.jsonl:8: invalid JSON: invalid token near 'nul'
px: one.json:1: not a record: a string, not a JSON object
