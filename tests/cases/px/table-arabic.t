-o table counts display columns, not bytes: Arabic text is cut at a character boundary, its combining marks (harakat) kept with their letter and taking no column, wide characters taking two; what is printed is valid UTF-8.
### cmd
px init
ar="مُسْتَشْفَى الْمَلِكِ فَيْصَلٍ التَّخَصُّصِيُّ وَمَرْكَزُ الْأَبْحَاثِ بِالرِّيَاضِ"
printf '{"type":"note","text":"%s","id":"nte_0123456789abcdefghij"}\n' "$ar" | px org load -o table --columns 50 > out
cat out
iconv -f UTF-8 -t UTF-8 out > /dev/null && echo valid
printf '{"type":"note","text":"%s","n":1}\n' "病院の待ち時間が長すぎました本当に" | px org load -o table --columns 20
### stdout
TEXT                      ID
مُسْتَشْفَى الْمَلِكِ فَيْصَلٍ التَّخَصُّ…  nte_0123456789abcdefghij
valid
TEXT               N
病院の待ち時間が…  1
