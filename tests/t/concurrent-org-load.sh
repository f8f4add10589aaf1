# Eight px org load processes at once against one database: all succeed
# (no "database is locked") and every record is there afterwards.
px init || exit 1
for i in 1 2 3 4 5 6 7 8; do
	{
		echo "type,code,name,hospital"
		echo "hospital,H$i,Hospital $i,"
		for d in $(seq 1 40); do echo "department,D$d,Department $d of $i,H$i"; done
	} > org$i.csv
done
pids=
for i in 1 2 3 4 5 6 7 8; do
	px org load org$i.csv 2> err$i & pids="$pids $!"
done
fails=0
for p in $pids; do wait "$p" || fails=$((fails + 1)); done
[ "$fails" = 0 ] && echo "ok 1 - eight concurrent loads all exit 0" || echo "not ok 1 - $fails of eight concurrent loads failed"
if grep -q . err*; then
	echo "not ok 2 - concurrent loads printed errors"; cat err* | sed 's/^/# /' | head
else
	echo "ok 2 - no diagnostics"
fi
n=$(sqlite3 px.db "SELECT (SELECT count(*) FROM hospitals) || ' ' || (SELECT count(*) FROM departments) || ' ' || (SELECT count(*) FROM audit WHERE action LIKE '%created')")
[ "$n" = "8 320 328" ] && echo "ok 3 - every hospital, department and audit row is there" || echo "not ok 3 - counts are '$n', expected '8 320 328'"
ic=$(sqlite3 px.db "PRAGMA integrity_check")
[ "$ic" = ok ] && echo "ok 4 - integrity check" || echo "not ok 4 - integrity: $ic"
