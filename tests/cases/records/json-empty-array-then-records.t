An empty JSON array followed by records is one document followed by data: px-records(7) says a json input is one array, so the file is refused with file:line (status 4) and nothing is loaded; the records are not silently dropped.
### cmd
px init
px org load in.json; code
q "SELECT count(*) FROM hospitals"
### file in.json
[]
{"type":"hospital","code":"A1","name":"Alpha"}
{"type":"hospital","code":"A2","name":"Alpha 2"}
### stdout
exit 4
0
### stderr
px: in.json:2: unexpected data after the JSON array
