--mllp reads MLLP blocks on stdin and answers each message on stdout with its ACK in an MLLP block, once it is committed: AA, AE with MSA-3 and an ERR segment, AR for what is not a message; nothing else is written there, and the surveys made due stay in the store. --mllp takes no file, no other input format, and none of --strict, --dry-run, --archive.
### cmd
export PX_DATA=$SHARE
setup_org >/dev/null
{ printf '\vMSH|^~\\&|LAB|KFH|PX|PX|20261122100000||ADT^A03|Q1|P|2.4\rPID|1||M1^^^KFH^MR||Doe^Jane||||||||^PRN^CP^^966^50^1234567\rPV1|1|O|OPD^^^KFH||||||||||||||||V1\r\x1c\r'
  printf '\vMSH|^~\\&|LAB|KFH|PX|PX|20261122100000||ADT^A03|Q2|P|2.4\rPID|1||M2^^^KFH^MR\rPV1|1|O|XRAY^^^KFH||||||||||||||||V2\r\x1c\r'
  printf '\vMSH|^~\\&|LAB|KFH|PX|PX|20261122100000||ORU^R01|Q3|P|2.4\r\x1c\r'
  printf '\vPID|1||M3\r\x1c\r'; } > in.mllp
px-import-his --mllp < in.mllp > out.mllp 2> err; code
tr '\r\v\034' '\n<>' < out.mllp
cat err
q "SELECT count(*) FROM survey_due"
px-import-his --mllp in.mllp 2> e1; code; head -1 e1
px-import-his --mllp -i csv < in.mllp 2> e2; code; head -1 e2
px-import-his --mllp --strict < in.mllp 2> e3; code; head -1 e3
### stdout
exit 1
<MSH|^~\&|PX|PX|LAB|KFH|20261123090000+0000||ACK^A03^ACK|PX2611230900001|P|2.4
MSA|AA|Q1
>
<MSH|^~\&|PX|PX|LAB|KFH|20261123090000+0000||ACK^A03^ACK|PX2611230900002|P|2.4
MSA|AE|Q2|unknown department 'XRAY' of KFH
ERR|||207^Application internal error^HL70357|E||||unknown department 'XRAY' of KFH
>
<MSH|^~\&|PX|PX|LAB|KFH|20261123090000+0000||ACK^R01^ACK|PX2611230900003|P|2.4
MSA|AE|Q3|MSH-9: not an ADT message ('ORU\S\R01')
ERR|||200^Unsupported message type^HL70357|E||||MSH-9: not an ADT message ('ORU\S\R01')
>
<MSH|^~\&|PX||||20261123090000+0000||ACK^^ACK|PX2611230900004|P|2.5
MSA|AR||segment 'PID' outside a message
ERR|||100^Segment sequence error^HL70357|E||||segment 'PID' outside a message
>
px-import-his: -:5: message 2: unknown department 'XRAY' of KFH
px-import-his: -:9: message 3: MSH-9: not an ADT message ('ORU^R01')
px-import-his: -:11: message 4: segment 'PID' outside a message
px-import-his: 4 records, 1 applied, 0 already imported, 3 rejected, 1 surveys due, 0 suppressed, 0 withdrawn
px-import-his: rejected 1: unknown department 'XRAY' of KFH
px-import-his: rejected 1: MSH-9: not an ADT message ('ORU^R01')
px-import-his: rejected 1: segment 'PID' outside a message
1
exit 2
px-import-his: --mllp reads its messages from standard input, not a file
exit 2
px-import-his: --mllp reads HL7
exit 2
px-import-his: --mllp acknowledges each message once applied: no --strict, --dry-run or --archive
