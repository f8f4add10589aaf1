/* px.h - libpx, the patient-experience library behind every px command. */
#ifndef PX_H
#define PX_H

#include "base/mem.h"
#include "base/err.h"
#include "base/civil.h"
#include "base/time.h"
#include "base/token.h"
#include "base/config.h"
#include "records/record.h"
#include "store/store.h"
#include "core/auth.h"
#include "core/audit.h"
#include "core/org.h"
#include "core/user.h"
#include "base/privacy.h"
#include "base/regex.h"
#include "base/address.h"
#include "messages/template.h"
#include "messages/gateway.h"
#include "messages/smtp.h"
#include "messages/notify.h"
#include "surveys/score.h"
#include "surveys/survey.h"
#include "cases/feedback.h"
#include "cases/case.h"
#include "cases/attach.h"
#include "cases/followup.h"
#include "cases/workflow.h"
#include "report/report.h"
#include "report/chart.h"
#include "report/dashboard.h"
#include "cli/cli.h"

#include "base/banned.h"

#endif
