Bad CSV rows are rejected with the line where the row starts; later rows still load.
### cmd
px init
px org load in.csv; code
q "SELECT code FROM hospitals ORDER BY code"
### file in.csv
type,code,name
hospital,A1,Alpha
hospital,B2
hospital,C3,"Gam"ma
hospital,D4,"Delta
over two lines"
hospital,E5,Epsilon,extra
hospital,F6,Phi
### stdout
exit 1
A1
D4
F6
### stderr
px: in.csv:3: expected 3 fields, found 2
px: in.csv:4: malformed CSV: misplaced quote
px: in.csv:7: expected 3 fields, found 4
