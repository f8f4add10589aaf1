'show -o table' shows the survey's row, then its answers (question, its text in the survey's language, value, the score each counts for on the template's scale, the time answered), each table without a type column, times in the display zone, within 100 columns.
### cmd
. "$TESTS/fixtures/survey/setup.sh"
setup_survey
px-survey send --due > sent.jsonl
s1=$(q "SELECT public_id FROM surveys WHERE id = 1"); s3=$(q "SELECT public_id FROM surveys WHERE id = 3")
printf 'survey,question,value\n%s,q1,1\n%s,q2,4\n%s,q3,no\n%s,q4,0\n%s,q5,"Long wait, rude desk, and nobody at the counter could say when the doctor would see us"\n%s,q1,5\n' $s1 $s1 $s1 $s1 $s1 $s3 | px-survey respond > /dev/null
px-survey show "$s1" -o table | norm; code
px-survey show "$s1" -o table | LC_ALL=C.utf8 wc -L
echo list; px-survey list -o table | norm
echo columns-60; px --columns 60 survey list -o table | norm
echo en; px-survey show "$s3" -o table | norm
### stdout
ID                        TEMPLATE        HOSPITAL  STATUS     SENT_AT               SCORE  NEGATIVE
srv_ID  outpatient_vi…  KFH       completed  2026-11-23 12:00 +03  1.75   true

QUESTION  TEXT                           VALUE                           SCORE  ANSWERED_AT
q1        كيف تقيم زيارتك بشكل عام؟      1                               1      2026-11-23 12:00 +03
q2        كان وقت الانتظار معقولاً.       4                               4      2026-11-23 12:00 +03
q3        هل شرح لك الطبيب علاجك بوضوح؟  no                              1      2026-11-23 12:00 +03
q4        ما مدى احتمال أن توصي بعيادا…  0                               1      2026-11-23 12:00 +03
q5        ما الذي كان بإمكاننا تحسينه؟   Long wait, rude desk, and nob…         2026-11-23 12:00 +03
exit 0
100
list
ID                        TEMPLATE      HOSPITAL  STATUS       SENT_AT               SCORE  NEGATIVE
srv_ID  outpatient_…  KFH       completed    2026-11-23 12:00 +03  1.75   true
srv_ID  outpatient_…  KFH       sent         2026-11-23 12:00 +03         false
srv_ID  outpatient_…  KAMC      in_progress  2026-11-23 12:00 +03         false
columns-60
ID                        TEMPLATE  HOSPITAL  SCORE
srv_ID  outpati…  KFH       1.75
srv_ID  outpati…  KFH
srv_ID  outpati…  KAMC
en
ID                        TEMPLATE      HOSPITAL  STATUS       SENT_AT               SCORE  NEGATIVE
srv_ID  outpatient_…  KAMC      in_progress  2026-11-23 12:00 +03         false

QUESTION  TEXT                                    VALUE  SCORE  ANSWERED_AT
q1        How would you rate your visit overall?  5      5      2026-11-23 12:00 +03
