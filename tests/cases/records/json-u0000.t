\u0000 in a string is refused, never cut there: hospital code "N4\u0000X" must not create N4 (nor a key with \u0000).
### cmd
px init
px org load in.jsonl; code
q "SELECT count(*) FROM hospitals"
### file in.jsonl
{"type":"hospital","code":"N4\u0000X","name":"Nur"}
{"type":"hospital","code":"N5","name":"Nur\u0000 5"}
{"type":"hospital","code":"N6","name":"Nur 6","x\u0000y":1}
### stdout
exit 1
0
### stderr
px: in.jsonl:1: U+0000 (\u0000) in a string
px: in.jsonl:2: U+0000 (\u0000) in a string
px: in.jsonl:3: U+0000 (\u0000) in a key
