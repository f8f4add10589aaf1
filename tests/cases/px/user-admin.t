px_admin adds users, grants roles and hospitals, revokes and deactivates; each change is audited.
### cmd
setup_org
px user add nurse1 --role staff --hospital KFH --full-name "Sara Ali" --email sara@kfh.example; code
px user grant nurse1 --role department_manager --hospital KAMC; code
px user revoke nurse1 --hospital KFH; code
px user list -o csv | norm
px user revoke nurse1; code
q "SELECT active FROM users WHERE name = 'nurse1'"
px --as nurse1 org list; code
px user grant nurse1 --hospital KFH; code
px --as nurse1 org list -o csv | cut -d, -f1,4
q "SELECT action, details FROM audit WHERE details LIKE '%nurse1%' ORDER BY id"
### stdout
exit 0
exit 0
exit 0
type,id,name,role,active,hospitals,departments,full_name,email,phone
user,usr_ID,admin,px_admin,true,,,,,
user,usr_ID,kamc_admin,hospital_admin,true,KAMC,,,,
user,usr_ID,kfh_admin,hospital_admin,true,KFH,,,,
user,usr_ID,kfh_staff,staff,true,KFH,,,,
user,usr_ID,nurse1,department_manager,true,KAMC,,Sara Ali,sara@kfh.example,
user,usr_ID,viewer,viewer,true,KFH,,,,
exit 0
0
exit 3
exit 0
type,code
hospital,KAMC
department,CARD
department,ER
hospital,KFH
department,ER
department,IPD
department,OPD
user_added|{"user":"nurse1","role":"staff"}
user_hospital_granted|{"user":"nurse1","hospital":"KFH"}
user_role_changed|{"user":"nurse1","from":"staff","to":"department_manager"}
user_hospital_granted|{"user":"nurse1","hospital":"KAMC"}
user_hospital_revoked|{"user":"nurse1","hospital":"KFH"}
user_deactivated|{"user":"nurse1"}
user_reactivated|{"user":"nurse1"}
user_hospital_granted|{"user":"nurse1","hospital":"KFH"}
### stderr
px: permission denied: deactivated user 'nurse1'
