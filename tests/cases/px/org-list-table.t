-o table aligns columns by characters, Arabic included, with no trailing blanks.
### cmd
px init
px org load "$TESTS/fixtures/org.csv"
px org list --hospital KAMC -o table | norm
### stdout
TYPE        ID                        HOSPITAL  CODE  NAME                         NAME_AR
hospital    hsp_ID            KAMC  King Abdulaziz Medical City  مدينة الملك عبدالعزيز الطبية
department  dep_ID  KAMC      CARD  Cardiology                   أمراض القلب
department  dep_ID  KAMC      ER    Emergency                    الطوارئ
