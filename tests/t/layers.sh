#!/usr/bin/env bash
# layers.sh [BUILD_DIR] - the module graph of libpx, derived from the built
# objects with nm, checked against the layers of DESIGN.md.  Prints TAP.
# BUILD_DIR defaults to the build the suite runs ($BIN/..), else ./build.
set -u
build=${1:-${BIN:+$BIN/..}}
build=${build:-build}
cd "$build/lib" || { echo "1..1"; echo "not ok 1 - no objects in $build/lib"; exit 1; }
layers="base records store core messages intake surveys cases report cli web"
rank() { local i=0; for l in $layers; do [ "$l" = "$1" ] && { echo $i; return; }; i=$((i+1)); done; echo 99; }
syms=$(mktemp)
src=${TOP:-$(cd ../.. && pwd)}/lib
for o in */*.o; do
	m=${o%.o}
	# an object left behind by a source that is gone is no module
	[ -f "$src/$m.c" ] || [ "$m" = store/schema ] || continue
	nm "$o" | awk -v m="$m" '$1 == "U" { print "U", m, $2; next } NF == 3 && $2 ~ /^[TDBRC]$/ { print "D", m, $3 }'
done > "$syms"
edges=$(awk '$1 == "D" { def[$3] = $2 } $1 == "U" { use[$2 " " $3] = 1 }
	END { for (k in use) { split(k, a, " "); if ((a[2] in def) && def[a[2]] != a[1]) print a[1], def[a[2]] } }' "$syms" | sort -u)
n=0 fail=0
t() { n=$((n+1)); if [ -z "$2" ]; then echo "ok $n - $1"; else fail=1; echo "not ok $n - $1"; echo "$2" | sed 's/^/#   /'; fi; }
# 1. no call upwards
up=$(echo "$edges" | while read -r a b; do [ -n "$a" ] || continue
	ra=$(rank "${a%%/*}"); rb=$(rank "${b%%/*}"); [ "$rb" -gt "$ra" ] && echo "$a -> $b"; done)
t "no module calls into a layer below it in DESIGN.md's table (a higher one)" "$up"
# 2. no circle: repeatedly drop modules with no outgoing edge
circle=$(echo "$edges" | awk 'NF == 2 { out[$1] = out[$1] " " $2; nodes[$1]; nodes[$2] }
	END { changed = 1
	  while (changed) { changed = 0
	    for (m in nodes) { k = 0; n = split(out[m], o, " ")
	      for (i = 1; i <= n; i++) if (o[i] in nodes) k++
	      if (k == 0) { delete nodes[m]; changed = 1 } } }
	  for (m in nodes) print m " ->" out[m] }')
t "the module graph has no circle" "$circle"
# 3. sqlite3 only in the store
sq=$(awk '$1 == "U" && $3 ~ /^(sqlite3_|PQ)/ && $2 !~ /^store\// { print $2 ": " $3 }' "$syms" | sort -u)
t "sqlite3 and libpq are called only from the store" "$sq"
# 4. no printing and no exit in libpx
pr=$(awk '$1 == "U" && $3 ~ /^(stdout|stderr|printf|vprintf|puts|putchar|perror|exit|_exit|_Exit|abort|__printf_chk|__vprintf_chk)$/ && $2 !~ /^cli\// && $2 != "base/mem" { print $2 ": " $3 }' "$syms" | sort -u)
t "libpx prints nothing and never exits (out of memory in base/mem aside)" "$pr"
echo "1..$n"
rm -f "$syms"
exit $fail
