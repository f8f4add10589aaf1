Invalid UTF-8 in any HL7 field is refused with file:line, the message number and the reason, never replaced by U+FFFD: two MRNs that differ only in a bad byte are two patients refused, not one patient merged and overwritten; a NUL (raw or \X00\) is refused, not dropped. The values are not printed.
### cmd
export PX_DATA=$SHARE
setup_org >/dev/null
printf 'MSH|^~\\&|HIS|KFH|PX|PX|20261122080000||ADT^A01|M1|P|2.5\rEVN|A01|20261122080000\rPID|1||M\377^^^KFH^MR||Doe^Jane||19800101|F|||||^PRN^CP^^966^50^1111111\rPV1|1|O|OPD^^^KFH||||||||||||||||V1\r' > a.hl7
printf 'MSH|^~\\&|HIS|KFH|PX|PX|20261122080000||ADT^A01|M2|P|2.5\rEVN|A01|20261122080000\rPID|1||M\376^^^KFH^MR||Roe^Rick||19800101|M|||||^PRN^CP^^966^50^2222222\rPV1|1|O|OPD^^^KFH||||||||||||||||V2\r' >> a.hl7
printf 'MSH|^~\\&|HIS|KFH|PX|PX|20261122080000||ADT^A01|M3|P|2.5\rEVN|A01|20261122080000\rPID|1||M3^^^KFH^MR||Poe^Ann||19800101|F\rPV1|1|O|OPD^^^KFH||||||||||||||||V\303\r' >> a.hl7
printf 'MSH|^~\\&|HIS|KFH|PX|PX|20261122080000||ADT^A01|M4|P|2.5\rEVN|A01|20261122080000\rPID|1||M4\\X00\\1^^^KFH^MR||Moe^Max||19800101|M\rPV1|1|O|OPD^^^KFH||||||||||||||||V4\r' >> a.hl7
printf 'MSH|^~\\&|HIS|KFH|PX|PX|20261122080000||ADT^A01|M5|P|2.5\rEVN|A01|20261122080000\rPID|1||M5^^^KFH^MR||Zoe^Z\355\240\200||19800101|F\rPV1|1|O|OPD^^^KFH||||||||||||||||V5\r' >> a.hl7
px-import-his a.hl7 > /dev/null; code
q "SELECT count(*) FROM patients"
### stdout
exit 1
0
### stderr
px-import-his: a.hl7:3: message 1: PID-3: mrn is not valid UTF-8 (byte 2)
px-import-his: a.hl7:7: message 2: PID-3: mrn is not valid UTF-8 (byte 2)
px-import-his: a.hl7:12: message 3: PV1-19: visit is not valid UTF-8 (byte 2)
px-import-his: a.hl7:15: message 4: PID-3: NUL byte in mrn (byte 3)
px-import-his: a.hl7:19: message 5: PID-5: name is not UTF-8
px-import-his: 5 records, 0 applied, 0 already imported, 5 rejected, 0 surveys due, 0 suppressed, 0 withdrawn
px-import-his: rejected 2: PID-3: mrn is not valid UTF-8 (byte 2)
px-import-his: rejected 1: PV1-19: visit is not valid UTF-8 (byte 2)
px-import-his: rejected 1: PID-3: NUL byte in mrn (byte 3)
px-import-his: rejected 1: PID-5: name is not UTF-8
