A JSON array with a trailing comma is not JSON: the whole file is refused (status 4) and nothing of it is loaded.
### cmd
px init
px org load org.json; code
printf '[{"type":"hospital","code":"B1","name":"Beta"},\n,{"type":"hospital","code":"B2","name":"B"}]' > gap.json
px org load gap.json; code
q "SELECT count(*) FROM hospitals"
### file org.json
[{"type":"hospital","code":"A1","name":"Alpha"},
 {"type":"hospital","code":"A2","name":"Alpha 2"},
]
### stdout
exit 4
exit 4
0
### stderr
px: org.json:3: trailing comma in JSON array
px: gap.json:2: missing value in JSON array
