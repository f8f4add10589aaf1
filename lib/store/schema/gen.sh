#!/bin/sh
# Turns the numbered migrations given as arguments into C string arrays.
set -e
echo '/* Generated from the lib/store/schema migrations by lib/store/schema/gen.sh: do not edit. */'
echo '#include <stddef.h>'
echo 'const char *const px_schema_migrations[] = {'
for f in "$@"; do
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$/\\n"/' "$f"
	echo ','
done
echo 'NULL };'
echo 'const char *const px_schema_names[] = {'
for f in "$@"; do
	printf '"%s",\n' "$(basename "$f" .sql)"
done
echo 'NULL };'
