CSV with a UTF-8 BOM, CRLF line ends, a quoted field spanning lines and doubled quotes; pass-through shows the parsed fields.
### cmd
px init
printf '\357\273\277type,code,name,note\r\nhospital,KFH,King Fahd,\r\nmemo,M1,"line one\r\nline two","say ""hi"""\r\n\r\nmemo,M2,,last\r\n' > in.csv
px org load in.csv; code
q "SELECT code, name FROM hospitals"
### stdout
{"type":"memo","code":"M1","name":"line one\r\nline two","note":"say \"hi\""}
{"type":"memo","code":"M2","note":"last"}
exit 0
KFH|King Fahd
