JSON Lines in; records of other types pass through unchanged, in order; blank lines are skipped.
### cmd
px init
px org load; code
q "SELECT code FROM hospitals"
### stdin
{"type":"survey.due","patient":"pat_x","n":1,"nested":{"a":[1,2]}}

{"type":"hospital","code":"KFH","name":"King Fahd Hospital"}
{"type":"notification","channel":"sms","text":"مرحبا"}
### stdout
{"type":"survey.due","patient":"pat_x","n":1,"nested":{"a":[1,2]}}
{"type":"notification","channel":"sms","text":"مرحبا"}
exit 0
KFH
