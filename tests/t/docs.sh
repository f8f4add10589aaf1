# The documentation matches the programs: every command has a man page
# that mandoc finds clean, a completion entry, and a -h usage equal to its
# man page's SYNOPSIS.
n=0
t() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }

# Collapses whitespace, drops "usage:" and the space before "...".
flat() { tr '\n' ' ' | sed -E 's/usage://; s/[[:space:]]+/ /g; s/ \.\.\./.../g; s/^ //; s/ $//'; }

for m in "$TOP"/man/*.[1578]; do
	out=$(mandoc -Tlint -W warning "$m" 2>&1)
	t "$([ -z "$out" ] && echo 0 || echo 1)" "mandoc -Tlint clean: $(basename "$m")"
	[ -n "$out" ] && echo "$out" | sed 's/^/#   /'
done

for b in "$BIN"/px "$BIN"/px-*; do
	[ -x "$b" ] || continue
	c=$(basename "$b")
	page="$TOP/man/$c.1"
	# a program the web server runs has its page in section 8
	[ -f "$page" ] || [ ! -f "$TOP/man/$c.8" ] || page="$TOP/man/$c.8"
	if [ ! -f "$page" ]; then
		t 1 "$c has a man page"
		continue
	fi
	t 0 "$c has a man page"
	grep -q -- "$c\b" "$TOP/completions/px.bash" && grep -q -- "$c\b" "$TOP/completions/_px"
	t $? "$c has bash and zsh completion entries"
	usage=$("$b" -h | flat)
	hrc=$?
	# mandoc's ASCII output marks bold and underline by overstriking
	synopsis=$(mandoc -Tascii "$page" | sed 's/.\x08//g' | sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' | sed '1d;$d' | flat)
	mrc=$?
	[ "$hrc" = 0 ] && [ "$mrc" = 0 ] && [ -n "$usage" ] && [ "$usage" = "$synopsis" ]
	t $? "$c -h (status 0) matches the SYNOPSIS of $c(1)"
	if [ "$usage" != "$synopsis" ]; then
		echo "#   -h:       $usage"
		echo "#   SYNOPSIS: $synopsis"
	fi
done
