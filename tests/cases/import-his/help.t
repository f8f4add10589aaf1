px-import-his -h prints its usage to stdout with status 0, the whole text pinned here once; --version.
### cmd
px-import-his -h; code
px-import-his --version; code
### stdout
usage: px-import-his [-i FORMAT] [--delimiter CHAR] [--encoding NAME] [--map FILE] [--set FIELD=VALUE]...
                     [--rows ROWS] [--date-format FORMAT] [--tz ZONE]
                     [--rejects FILE | --archive DIR] [--strict] [--dry-run]
                     [--progress | --quiet] [FILE ... | --mllp]
       px-import-his due [-o FORMAT]
       px-import-his journeys [-o FORMAT]
       px-import-his show ENCOUNTER [-o FORMAT]
exit 0
px-import-his 0.1.0
exit 0
