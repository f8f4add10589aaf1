The MRN is the first PID-3 repetition typed MR, else the first repetition that is not a national identifier, as px-import-his(1) says: a PI identifier before the MR one is not taken, and an identifier of another type is taken when there is no MR one.
### cmd
export PX_DATA=$SHARE
setup_org >/dev/null
printf 'MSH|^~\\&|HIS|KFH|PX|PX|20261122080000||ADT^A01|M1|P|2.5\rEVN|A01|20261122080000\rPID|1||P77^^^KFH^PI~M10^^^KFH^MR~1012345678^^^SA^NI||Doe^Jane||19800101|F\rPV1|1|O|OPD^^^KFH||||||||||||||||V1\r' > a.hl7
printf 'MSH|^~\\&|HIS|KFH|PX|PX|20261122080000||ADT^A01|M2|P|2.5\rEVN|A01|20261122080000\rPID|1||1012345679^^^SA^NI~X20^^^KFH^PN||Roe^Rick||19800101|M\rPV1|1|O|OPD^^^KFH||||||||||||||||V2\r' >> a.hl7
px-import-his a.hl7 > /dev/null; code
q "SELECT mrn, name_en, natid_masked FROM patients ORDER BY mrn"
### stdout
exit 0
M10|Jane Doe|******5678
X20|Rick Roe|******5679
### stderr
px-import-his: 2 records, 2 applied, 0 already imported, 0 rejected, 0 surveys due, 0 suppressed, 0 withdrawn
