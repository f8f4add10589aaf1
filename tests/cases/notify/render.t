px-notify render prints a message in English or Arabic without sending it; a missing variable is an error; a hospital's override directory wins.
### cmd
px-notify render sla_escalation --var complaint=C-7 --var hospital_name=KFH --var due=2026-11-22 --var level=2 --var link=https://px/c/7
px-notify render survey_invitation --lang ar --var patient_name=سارة --var hospital_name=KFH --var link=L | jq -r .subject,.text,.segments,.encoding
px-notify render survey_invitation --lang en --var patient_name='<b>' --var hospital_name=KFH --var link=L | jq -r .html | grep Dear
px-notify render survey_invitation --var patient_name=x; code
px-notify render nope; code
mkdir kfh
printf 'Subject: Hi\n\nKFH says hello {{patient_name}}\n' > kfh/survey_reminder.en
printf '[notify]\ntemplates.KFH = kfh\n' > px.conf
px-notify render survey_reminder --hospital KFH --var patient_name=Sara | jq -r .text
printf 'Subject: Hi\n\nEnglish only\n' > kfh/only_en.en
px-notify render only_en --hospital KFH --lang ar; code
px-notify render survey_reminder --var patient_name=Sara --var hospital_name=H --var link=L | jq -r .text
short_usage px-notify render; code
for t in survey_invitation survey_reminder survey_negative_alert satisfaction_check sla_reminder sla_escalation complaint_received; do
	for l in en ar; do
		px-notify render $t --lang $l --var patient_name=P --var hospital_name=H --var link=L --var survey=S --var department_name=D --var template_name=T --var patient_ref=R --var score=2 --var complaint=C --var due=T --var level=1 > /dev/null || echo "$t.$l failed"
	done
done
### stdout
{"type":"notification.render","template":"sla_escalation","language":"en","subject":"Escalation: complaint C-7 is overdue","text":"Complaint C-7 at KFH passed its deadline (2026-11-22) and is escalated to you (level 2). Open it: https://px/c/7","html":null,"segments":1,"encoding":"gsm7"}
KFH: كيف كانت زيارتك؟
عزيزنا سارة، شكراً لزيارتك KFH. نرجو مشاركتنا رأيك في تجربتك: L
1
ucs2
<p>Dear &lt;b&gt;,</p>
exit 4
exit 4
KFH says hello Sara
exit 4
Dear Sara, we would still like to hear about your visit to H. The survey takes two minutes: L
exit 2
### stderr
px-notify: template 'survey_invitation': missing variable 'hospital_name'
px-notify: unknown template 'nope'
px-notify: no template 'only_en' in language 'ar'
px-notify: missing template name
usage: px-notify render TEMPLATE [--lang LANG] [--hospital CODE] [--var NAME=VALUE]...
