Hospitals need px_admin; departments need hospital_admin of that hospital. Refused records change nothing; exit 3.
### cmd
setup_org
printf 'type,code,name,hospital\nhospital,NEW,New Hospital,\ndepartment,ICU,Intensive Care,KFH\ndepartment,ICU,Intensive Care,KAMC\n' > more.csv
px --as kfh_admin org load more.csv; code
q "SELECT h.code, d.code FROM departments d JOIN hospitals h ON h.id = d.hospital_id WHERE d.code = 'ICU'"
q "SELECT count(*) FROM hospitals WHERE code = 'NEW'"
px --as kfh_staff org load more.csv; code
px --as nobody org load more.csv; code
q "SELECT actor, action FROM audit WHERE object_type = 'department' AND details LIKE '%ICU%'"
### stdout
exit 3
KFH|ICU
0
exit 3
exit 3
kfh_admin|department_created
### stderr
px: more.csv:2: permission denied: 'kfh_admin' (hospital_admin) may not load hospital 'NEW'
px: more.csv:4: permission denied: 'kfh_admin' (hospital_admin) may not load departments of hospital 'KAMC'
px: more.csv:2: permission denied: 'kfh_staff' (staff) may not load hospital 'NEW'
px: more.csv:3: permission denied: 'kfh_staff' (staff) may not load departments of hospital 'KFH'
px: more.csv:4: permission denied: 'kfh_staff' (staff) may not load departments of hospital 'KAMC'
px: permission denied: unknown user 'nobody'
