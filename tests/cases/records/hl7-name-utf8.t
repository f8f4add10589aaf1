Names from PID-5 get the same strict UTF-8 check as CSV: a surrogate (ED A0 80), a code point above U+10FFFF (F4 90 80 80), an overlong form (C0 AF) a 5-byte form and a NUL (\X00\, which was dropped, making 'Doe' of 'Do\X00\e') are refused; valid Arabic passes.
### cmd
export PX_DATA=$SHARE
setup_org >/dev/null
for n in '\355\240\200' '\364\220\200\200' '\300\257' '\370\210\200\200\200' 'Do\\X00\\e' '\331\201\331\207\330\257'; do
	printf "MSH|^~\\\\&|HIS|KFH|PX|PX|20261122080000||ADT^A01|M1|P|2.5\rEVN|A01|20261122080000\rPID|1||N1^^^KFH^MR||$n^A||19800101|F\rPV1|1|O|OPD^^^KFH||||||||||||||||V1\r"
done > n.hl7
px-import-his n.hl7 > /dev/null; code
q "SELECT mrn, name_ar FROM patients"
### stdout
exit 1
N1|A فهد
### stderr
px-import-his: n.hl7:3: message 1: PID-5: name is not UTF-8
px-import-his: n.hl7:7: message 2: PID-5: name is not UTF-8
px-import-his: n.hl7:11: message 3: PID-5: name is not UTF-8
px-import-his: n.hl7:15: message 4: PID-5: name is not UTF-8
px-import-his: n.hl7:19: message 5: PID-5: name is not UTF-8
px-import-his: 6 records, 1 applied, 0 already imported, 5 rejected, 0 surveys due, 0 suppressed, 0 withdrawn
px-import-his: rejected 5: PID-5: name is not UTF-8
