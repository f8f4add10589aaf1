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
