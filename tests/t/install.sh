# make install puts programs, man pages, completions and share/px under
# DESTDIR/PREFIX; the installed px finds its commands and manual; make
# uninstall removes them again.
n=0
t() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }
# make install relinks the commands with the flags of the make it is,
# so it is tried on the plain build alone: in build/asan or build/cov it
# would replace their programs with ones built otherwise
build=${BIN%/bin}
build=${build#"$TOP/"}
if [ "${PX_SANITIZED:-0}" = 1 ] || [ "$build" != build ]; then
	echo "ok 1 - # SKIP installation is checked on the plain build only"
	exit 0
fi
dest=$PWD/dest
make -s -C "$TOP" B="$build" DESTDIR="$dest" PREFIX=/opt/px install > log 2>&1
t $? "make install"
for f in bin/px man/man1/px.1 man/man5/px.conf.5 man/man7/px.7 man/man7/px-records.7 \
	 share/bash-completion/completions/px share/zsh/vendor-completions/_px share/px/examples/org.csv; do
	case $f in
	man/*) p="$dest/opt/px/share/$f" ;;
	*) p="$dest/opt/px/$f" ;;
	esac
	[ -f "$p" ]
	t $? "installed $f"
done
stat -c %a "$dest/opt/px/bin/px" | grep -qx 755
t $? "px installed mode 755"
PX_EXEC_PATH= PATH=/usr/bin:/bin "$dest/opt/px/bin/px" --version > version && grep -q '^px ' version
t $? "installed px runs"
MANPAGER=cat PAGER=cat "$dest/opt/px/bin/px" help px > manual 2>/dev/null && grep -q 'SYNOPSIS' manual
t $? "installed px help finds the manual"
make -s -C "$TOP" B="$build" DESTDIR="$dest" PREFIX=/opt/px uninstall > log 2>&1
t $? "make uninstall"
left=$(find "$dest" -type f | wc -l)
[ "$left" = 0 ]
t $? "uninstall leaves no file ($left left)"
