px-report -h prints the SYNOPSIS of px-report(1), its whole usage pinned here once; bad reports, dimensions, periods, times and options are usage errors (status 2)
### cmd
px-report -h > usage.txt; code
cat usage.txt
mandoc -Tascii "$TOP/man/px-report.1" | col -b | sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' | sed '1d;$d' > synopsis.txt
flat() { sed 's/^usage://' "$1" | tr -s ' \t\n' ' ' | sed 's/ \.\.\./.../g; s/^ //; s/ $//'; }
[ "$(flat usage.txt)" = "$(flat synopsis.txt)" ] && echo "usage matches the man page"
mandoc -Tlint -W warning "$TOP/man/px-report.1"; code
first_line px-report; code
first_line px-report frobnicate; code
first_line px-report journeys --by template; code
first_line px-report surveys --by question; code
first_line px-report notify --by department; code
first_line px-report sla --by channel; code
first_line px-report complaints --by severity; code
first_line px-report sla --within 24; code
first_line px-report nps --period fortnight; code
first_line px-report nps --compare; code
first_line px-report nps --since yesterday; code
first_line px-report nps --since 2026-12-01 --until 2026-11-01; code
first_line px-report nps --within 0; code
first_line px-report nps --lang ar; code
first_line px-report summary -o csv; code
first_line px-report dashboard --by hospital; code
first_line px-report nps -o xml; code
### stdout
exit 0
usage: px-report surveys|scores|nps|negative|journeys|notify|suppressed|complaints [--by DIMENSION]
           [--period PERIOD] [--since TIME] [--until TIME] [--hospital CODE] [--compare]
           [--within HOURS] [--list] [--lang LANG] [-o FORMAT]
       px-report sla|actions|calls [--by DIMENSION] [--period PERIOD] [--since TIME] [--until TIME] [--hospital CODE]
           [--compare] [--lang LANG] [-o FORMAT]
       px-report dashboard [--period PERIOD] [--since TIME] [--until TIME] [--hospital CODE]
           [--lang LANG]
       px-report summary [--period PERIOD] [--hospital CODE] [--within HOURS] [--lang LANG]
usage matches the man page
exit 0
px-report: missing verb (surveys, scores, nps, negative, journeys, notify, suppressed, complaints, sla, actions, calls, dashboard, summary)
exit 2
px-report: unknown verb 'frobnicate'
exit 2
px-report: the journeys report cannot be grouped by template
exit 2
px-report: the surveys report cannot be grouped by question
exit 2
px-report: the notify report cannot be grouped by department
exit 2
px-report: the sla report cannot be grouped by channel
exit 2
px-report: the complaints report cannot be grouped by severity
exit 2
px-report: option '--within' does not apply to 'sla|actions|calls'
exit 2
px-report: unknown period 'fortnight'
exit 2
px-report: --compare needs --period or --since
exit 2
px-report: --since: not an ISO 8601 time: 'yesterday'
exit 2
px-report: --until must come after --since
exit 2
px-report: --within needs a number of hours, not '0'
exit 2
px-report: --lang applies to -o html, dashboard, summary and the taxonomy levels of complaints
exit 2
px-report: option '-o' does not apply to 'summary'
exit 2
px-report: option '--by' does not apply to 'dashboard'
exit 2
px-report: unknown output format 'xml'
exit 2
