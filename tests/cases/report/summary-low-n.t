px-report summary leaves changes from samples under report.min_n (default 30), this month's or last month's, out of the largest changes and says how many it left out; small headline samples are marked (low n)
### cmd
setup_org > /dev/null && q < "$TESTS/cases/report/data.sql"
q "UPDATE surveys SET completed_at = '2026-10-20T10:00:00Z', sent_at = '2026-10-20T08:00:00Z' WHERE public_id IN ('srv_a', 'srv_f', 'srv_g')"
px-report summary; code
px-report summary --lang ar
# min_n 2: KFH/OPD has two NPS answers and two scores in each month and
# stays; KFH/ER's one score in October leaves its change out.
printf '[report]\nmin_n = 2\n' > px.conf
px-report summary | sed -n '/^Largest/,$p'
### stdout
Patient experience, 2026-11 compared with 2026-10
2026-11 has not ended: its figures run to 2026-11-23
Surveys sent: 10 (+7); completed: 8; response rate: 80% (-20) (low n)
Mean score: 42.5 of 100 (-54.2) from 7 responses (low n)
NPS: -25 (95% CI -100 to 56.3, n 4) (-125) (low n)
Negative surveys: 4 (57.1%); contacted within 48 h: 25%; median time to contact: 32.5 h (low n)
Largest changes by department:
  none
  (3 changes left out: a sample under 30)
exit 0
ملخص تجربة المريض للفترة 2026-11 مقارنة بالفترة 2026-10
الفترة 2026-11 لم تنته بعد: أرقامها حتى 2026-11-23
الاستبيانات المرسلة: 10 (+7)، المكتملة: 8، معدل الاستجابة: 80% (-20) (عينة صغيرة)
متوسط الدرجة: 42.5 من 100 (-54.2) من 7 ردود (عينة صغيرة)
صافي نقاط الترويج: -25 (فاصل الثقة 95%: -100 إلى 56.3، العينة 4) (-125) (عينة صغيرة)
الاستبيانات السلبية: 4 (57.1%)، تم التواصل خلال 48 ساعة: 25%، وسيط وقت التواصل: 32.5 ساعة (عينة صغيرة)
أكبر التغيرات حسب القسم:
  لا يوجد
  (استُبعد 3 من التغيرات: عينة أقل من 30)
Largest changes by department:
  KFH/OPD: NPS -150 (100 -> -50)
  KFH/OPD: mean score -40 (95 -> 55)
  (1 change left out: a sample under 2)
