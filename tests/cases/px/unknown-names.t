Every command answers an unknown hospital, department, template, user or id named on its command line with status 4 and the same words.
### cmd
setup_org
px org list --hospital NOPE; code
px user grant nope --role staff; code
px-survey list --hospital NOPE; code
px-survey list --department NOPE; code
px-survey list --template NOPE; code
px-survey show srv_nope; code
px-survey template show NOPE; code
px-survey export --template NOPE; code
px-survey negative --hospital NOPE; code
px-contact queue --hospital NOPE; code
px-contact queue --department NOPE; code
px-contact show srv_nope; code
px-contact feedback list --hospital NOPE; code
px-contact feedback show fbk_nope; code
px-import-his show NOPE; code
px-notify list --hospital NOPE; code
px-notify show NOPE; code
px-report surveys --hospital NOPE; code
px-report dashboard --hospital NOPE; code
px-report summary --hospital NOPE; code
### stdout
exit 4
exit 4
exit 4
exit 4
exit 4
exit 4
exit 4
exit 4
exit 4
exit 4
exit 4
exit 4
exit 4
exit 4
exit 4
exit 4
exit 4
exit 4
exit 4
exit 4
### stderr
px: unknown hospital 'NOPE'
px: unknown user 'nope'
px-survey: unknown hospital 'NOPE'
px-survey: unknown department 'NOPE'
px-survey: unknown template 'NOPE'
px-survey: unknown survey 'srv_nope'
px-survey: unknown template 'NOPE'
px-survey: unknown template 'NOPE'
px-survey: unknown hospital 'NOPE'
px-contact: unknown hospital 'NOPE'
px-contact: unknown department 'NOPE'
px-contact: unknown survey 'srv_nope'
px-contact: unknown hospital 'NOPE'
px-contact: unknown feedback 'fbk_nope'
px-import-his: unknown encounter 'NOPE'
px-notify: unknown hospital 'NOPE'
px-notify: unknown message 'NOPE'
px-report: unknown hospital 'NOPE'
px-report: unknown hospital 'NOPE'
px-report: unknown hospital 'NOPE'
