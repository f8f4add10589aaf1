An element of a JSON array that is not JSON makes the document not JSON: refused whole, with file:line, before anything is applied; an element that is JSON but not a record (a scalar, a duplicate key) is one rejected record and the others load.
### cmd
px init
px org load bad.json; code
px org load mixed.json; code
q "SELECT code FROM hospitals ORDER BY code"
### file bad.json
[{"type":"hospital","code":"A1","name":"Alpha"},
 {"type":"hospital","code":"A2" "name":"Alpha 2"}]
### file mixed.json
[{"type":"hospital","code":"B1","name":"Beta"},
 "a string",
 42,
 {"type":"hospital","code":"B2","name":"x","name":"y"},
 {"type":"hospital","code":"B3","name":"Beta 3"}]
### stdout
exit 4
exit 1
B1
B3
### stderr
px: bad.json:2: invalid JSON: '}' expected near '"name"'
px: mixed.json:2: not a record: a string, not a JSON object
px: mixed.json:3: not a record: a number, not a JSON object
px: mixed.json:4: duplicate key "name"
