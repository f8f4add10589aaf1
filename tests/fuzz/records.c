/* records - the record reader on any bytes: CSV (any delimiter, any of
 * the encodings px is told), JSON Lines, a JSON array and HL7 through the
 * ADT mapping, as px-import-his and every command's input read them.  The
 * first byte chooses the format, the delimiter and the encoding. */
#include "fuzz.h"
#include "px.h"
#include "intake/adt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum px_fmt fmts[] = { PX_FMT_AUTO, PX_FMT_CSV, PX_FMT_JSONL, PX_FMT_JSON,
					    PX_FMT_HL7 };
	static const char *const encs[] = { NULL, "windows-1256", "UTF-16", "ISO-8859-6" };
	static const char delims[] = { 0, ';', '\t', '|' };
	if (!size)
		return 0;
	unsigned sel = data[0];
	const char *path = fuzz_file(data + 1, size - 1, NULL);
	struct px_err err;
	struct px_reader *rd = px_reader_open_as(path, fmts[sel % 5], encs[(sel / 5) % 4], &err);
	if (!rd)
		return 0;
	px_reader_hl7(rd, px_adt_visit);
	if (delims[(sel / 20) % 4])
		px_reader_delimiter(rd, delims[(sel / 20) % 4]);
	struct px_rec *r;
	int rc;
	for (int n = 0; n < 10000 && (rc = px_reader_next(rd, &r, &err)) != 0 && rc != -2; n++) {
		if (rc == 1) {
			char *json = px_rec_dump(r);
			free(json);
			px_rec_free(r);
		}
		(void)px_reader_raw(rd);
		(void)px_reader_header_line(rd);
	}
	px_reader_close(rd);
	return 0;
}
