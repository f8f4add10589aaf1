A hospital_admin lists only the users who share one of its hospitals; phone numbers are stored in E.164; bad addresses are refused.
### cmd
setup_org
px user add nurse2 --role staff --hospital KFH --phone '050 123 4567' --email nurse2@kfh.example; code
px user add nurse3 --role staff --hospital KFH --email 'not-an-address'; code
px user add nurse4 --role staff --hospital KFH --phone 12345; code
px --as kfh_admin user list -o csv | cut -d, -f3,6,9
### stdout
exit 0
exit 2
exit 2
name,hospitals,email
kfh_admin,KFH,
kfh_staff,KFH,
nurse2,KFH,nurse2@kfh.example
viewer,KFH,
### stderr
px: --email 'not-an-address': not a valid email address
px: --phone '12345': not a valid phone number
