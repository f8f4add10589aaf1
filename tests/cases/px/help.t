px help shows a command's manual page from the source tree; an unknown topic is status 2.
### cmd
export MANPAGER=cat PAGER=cat MANWIDTH=80
px help contact | grep -c '^SYNOPSIS'; code
px help px.conf | grep -o 'px\.conf' | head -1
px help records | grep -c 'survey\.negative' | sed 's/^[1-9][0-9]*$/some/'
px help nosuch; code
### stdout
1
exit 0
px.conf
some
exit 2
### stderr
px: no manual for 'nosuch'
