A NUL byte in a CSV field is an error naming file:line and the column; the field is never cut at it, and the other rows load. A NUL in the header refuses the file.
### cmd
px init
printf 'code,name\nC1,One\nC2,Tw\000o\nC3,"Th\000ree"\nC4,Four\n' > in.csv
px org load in.csv; code
printf 'code,na\000me\nC5,Five\n' > hdr.csv
px org load hdr.csv; code
q "SELECT code, name FROM hospitals ORDER BY code"
### stdout
exit 1
exit 4
C1|One
C4|Four
### stderr
px: in.csv:3: NUL byte in column 'name'
px: in.csv:4: NUL byte in column 'name'
px: hdr.csv:1: NUL byte in header (column 2)
