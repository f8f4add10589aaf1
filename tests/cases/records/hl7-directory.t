A directory given as HL7 input says why it cannot be read.
### cmd
export PX_DATA=$SHARE
setup_org >/dev/null
mkdir d
px-import-his -i hl7 d; code
### stdout
exit 4
### stderr
px-import-his: d:1: read error: Is a directory
px-import-his: 0 records, 0 applied, 0 already imported, 0 rejected, 0 surveys due, 0 suppressed, 0 withdrawn
