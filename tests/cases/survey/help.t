px-survey -h prints the SYNOPSIS of px-survey(1), its whole usage pinned here once; bad verbs and options are usage errors (status 2); --version.
### cmd
px-survey -h > usage.txt; code
cat usage.txt
mandoc -Tascii "$TOP/man/px-survey.1" | col -b | sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' | sed '1d;$d' > synopsis.txt
flat() { sed 's/^usage://' "$1" | tr -s ' \t\n' ' ' | sed 's/ \.\.\./.../g; s/^ //; s/ $//'; }
[ "$(flat usage.txt)" = "$(flat synopsis.txt)" ] && echo "usage matches the man page"
px-survey --version; code
first_line px-survey frobnicate; code
first_line px-survey list --sms; code
first_line px-survey template; code
mandoc -Tlint -W warning "$TOP/man/px-survey.1" "$TOP/man/px-survey-template.5"; code
### stdout
exit 0
usage: px-survey template add FILE...
       px-survey template list [--all] [-o FORMAT]
       px-survey template show NAME [VERSION] [-o FORMAT]
       px-survey template disable NAME
       px-survey send [--explain] [-i FORMAT] [FILE...]
       px-survey send --due [--explain]
       px-survey send --patient MRN --hospital CODE --template NAME [--channel CHANNEL] [--explain]
       px-survey respond [--sms] [-i FORMAT] [FILE...]
       px-survey track [-i FORMAT] [FILE...]
       px-survey expire
       px-survey remind [--explain]
       px-survey list [--hospital CODE] [--department CODE] [--template NAME] [--status STATUS] [--negative] [--since TIME] [--until TIME] [-o FORMAT]
       px-survey show SURVEY [-o FORMAT]
       px-survey export --template NAME [--hospital CODE] [--department CODE] [--since TIME] [--until TIME] [-o FORMAT]
       px-survey negative [--hospital CODE] [--since TIME] [--until TIME] [-o FORMAT]
usage matches the man page
px-survey 0.1.0
exit 0
px-survey: unknown verb 'frobnicate'
exit 2
px-survey: option '--sms' does not apply to 'list'
exit 2
px-survey: missing template verb (add, list, show, disable)
exit 2
exit 0
