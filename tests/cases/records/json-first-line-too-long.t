A first line over the 1 MiB cap is rejected with file:line like any other over-long line (JSON Lines from a file and from a pipe, and as a CSV row); the lines after it load.
### cmd
px init
{ printf '{"type":"hospital","code":"L1","name":"'; head -c 1100000 /dev/zero | tr '\0' x; printf '"}\n{"type":"hospital","code":"L2","name":"Two"}\n'; } > long.jsonl
px org load long.jsonl; code
sed 's/L2/L3/' long.jsonl | px org load; code
{ printf '\357\273\277{"type":"hospital","code":"L4","name":"'; head -c 1100000 /dev/zero | tr '\0' x; printf '"}\n{"type":"hospital","code":"L5","name":"Five"}\n'; } | px org load; code
q "SELECT code FROM hospitals ORDER BY code"
### stdout
exit 1
exit 1
exit 1
L2
L3
L5
### stderr
px: long.jsonl:1: line longer than 1048576 bytes
px: -:1: line longer than 1048576 bytes
px: -:1: line longer than 1048576 bytes
