px-report -h prints the SYNOPSIS of px-report(1); bad reports, dimensions, periods, times and options are usage errors (status 2)
### cmd
px-report -h > usage.txt; code
mandoc -Tascii "$TOP/man/px-report.1" | col -b | sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' | sed '1d;$d' > synopsis.txt
flat() { sed 's/^usage://' "$1" | tr -s ' \t\n' ' ' | sed 's/ \.\.\./.../g; s/^ //; s/ $//'; }
[ "$(flat usage.txt)" = "$(flat synopsis.txt)" ] && echo "usage matches the man page"
px-report 2>&1 | head -1
px-report frobnicate 2>&1 | head -1
px-report journeys --by template 2>&1 | head -1
px-report surveys --by question 2>&1 | head -1; px-report surveys --by question 2>/dev/null; code
px-report notify --by department 2>&1 | head -1
px-report nps --period fortnight 2>&1 | head -1
px-report nps --compare 2>&1 | head -1
px-report nps --since yesterday 2>&1 | head -1
px-report nps --since 2026-12-01 --until 2026-11-01 2>&1 | head -1
px-report nps --within 0 2>&1 | head -1
px-report nps --lang ar 2>&1 | head -1
px-report summary -o csv 2>&1 | head -1
px-report dashboard --by hospital 2>&1 | head -1
px-report nps -o xml 2>&1 | head -1
mandoc -Tlint -W warning "$TOP/man/px-report.1"; code
### stdout
exit 0
usage matches the man page
px-report: missing verb (surveys, scores, nps, negative, journeys, notify, suppressed, dashboard, summary)
px-report: unknown verb 'frobnicate'
px-report: the journeys report cannot be grouped by template
px-report: the surveys report cannot be grouped by question
exit 2
px-report: the notify report cannot be grouped by department
px-report: unknown period 'fortnight'
px-report: --compare needs --period or --since
px-report: --since: not an ISO 8601 time: 'yesterday'
px-report: --until must come after --since
px-report: --within needs a number of hours, not '0'
px-report: --lang applies to -o html, dashboard and summary
px-report: option '-o' does not apply to 'summary'
px-report: option '--by' does not apply to 'dashboard'
px-report: unknown output format 'xml'
exit 0
