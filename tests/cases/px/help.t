px help shows a command's manual page from the source tree; an unknown topic is status 2.
### cmd
export MANPAGER=cat PAGER=cat MANWIDTH=80
px help contact | grep -c '^SYNOPSIS'; code
px help px.conf > conf.txt; code
grep -o 'px\.conf' conf.txt | head -1
px help records > records.txt; code
grep -c 'survey\.negative' records.txt | sed 's/^[1-9][0-9]*$/some/'
px help nosuch; code
### stdout
1
exit 0
exit 0
px.conf
exit 0
some
exit 2
### stderr
px: no manual for 'nosuch'
