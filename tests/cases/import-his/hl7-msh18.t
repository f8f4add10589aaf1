An HL7 batch written in ISO-8859-6 says so in MSH-18 (8859/6, or ISO IR127): its Arabic names are decoded to UTF-8 before they are read. A byte that is not of the declared set rejects its message, naming the segment and the byte; a set whose bytes could be taken for delimiters (UTF-16) is refused; a message that says UNICODE UTF-8 must be UTF-8. With --encoding the whole input is decoded and MSH-18 is not applied again. Reading the batch again adds nothing.
### cmd
export PX_DATA=$SHARE
setup_org >/dev/null
msg() { # msg ID CHARSET MRN NAME VISIT
	printf 'MSH|^~\\&|HIS|KFH|PX|PX|20261122100000||ADT^A03|%s|P|2.5|||||SAU|%s\rPID|1||%s^^^KFH^MR||%s||||||||^PRN^CP^^966^50^1234567\rPV1|1|O|OPD^^^KFH||||||||||||||||%s\r' "$@"
}
ar() { printf '%s' "$1" | iconv -f UTF-8 -t ISO-8859-6; }
{ msg A1 8859/6 M1 "$(ar 'علي')^$(ar 'أحمد')" V1
  msg A2 'ISO IR127' M2 "$(ar 'سعد')^$(ar 'منى')" V2
  msg A3 8859/6 M3 "$(printf 'x\241')^y" V3
  msg A4 'UNICODE UTF-16' M4 Doe^Jane V4
  msg A5 'UNICODE UTF-8' M5 "$(ar 'نور')^x" V5
  msg A6 ASCII M6 Doe^John V6; } > batch.hl7
px-import-his --rejects rej.hl7 batch.hl7 > out.jsonl; code
q "SELECT mrn, name_ar FROM patients ORDER BY mrn"
wc -l < out.jsonl
grep -c '^MSH' rej.hl7
cmp <(grep -a '^PID|1||M3' rej.hl7) <(printf 'PID|1||M3^^^KFH^MR||x\241^y||||||||^PRN^CP^^966^50^1234567\n') && echo "the rejects keep the message's own bytes"
px-import-his batch.hl7 > again.jsonl 2> /dev/null; code
wc -l < again.jsonl
msg B1 8859/6 M9 "$(printf 'علي' | iconv -f UTF-8 -t WINDOWS-1256)^z" V9 > w.hl7
px-import-his --encoding windows-1256 w.hl7 > /dev/null; code
q "SELECT name_ar FROM patients WHERE mrn = 'M9'"
### stdout
exit 1
M1|أحمد علي
M2|منى سعد
M6|
3
3
the rejects keep the message's own bytes
exit 1
0
exit 0
z علي
### stderr
px-import-his: batch.hl7:8: message 3: PID: byte 0xA1 (byte 22 of the segment) is not 8859/6 (MSH-18)
px-import-his: batch.hl7:10: message 4: MSH-18: character set 'UNICODE UTF-16' is not read
px-import-his: batch.hl7:14: message 5: PID-5: name is not UTF-8
px-import-his: 6 records, 3 applied, 0 already imported, 3 rejected, 3 surveys due, 0 suppressed, 0 withdrawn
px-import-his: rejected 1: PID: byte 0xA1 (byte 22 of the segment) is not 8859/6 (MSH-18)
px-import-his: rejected 1: MSH-18: character set 'UNICODE UTF-16' is not read
px-import-his: rejected 1: PID-5: name is not UTF-8
px-import-his: 1 records, 1 applied, 0 already imported, 0 rejected, 1 surveys due, 0 suppressed, 0 withdrawn
