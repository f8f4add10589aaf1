A CSV row over the 1 MiB cap (a long line, or a quoted field spanning lines) is rejected with file:line and the rows after it still load, as JSON Lines does with a long line.
### cmd
px init
{ printf 'code,name\nC1,One\nC2,'; head -c 1100000 /dev/zero | tr '\0' x; printf '\nC3,Three\nC4,"'; head -c 1100000 /dev/zero | tr '\0' '\n'; printf '"\nC5,Five\n'; } > in.csv
px org load in.csv; code
q "SELECT code FROM hospitals ORDER BY code"
### stdout
exit 1
C1
C3
C5
### stderr
px: in.csv:3: record longer than 1048576 bytes
px: in.csv:5: record longer than 1048576 bytes
