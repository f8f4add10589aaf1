A JSON array is read element by element, with line numbers for bad elements.
### cmd
px init
px org load org.json; code
q "SELECT code FROM hospitals ORDER BY code"
### file org.json
[
  {"type": "hospital", "code": "A1", "name": "Alpha"},
  {"type": "hospital",
   "code": "B2", "name": "Beta, \"the second\" [x]"},
  {"type": "hospital", "code": "C3"},
  {"type": "other", "v": "}{]["}
]
### stdout
{"type":"other","v":"}{]["}
exit 1
A1
B2
### stderr
px: org.json:5: hospital 'C3' has no 'name'
