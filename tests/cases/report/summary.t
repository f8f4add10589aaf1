px-report summary: headline figures of the month against the previous one and the largest changes by department, in English and Arabic
### cmd
# The changes of samples of any size (report.min_n 1); summary-low-n.t has the default.
printf '[report]\nmin_n = 1\n' > px.conf
setup_org > /dev/null && q < "$TESTS/cases/report/data.sql"
q "UPDATE surveys SET completed_at = '2026-10-20T10:00:00Z', sent_at = '2026-10-20T08:00:00Z' WHERE public_id IN ('srv_f', 'srv_a')"
px-report summary; code
px-report summary --lang ar
px-report summary --period year --hospital KAMC
### stdout
Patient experience, 2026-11 compared with 2026-10
2026-11 has not ended: its figures run to 2026-11-23
Surveys sent: 11 (+9); completed: 9; response rate: 81.8% (-18.2)
Mean score: 48.4 of 100 (-51.6) from 8 responses
NPS: 0 (95% CI -78.4 to 78.4, n 5) (-100)
Negative surveys: 4 (50%); contacted within 48 h: 25%; median time to contact: 32.5 h
Largest changes by department:
  KFH/OPD: NPS -100 (100 -> 0)
  KFH/ER: mean score -87.5 (100 -> 12.5)
  KFH/OPD: mean score -33.3 (100 -> 66.7)
exit 0
ملخص تجربة المريض للفترة 2026-11 مقارنة بالفترة 2026-10
الفترة 2026-11 لم تنته بعد: أرقامها حتى 2026-11-23
الاستبيانات المرسلة: 11 (+9)، المكتملة: 9، معدل الاستجابة: 81.8% (-18.2)
متوسط الدرجة: 48.4 من 100 (-51.6) من 8 ردود
صافي نقاط الترويج: 0 (فاصل الثقة 95%: -78.4 إلى 78.4، العينة 5) (-100)
الاستبيانات السلبية: 4 (50%)، تم التواصل خلال 48 ساعة: 25%، وسيط وقت التواصل: 32.5 ساعة
أكبر التغيرات حسب القسم:
  KFH/OPD: صافي نقاط الترويج -100 (100 -> 0)
  KFH/ER: متوسط الدرجة -87.5 (100 -> 12.5)
  KFH/OPD: متوسط الدرجة -33.3 (100 -> 66.7)
Patient experience, 2026 compared with 2025
2026 has not ended: its figures run to 2026-11-23
Surveys sent: 1 (+1); completed: 1; response rate: 100% (-)
Mean score: 100 of 100 (-) from 1 responses
NPS: 100 (95% CI 100 to 100, n 1) (-)
Negative surveys: 0 (0%); contacted within 48 h: -; median time to contact: -
Largest changes by department:
  none
### status
0
