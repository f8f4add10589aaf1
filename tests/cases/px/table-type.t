-o table leaves the type column out when every row has the same type, and keeps it when the types differ (or when there is one row of a type and rows without one).
### cmd
px init
printf '{"type":"note","text":"a"}\n{"type":"note","text":"b"}\n' | px org load -o table
echo mixed
printf '{"type":"note","text":"a"}\n{"type":"memo","text":"b"}\n' | px org load -o table
echo untyped
printf '{"type":"note","text":"a"}\n{"text":"b"}\n' | px org load -o table
### stdout
TEXT
a
b
mixed
TYPE  TEXT
note  a
memo  b
untyped
TEXT
a
### stderr
px: -:2: hospital has no 'code'
### status
1
