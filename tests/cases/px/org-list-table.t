-o table aligns columns by display width, Arabic included, with no trailing blanks; the type column stays when the rows have different types; fitting 100 columns cuts the longest names with an ellipsis, Arabic at a character boundary, never an id.
### cmd
px init
px org load "$TESTS/fixtures/org.csv"
px org list --hospital KAMC -o table | norm
### stdout
TYPE        ID                        HOSPITAL  CODE  NAME                    NAME_AR
hospital    hsp_ID            KAMC  King Abdulaziz Medica…  مدينة الملك عبدالعزيز…
department  dep_ID  KAMC      CARD  Cardiology              أمراض القلب
department  dep_ID  KAMC      ER    Emergency               الطوارئ
