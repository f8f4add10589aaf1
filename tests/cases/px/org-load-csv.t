px org load reads CSV, creates hospitals and departments, audits each.
### cmd
px init
px org load org.csv; code
px org list -o csv | norm
q "SELECT action, object_type, details FROM audit WHERE action LIKE '%created' ORDER BY id"
### file org.csv
type,code,name,name_ar,hospital
hospital,KFH,King Fahd Hospital,مستشفى الملك فهد,
department,ER,Emergency,الطوارئ,KFH
department,OPD,"Outpatient, Clinics",,KFH
### stdout
exit 0
type,id,hospital,code,name,name_ar
hospital,hsp_ID,,KFH,King Fahd Hospital,مستشفى الملك فهد
department,dep_ID,KFH,ER,Emergency,الطوارئ
department,dep_ID,KFH,OPD,"Outpatient, Clinics",
hospital_created|hospital|{"code":"KFH","name":"King Fahd Hospital","name_ar":"مستشفى الملك فهد"}
department_created|department|{"code":"ER","name":"Emergency","name_ar":"الطوارئ","hospital":"KFH"}
department_created|department|{"code":"OPD","name":"Outpatient, Clinics","hospital":"KFH"}
