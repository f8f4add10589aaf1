/*
 * adt.h - HL7 v2 ADT messages as visit records (normalise.h names their
 * fields): the trigger event (MSH-9.2, else EVN-1), the event time
 * (EVN-6, else EVN-2, else MSH-7), the hospital (PV1-3.4, else MSH-4),
 * the patient (PID), the visit (PV1) and a merge's prior MRN (MRG-1).
 * px-import-his(1) lists the fields.
 */
#ifndef PX_ADT_H
#define PX_ADT_H

#include "base/err.h"
#include "records/hl7.h"
#include "records/record.h"

/* Maps an ADT message to a visit record (caller frees); NULL with err
 * (PX_EREJECT, naming the segment and field, err->line the segment's
 * line) when it cannot.  A px_hl7_map_fn for the record reader. */
struct px_rec *px_adt_visit(const struct px_hl7_msg *m, struct px_err *err);

#endif
