--dry-run resolves, renders and prints what would be sent, and stores and sends nothing.
### cmd
setup_org >/dev/null
q "INSERT INTO patients (public_id, hospital_id, mrn, name_en, name_ar, phone, email, language, created_at, updated_at) VALUES ('pat_sara0000000000000000', 1, 'MRN1', 'Sara Ali', 'سارة علي', '0501234567', 'sara@example.com', 'ar', 't', 't')"
px-notify --dry-run; code
q "SELECT count(*) FROM notifications"
### stdin
{"type":"notification","key":"d1","channel":"sms","patient":"pat_sara0000000000000000","language":"en","template":"survey_invitation","vars":{"link":"https://px.example/s/1"},"object_type":"survey","object":"srv_1"}
{"type":"notification","key":"d2","channel":"email","patient":"pat_sara0000000000000000","template":"satisfaction_check","vars":{"link":"https://px.example/s/2"}}
### stdout
{"type":"notification.preview","key":"d1","channel":"sms","to":"*********4567","language":"en","template":"survey_invitation","status":"pending","error":null,"reason":null,"subject":null,"text":"Dear Sara Ali, thank you for visiting King Fahd Hospital. Please tell us about your experience: https://px.example/s/1","segments":1,"object_type":"survey","object":"srv_1"}
{"type":"notification.preview","key":"d2","channel":"email","to":"************.com","language":"ar","template":"satisfaction_check","status":"pending","error":null,"reason":null,"subject":"مستشفى الملك فهد: هل أنت راضٍ الآن؟","text":"عزيزنا سارة علي، تابعنا ملاحظاتك. هل أنت راضٍ عن طريقة معالجتها؟ شاركنا رأيك: https://px.example/s/2","segments":null,"object_type":null,"object":null}
exit 0
0
