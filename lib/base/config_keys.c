/*
 * config_keys.c - every key of px.conf: its type, what it may be and its
 * default.  px_config_load checks the file and the environment against
 * this table, and the typed readers take their defaults from it; px.conf(5)
 * documents the same keys in the same order.  A module that reads a new
 * key adds it here (and to px.conf(5)), never a default of its own.
 */
#include "base/config.h"
#include "base/banned.h"

/* The keys of an HTTP gateway channel (sms, whatsapp). */
#define GATEWAY(ch)                                                                  \
	{ ch ".url", PX_CONF_URL, 0, 0, "https|http", NULL, NULL },                  \
	{ ch ".method", PX_CONF_ENUM, 0, 0, "POST|PUT", "POST", NULL },               \
	{ ch ".header.#", PX_CONF_HEADER, 0, 0, NULL, NULL, NULL },                  \
	{ ch ".content_type", PX_CONF_TEXT, 0, 0, NULL, "application/json", NULL },  \
	{ ch ".body", PX_CONF_TEXT, 0, 0, NULL, NULL,                                \
	  "a JSON object of to, text and reference for a JSON content type, "       \
	  "else a form of to and text" },                                            \
	{ ch ".from", PX_CONF_TEXT, 0, 0, NULL, NULL, NULL },                        \
	{ ch ".success_status", PX_CONF_STATUS, 0, 0, NULL, "200-299", NULL },       \
	{ ch ".id_field", PX_CONF_TEXT, 0, 0, NULL, "id", NULL },                    \
	{ ch ".idempotency_header", PX_CONF_TEXT, 0, 0, NULL, NULL, NULL },          \
	{ ch ".after_crash", PX_CONF_ENUM, 0, 0, "resend|hold", NULL,                \
	  "resend when idempotency_header is set, else hold" },                      \
	{ ch ".rate_per_minute", PX_CONF_INT, 0, 100000, NULL, "0", NULL },          \
	{ ch ".timeout", PX_CONF_INT, 1, 600, NULL, "10", NULL },                    \
	{ ch ".ca_file", PX_CONF_PATH, 0, 0, NULL, NULL, NULL }

const struct px_config_key px_config_keys[] = {
	{ "store.db", PX_CONF_PATH, 0, 0, NULL, "px.db", NULL },
	{ "time.zone", PX_CONF_ZONE, 0, 0, NULL, "Asia/Riyadh", NULL },

	{ "privacy.key_file", PX_CONF_PATH, 0, 0, NULL, NULL,
	  "the store's file name with .key appended (px.db.key beside px.db)" },
	{ "privacy.natid_key", PX_CONF_SECRET, 16, 0, NULL, NULL, NULL },

	{ "import.journeys", PX_CONF_PATH, 0, 0, NULL, NULL, "journeys/ in the data directory" },
	{ "import.deceased_codes", PX_CONF_TEXT, 0, 0, NULL, "20,40,41,42", NULL },
	{ "import.batch", PX_CONF_INT, 1, 1000000, NULL, "10000", NULL },
	{ "import.default_journey", PX_CONF_TEXT, 0, 0, NULL, NULL, NULL },

	{ "survey.base_url", PX_CONF_URL, 0, 0, "https|http", "https://px.invalid/s/", NULL },
	{ "survey.expiry_days", PX_CONF_INT, 1, 3650, NULL, "30", NULL },
	{ "survey.fatigue_days", PX_CONF_INT, 0, 3650, NULL, "30", NULL },
	{ "survey.abandon_hours", PX_CONF_INT, 1, 87600, NULL, "24", NULL },
	{ "survey.reminder_days", PX_CONF_INT, 1, 365, NULL, "3", NULL },
	{ "survey.reminder_max", PX_CONF_INT, 0, 10, NULL, "2", NULL },

	{ "contact.target_hours", PX_CONF_INT, 1, 8760, NULL, "48", NULL },
	{ "contact.expired_check", PX_CONF_ENUM, 0, 0, "escalated|awaiting_contact", "escalated", NULL },
	{ "contact.staff_may_contact", PX_CONF_BOOL, 0, 0, NULL, "false", NULL },

	{ "notify.quiet_hours", PX_CONF_HOURS, 0, 0, NULL, "22:00-08:00", NULL },
	{ "notify.retry", PX_CONF_TEXT, 0, 0, NULL, "1m 5m 15m 1h 3h 6h", NULL },
	{ "notify.retry_jitter", PX_CONF_INT, 0, 100, NULL, "25", NULL },
	{ "notify.expire_hours", PX_CONF_INT, 1, 8760, NULL, "48", NULL },
	{ "notify.max_attempts", PX_CONF_INT, 0, 1000, NULL, "0", "none (0), the schedule runs until the message expires" },
	{ "notify.backoff", PX_CONF_INT, 1, 86400, NULL, "60", "used only when notify.retry is not set" },
	{ "notify.fallback", PX_CONF_TEXT, 0, 0, NULL, NULL, "whatsapp sms when whatsapp.fallback_sms is true, else none" },
	{ "notify.lease", PX_CONF_INT, 10, 86400, NULL, "600", NULL },
	{ "notify.templates", PX_CONF_PATH, 0, 0, NULL, NULL, "templates/ in the data directory" },
	{ "notify.templates.*", PX_CONF_PATH, 0, 0, NULL, NULL, NULL },

	{ "smtp.url", PX_CONF_URL, 0, 0, "smtp|smtps", NULL, NULL },
	{ "smtp.user", PX_CONF_TEXT, 0, 0, NULL, NULL, NULL },
	{ "smtp.password", PX_CONF_SECRET, 1, 0, NULL, NULL, NULL },
	{ "smtp.from", PX_CONF_TEXT, 0, 0, NULL, NULL, NULL },
	{ "smtp.starttls", PX_CONF_ENUM, 0, 0, "required|optional", "required", NULL },
	{ "smtp.timeout", PX_CONF_INT, 1, 600, NULL, "30", NULL },
	{ "smtp.ca_file", PX_CONF_PATH, 0, 0, NULL, NULL, NULL },

	GATEWAY("sms"),
	GATEWAY("whatsapp"),
	{ "whatsapp.fallback_sms", PX_CONF_BOOL, 0, 0, NULL, "false", NULL },

	{ "email.rate_per_minute", PX_CONF_INT, 0, 100000, NULL, "0", NULL },
	{ "email.after_crash", PX_CONF_ENUM, 0, 0, "resend|hold", "resend", NULL },

	{ "cases.track_url", PX_CONF_URL, 0, 0, "https|http", "https://px.invalid/track/", NULL },
	{ "cases.staff_url", PX_CONF_URL, 0, 0, "https|http", "https://px.invalid/case/", NULL },
	{ "cases.reply_days", PX_CONF_INT, 1, 365, NULL, "7", NULL },
	{ "cases.workflows", PX_CONF_PATH, 0, 0, NULL, NULL, "workflows/ in the data directory" },
	{ "cases.taxonomy", PX_CONF_PATH, 0, 0, NULL, NULL, "taxonomy/ in the data directory" },
	{ "cases.attachment_max", PX_CONF_INT, 1, 1000000000, NULL, "10485760", NULL },

	{ "sla.calendars", PX_CONF_PATH, 0, 0, NULL, NULL, "calendars/ in the data directory" },
	{ "sla.policies", PX_CONF_PATH, 0, 0, NULL, NULL, "sla/policies in the data directory" },

	{ "web.pages", PX_CONF_TEXT, 0, 0, NULL, "survey,complaint,observe,track", NULL },

	{ "actions.rules", PX_CONF_PATH, 0, 0, NULL, NULL, "rules/actions in the data directory" },
	{ "actions.routing", PX_CONF_PATH, 0, 0, NULL, NULL, "rules/routing in the data directory" },

	{ "report.min_n", PX_CONF_INT, 0, 1000000000, NULL, "30", NULL },
	{ NULL, 0, 0, 0, NULL, NULL, NULL },
};
