Audit rows cannot be updated or deleted, even with the sqlite3 shell.
### cmd
px init
q "UPDATE audit SET actor = 'mallory'"; code
q "DELETE FROM audit"; code
q "SELECT count(*), actor FROM audit"
### stdout
exit 19
exit 19
1|admin
### stderr
Error: stepping, audit rows are append-only (19)
Error: stepping, audit rows are append-only (19)
