User management refusals: each with its message and status, and nothing changed.
### cmd
setup_org
px user add kfh_staff --role staff --hospital KFH; code
px user add x1 --role boss --hospital KFH; code
px user add x2 --role staff; code
px user add "bad name" --role staff --hospital KFH; code
px user add x3 --role staff --hospital NOPE; code
px user grant ghost --role staff; code
px user revoke admin; code
px --as kfh_admin user add x4 --role hospital_admin --hospital KFH; code
px --as kfh_admin user add x5 --role staff --hospital KAMC; code
px --as kfh_admin user grant kamc_admin --hospital KFH; code
px --as kfh_staff user add x6 --role viewer --hospital KFH; code
px --as viewer user list; code
short_usage px user add; code
short_usage px user grant kfh_staff; code
short_usage px user frobnicate; code
q "SELECT count(*) FROM users"
q "SELECT name FROM users WHERE name LIKE 'x%'"
### stdout
exit 2
exit 2
exit 2
exit 2
exit 4
exit 4
exit 2
exit 3
exit 3
exit 3
exit 3
exit 3
exit 2
exit 2
exit 2
5
### stderr
px: user 'kfh_staff' already exists
px: unknown role 'boss'
px: a staff needs at least one --hospital
px: bad user name 'bad name'
px: unknown hospital 'NOPE'
px: unknown user 'ghost'
px: 'admin' may not deactivate itself
px: permission denied: 'kfh_admin' (hospital_admin) may not manage user 'x4'
px: permission denied: 'kfh_admin' (hospital_admin) may not manage user 'x5'
px: permission denied: 'kfh_admin' (hospital_admin) may not manage user 'kamc_admin'
px: permission denied: 'kfh_staff' (staff) may not manage user 'x6'
px: permission denied: 'viewer' (viewer) may not list users
px: missing user name
usage: px user add NAME --role ROLE [--hospital CODE]... [--department CODE]... [--full-name TEXT] [--email ADDR] [--phone NUMBER]
px: user grant needs --role, --hospital or --department
usage: px user grant NAME [--role ROLE] [--hospital CODE]... [--department CODE]...
px: unknown user verb 'frobnicate'
usage: as px -h
