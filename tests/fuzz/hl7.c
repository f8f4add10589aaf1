/* hl7 - HL7 v2 framing (MLLP blocks, batches, MSH-18 character sets),
 * field access and escapes on any bytes, and the acknowledgement px
 * writes for each message (px-import-his --mllp). */
#include "fuzz.h"
#include "px.h"
#include "records/hl7.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f = fmemopen((void *)data, size, "r");
	if (!f)
		return 0;
	struct px_hl7_reader *rd = px_hl7_reader_new(f, "fuzz");
	const struct px_hl7_msg *m;
	struct px_err err;
	struct px_buf b = PX_BUF_INIT, ack = PX_BUF_INIT;
	int rc;
	for (int n = 0; n < 2000 && (rc = px_hl7_next(rd, &m, &err)) != 0 && rc != -2; n++) {
		if (rc == 1) {
			for (size_t s = 0; s < m->nsegs && s < 20; s++)
				for (int fl = 1; fl <= 12; fl++) {
					px_hl7_get(m, (int)s, fl, 1, 0, 0, &b);
					px_hl7_get(m, (int)s, fl, 2, 1, 2, &b);
					struct px_hl7_rep it = { 0 };
					while (px_hl7_rep_next(m, (int)s, fl, &it))
						px_hl7_rep_get(m, &it, 1, 1, &b);
				}
		}
		px_buf_reset(&ack);
		px_hl7_ack(px_hl7_raw(rd), rc == 1 ? "AA" : "AE", rc == 1 ? NULL : err.text,
			   "20261123090000+0000", n, &ack);
	}
	px_buf_free(&b);
	px_buf_free(&ack);
	px_hl7_reader_free(rd);
	fclose(f);
	return 0;
}
