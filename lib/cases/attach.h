/*
 * attach.h - files attached to cases: evidence a complaint or any other
 * kind of case is given (a scanned letter, a photograph, a report).
 *
 * An attachment is kept in the store, never as a path to a file that can
 * vanish, and addressed by its content: its bytes are stored once under
 * their SHA-256 however many cases attach them, and are given back
 * byte for byte.  A file is accepted only when it is not empty, is at
 * most cases.attachment_max bytes (px.conf(5), 10 MiB unless set), and
 * its bytes say it is one of the types px_attach_type knows; nothing of
 * a refused file is stored.  Each attachment is an entry of its case's
 * timeline (type "attachment").
 *
 * The record of an attachment, type "case.attachment": id ("att_..."),
 * case (the case's reference), name (the file's name as given, without
 * its directory), content_type (px_attach_type's), size (bytes), sha256
 * (hex), at, by (the user who attached it).
 */
#ifndef PX_CASES_ATTACH_H
#define PX_CASES_ATTACH_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "cases/workflow.h"
#include "core/ctx.h"

#define PX_ATTACH_TYPE_LEN 64

/*
 * The type of a file from its first bytes, or NULL when it is none px
 * accepts:
 *   "application/pdf"  it starts "%PDF-"
 *   "image/jpeg"       it starts FF D8 FF
 *   "image/png"        it starts with PNG's 8-byte signature
 *   "text/plain"       it is UTF-8 (base/utf8.h, strict) with no control
 *                      character but tab, line feed, form feed and
 *                      carriage return, after an optional byte order
 *                      mark, and holds at least one character besides it
 */
const char *px_attach_type(const void *data, size_t len);

/*
 * Attaches the file at path to the case named by its reference or public
 * id (staff or above in the case's hospital).  The file is read here, in
 * bounded chunks that stop once it passes the cap, so that a huge file is
 * never read whole.  In one transaction: its bytes under their digest
 * (when the store does not have them yet), the attachment, the timeline
 * entry (text: the name; data: {"attachment", "sha256", "content_type",
 * "size"}) and the audit row ("case_attached": the case, its kind, the
 * attachment and its digest; never the name, which may name a patient).
 * Emits the attachment's record once committed.
 *
 * The same bytes attached again to the same case change nothing: the
 * earlier attachment is emitted, with its name as first given.
 *
 * Refused, nothing stored: PX_EREJECT "FILE: 10485761 bytes, over the
 * 10485760 a case attachment may have (cases.attachment_max)" ("FILE:
 * more than 10485760 bytes, over what a case attachment may have
 * (cases.attachment_max)" for a pipe or a device, whose size is not
 * known before it is read), "FILE: not a PDF, JPEG, PNG or plain-text
 * file", "FILE: empty file", "FILE: its name is not printable UTF-8";
 * PX_EINPUT "FILE: REASON" (strerror) when it cannot be read, and for an
 * unknown case; PX_EPERM.
 */
int px_case_attach(struct px_ctx *cx, const struct px_workflow *wf, const char *ref,
		   const char *path, struct px_err *err);

/*
 * The bytes of attachment id ("att_...") of the case ref (viewer or above
 * in its hospital), in *data (caller frees; never NULL on success) and
 * *len, and its type into type when type is not NULL.  Emits nothing: the
 * front end writes the bytes where they go.  PX_EINPUT for an
 * attachment the case does not have; PX_ESTORE when the bytes read back
 * do not match their digest (a damaged store).
 */
int px_case_attachment(struct px_ctx *cx, const struct px_workflow *wf, const char *ref,
		       const char *id, void **data, size_t *len, char type[PX_ATTACH_TYPE_LEN],
		       struct px_err *err);

/* Emits the attachments of the case of row id case_id, oldest first, as
 * "case.attachment" records.  For a verb that has checked the reader's
 * right to the case itself (px_case_show). */
int px_case_attachments(struct px_ctx *cx, int64_t case_id, struct px_err *err);

#endif
