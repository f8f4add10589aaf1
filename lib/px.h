/* px.h - libpx, the patient-experience library behind every px command. */
#ifndef PX_H
#define PX_H

#include "mem.h"
#include "err.h"
#include "time.h"
#include "token.h"
#include "config.h"
#include "record.h"
#include "store.h"
#include "auth.h"
#include "audit.h"
#include "org.h"
#include "user.h"
#include "privacy.h"
#include "regex.h"
#include "address.h"
#include "template.h"
#include "gateway.h"
#include "smtp.h"
#include "notify.h"
#include "score.h"
#include "survey.h"
#include "contact.h"
#include "report.h"
#include "chart.h"
#include "dashboard.h"
#include "cli.h"

#include "banned.h"

#endif
