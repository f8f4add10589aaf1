org list shows only hospitals in the user's scope; --hospital filters.
### cmd
setup_org
px --as kamc_admin org list -o csv | norm
px org list --hospital KFH -o jsonl | norm
px org list --hospital NONE; code
px --as kamc_admin org list --hospital KFH; code
### stdout
type,id,hospital,code,name,name_ar
hospital,hsp_ID,,KAMC,King Abdulaziz Medical City,مدينة الملك عبدالعزيز الطبية
department,dep_ID,KAMC,CARD,Cardiology,أمراض القلب
department,dep_ID,KAMC,ER,Emergency,الطوارئ
{"type":"hospital","id":"hsp_ID","hospital":null,"code":"KFH","name":"King Fahd Hospital","name_ar":"مستشفى الملك فهد"}
{"type":"department","id":"dep_ID","hospital":"KFH","code":"ER","name":"Emergency","name_ar":"الطوارئ"}
{"type":"department","id":"dep_ID","hospital":"KFH","code":"IPD","name":"Inpatient Wards","name_ar":"أجنحة التنويم"}
{"type":"department","id":"dep_ID","hospital":"KFH","code":"OPD","name":"Outpatient Clinics","name_ar":"العيادات الخارجية"}
exit 4
exit 3
### stderr
px: unknown hospital 'NONE'
px: permission denied: 'kamc_admin' (hospital_admin) may not see hospital 'KFH'
