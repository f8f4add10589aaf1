A NUL byte is never part of JSON text: after a number, at the start of a JSON Lines line (not a blank line) or inside an array it is an error with file:line, never swallowed or skipped.
### cmd
px init
printf '{"type":"hospital","code":"A1","name":"Alpha","beds":12\000}\n\000{"type":"hospital","code":"A2","name":"Alpha 2"}\n\000\n{"type":"hospital","code":"A3","name":"Alpha 3"}\n' > in.jsonl
px org load in.jsonl; code
printf '[{"type":"hospital","code":"B1","name":"Beta","beds":3}\000]' > in.json
px org load in.json; code
q "SELECT code FROM hospitals ORDER BY code"
### stdout
exit 1
exit 4
A3
### stderr
px: in.jsonl:1: invalid JSON: NUL byte at offset 55
px: in.jsonl:2: invalid JSON: NUL byte at offset 0
px: in.jsonl:3: invalid JSON: NUL byte at offset 0
px: in.json:1: invalid JSON: NUL byte at offset 54
