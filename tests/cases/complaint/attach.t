Evidence attached to a complaint comes back byte-identical; a file over cases.attachment_max or of a type px does not know is refused and nothing of it is stored; a viewer may read but not attach.
### cmd
. "$TESTS/fixtures/complaint/setup.sh"
setup_complaint
px-complaint new --as kfh_staff --hospital KFH --patient KFH0001 --title "Long wait" > /dev/null
R=$(last_ref)
printf '%%PDF-1.4\n%% a letter\n' > letter.pdf
printf '\211PNG\r\n\032\n' > photo.png; head -c 3000 /dev/zero | tr '\0' '\377' >> photo.png
printf 'The patient wrote: \331\204\330\247 \330\252\330\261\330\257\n' > note.txt
for f in letter.pdf photo.png note.txt; do
	px-complaint attach "$R" "$f" --as kfh_staff | jq -r '[.type, .case, .name, .content_type, .size] | @tsv'; code
done
px-complaint attach "$R" letter.pdf --as kfh_staff | jq -r .name; code
for id in $(q "SELECT public_id FROM case_attachments ORDER BY id"); do
	name=$(q "SELECT name FROM case_attachments WHERE public_id = '$id'")
	px-complaint attachment "$R" "$id" --as viewer > "back-$name"; code
	cmp "$name" "back-$name" && echo "$name: byte-identical"
done
printf '\000\001\002' > blob.bin
px-complaint attach "$R" blob.bin --as kfh_staff; code
px-complaint attach "$R" note.txt --as viewer; code
px-complaint attachment "$R" att_nope; code
echo 'cases.attachment_max = 100' > px.conf
px-complaint attach "$R" photo.png --as kfh_staff 2>&1 | sed 's/[0-9]* bytes/N bytes/'; code
q "SELECT count(*) FROM case_attachments"
q "SELECT count(*) FROM attachment_contents"
px-complaint show "$R" | jq -r 'select(.type == "case.attachment") | .name'
### stdout
case.attachment	KFH-2026-000001	letter.pdf	application/pdf	20
exit 0
case.attachment	KFH-2026-000001	photo.png	image/png	3008
exit 0
case.attachment	KFH-2026-000001	note.txt	text/plain	31
exit 0
letter.pdf
exit 0
exit 0
letter.pdf: byte-identical
exit 0
photo.png: byte-identical
exit 0
note.txt: byte-identical
exit 1
exit 3
exit 4
px-complaint: photo.png: N bytes, over the 100 a case attachment may have (cases.attachment_max)
exit 1
3
3
letter.pdf
photo.png
note.txt
### stderr
px-complaint: blob.bin: not a PDF, JPEG, PNG or plain-text file
px-complaint: permission denied: 'viewer' (viewer) may not attach files to complaint cases
px-complaint: unknown attachment 'att_nope' of KFH-2026-000001
