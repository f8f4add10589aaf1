px-contact -h prints its usage to stdout with status 0, the whole text pinned here once; --version.
### cmd
px-contact -h; code
px-contact --version; code
### stdout
usage: px-contact queue [--hospital CODE] [--department CODE] [--state STATE] [--all] [--since TIME] [--until TIME] [-o FORMAT] [FILE...]
       px-contact log SURVEY --notes TEXT [--resolved | --explained]
       px-contact satisfaction SURVEY [--again]
       px-contact close SURVEY --notes TEXT
       px-contact escalate SURVEY --notes TEXT
       px-contact show SURVEY [-o FORMAT]
       px-contact feedback list [--hospital CODE] [--type TYPE] [--status STATUS] [-o FORMAT]
       px-contact feedback show FEEDBACK [-o FORMAT]
       px-contact feedback add --type TYPE --hospital CODE [--department CODE] [--patient MRN] --notes TEXT
       px-contact feedback set FEEDBACK --status STATUS [--notes TEXT]
       px-contact call import [-i FORMAT] [--rejects FILE] [--strict] [--dry-run] [--progress] [FILE...]
       px-contact call list [--hospital CODE] [--agent NAME] [--type TYPE] [--rating-max N] [--since TIME] [--until TIME] [-o FORMAT]
       px-contact call show ID [-o FORMAT]
exit 0
px-contact 0.1.0
exit 0
