px-report sla -o html: the page of the report with its trends and bars of both compliances; the dashboard has its service-level section by hospital (the cases, both compliances, breaches, escalations and the cases overdue) in English and in Arabic, its headings, labels and names in Arabic on the Arabic page
### cmd
. "$TESTS/fixtures/report/sla.sh"
setup_sla_report || exit 1
export PX_NOW=2026-12-15T09:00:00Z
px-report sla --by hospital --period month --since 2026-10-01 --until 2027-01-01 -o html > sla.html; code
grep -o '<h2>[^<]*</h2>' sla.html
grep -c '<polyline' sla.html
px-report dashboard > en.html; code
grep -o '<h2>[^<]*</h2>' en.html | tail -3
sed -n '/<h2>Service levels<\/h2>/,/<\/table>/p' en.html | sed 's/<tr/\n<tr/g' | grep '^<tr'
px-report dashboard --lang ar > ar.html; code
grep -o '<h2>[^<]*</h2>' ar.html | tail -3
sed -n '/<h2>مستويات الخدمة<\/h2>/,/<\/table>/p' ar.html | sed 's/<tr/\n<tr/g' | grep '^<tr'
### stdout
exit 0
<h2>response compliance %</h2>
<h2>resolution compliance %</h2>
<h2>response compliance %</h2>
<h2>resolution compliance %</h2>
<h2>service levels</h2>
4
exit 0
<h2>Service levels</h2>
<h2>Response compliance by hospital</h2>
<h2>Resolution compliance by hospital</h2>
<tr><th>hospital</th><th>cases</th><th>response compliance %</th><th>resolution compliance %</th><th>breaches</th><th>escalations</th><th>open and overdue</th></tr>
<tr class="low"><td class="t" title="KAMC">King Abdulaziz Medical City</td><td>2</td><td>50</td><td>100</td><td>1</td><td>0</td><td>0</td></tr>
<tr class="low"><td class="t" title="KFH">King Fahd Hospital</td><td>10</td><td>80</td><td>50</td><td>3</td><td>4</td><td>2</td></tr>
exit 0
<h2>مستويات الخدمة</h2>
<h2>الالتزام بمهلة الاستجابة حسب المستشفى</h2>
<h2>الالتزام بمهلة الحل حسب المستشفى</h2>
<tr><th>المستشفى</th><th>الحالات</th><th>الالتزام بمهلة الاستجابة %</th><th>الالتزام بمهلة الحل %</th><th>تجاوزات المهلة</th><th>التصعيدات</th><th>مفتوحة ومتأخرة</th></tr>
<tr class="low"><td class="t">مدينة الملك عبدالعزيز الطبية</td><td>2</td><td>50</td><td>100</td><td>1</td><td>0</td><td>0</td></tr>
<tr class="low"><td class="t">مستشفى الملك فهد</td><td>10</td><td>80</td><td>50</td><td>3</td><td>4</td><td>2</td></tr>
