Messages quote HL7 text with control bytes and bad UTF-8 escaped as \xNN, never raw; a message that is not ADT names its type without reading freed memory (ASan is clean).
### cmd
export PX_DATA=$SHARE
setup_org >/dev/null
printf 'MSH|^~\\&|HIS|KFH|PX|PX|20261122080000||ORU\033[31m^R01|M1|P|2.5\rPID|1||M1^^^KFH^MR\r' > a.hl7
printf 'MSH|^~\\&|HIS|KFH|PX|PX|20261122080000||ADT^A01|M2|P|2.5\rEVN|A01|2026\01122\rPID|1||M2^^^KFH^MR||Doe^J||1980\377\rPV1|1|O|OPD^^^KFH\r' >> a.hl7
printf 'MSH|^~\\&|HIS|KFH|PX|PX|20261122080000||ADT^A01|M3|P|2.5\rEVN|A01|20261122080000\rPID|1||M3^^^KFH^MR||Doe^J||1980\033\rPV1|1|O|OPD^^^KFH\r' >> a.hl7
printf 'FHS|^~\\&\r\001\002X|a\rMSH|^~\\&|HIS|KFH|PX|PX|20261122080000||ORU^R01|M4|P|2.5\r' >> a.hl7
px-import-his a.hl7 > /dev/null; code
### stdout
exit 1
### stderr
px-import-his: a.hl7:1: message 1: MSH-9: not an ADT message ('ORU\x1B[31m^R01')
px-import-his: a.hl7:4: message 2: EVN-2: bad time '2026\x0922'
px-import-his: a.hl7:9: message 3: PID-7: bad birth date '1980\x1B'
px-import-his: a.hl7:12: message 4: segment '\x01\x02X' outside a message
px-import-his: a.hl7:13: message 5: MSH-9: not an ADT message ('ORU^R01')
px-import-his: 5 records, 0 applied, 0 already imported, 5 rejected, 0 surveys due, 0 suppressed, 0 withdrawn
px-import-his: rejected 1: MSH-9: not an ADT message ('ORU\x1B[31m^R01')
px-import-his: rejected 1: EVN-2: bad time '2026\x0922'
px-import-his: rejected 1: PID-7: bad birth date '1980\x1B'
px-import-his: rejected 1: segment '\x01\x02X' outside a message
px-import-his: rejected 1: MSH-9: not an ADT message ('ORU^R01')
