/* Unit tests of the table of px.conf's keys: every default is a value
 * its own key accepts, the typed readers take the table's defaults, and
 * a load checks values and warns of unknown keys. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "px.h"
#include "tap.h"

/* Writes text to a new temporary file; its name into path. */
static void write_conf(char *path, const char *text)
{
	snprintf(path, 32, "/tmp/pxconfXXXXXX");
	int fd = mkstemp(path);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		abort();
	close(fd);
}

/* A name the pattern of k matches: "*" and "#" filled in. */
static void example_name(const struct px_config_key *k, char *buf, size_t size)
{
	snprintf(buf, size, "%s", k->name);
	size_t n = strlen(buf);
	if (n > 2 && buf[n - 2] == '.' && buf[n - 1] == '*')
		snprintf(buf + n - 1, size - n + 1, "KFH");
	else if (n > 2 && buf[n - 2] == '.' && buf[n - 1] == '#')
		snprintf(buf + n - 1, size - n + 1, "1");
}

static void test_defaults(void)
{
	/* Every default, written into a file under its key, loads with no
	 * error and no warning: the table never refuses its own values. */
	struct px_buf text = PX_BUF_INIT;
	int keys = 0;
	for (const struct px_config_key *k = px_config_keys; k->name; k++) {
		keys++;
		ok(px_config_key(k->name) != NULL || strchr(k->name, '*') || strchr(k->name, '#'),
		   "%s is found by name", k->name);
		ok(k->def || k->type != PX_CONF_INT, "%s, an integer, has a default", k->name);
		if (!k->def)
			continue;
		char name[128];
		example_name(k, name, sizeof name);
		px_buf_addf(&text, "[%.*s]\n%s = \"%s\"\n", (int)(strchr(name, '.') - name), name,
			    strchr(name, '.') + 1, k->def);
	}
	ok(keys > 40, "the table has the keys (%d)", keys);
	char path[32];
	write_conf(path, px_buf_str(&text));
	struct px_err e;
	px_err_clear(&e);
	struct px_config *c = px_config_load(path, &e);
	ok(c != NULL, "every default is accepted: %s", c ? "yes" : e.text);
	is_int(px_config_nwarnings(c), 0, "and no key is unknown");
	px_config_free(c);
	unlink(path);
	px_buf_free(&text);
}

static void test_readers(void)
{
	char path[32];
	write_conf(path, "[survey]\nexpiry_days = 7\n[whatsapp]\nfallback_sms = yes\n"
			 "[notify]\nbackoff = env:PX_TEST_BACKOFF\n");
	struct px_err e;
	px_err_clear(&e);
	unsetenv("PX_TEST_BACKOFF");
	struct px_config *c = px_config_load(path, &e);
	ok(c != NULL, "loads");
	is_int(px_config_num(c, "survey.expiry_days"), 7, "an integer from the file");
	is_int(px_config_num(c, "survey.reminder_days"), 3, "an unset integer: the table's default");
	is_int(px_config_num(c, "notify.backoff"), 60, "env: unset: the default");
	setenv("PX_TEST_BACKOFF", "", 1);
	is_int(px_config_num(c, "notify.backoff"), 60, "env: empty is unset");
	ok(px_config_env("PX_TEST_BACKOFF") == NULL, "px_config_env: empty is NULL");
	setenv("PX_TEST_BACKOFF", "90", 1);
	is_int(px_config_num(c, "notify.backoff"), 90, "env: set");
	ok(px_config_flag(c, "whatsapp.fallback_sms") == 1, "a flag from the file");
	is_str(px_config_str(c, "smtp.starttls"), "required", "text: the table's default");
	is_str(px_config_str(c, "privacy.key_file"), NULL, "no default until the front end gives one");
	px_config_default(c, "privacy.key_file", "px.db.key");
	is_str(px_config_str(c, "privacy.key_file"), "px.db.key", "the front end's default");
	ok(!px_config_is_set(c, "privacy.key_file"), "which is not set by the file");
	setenv("PX_PRIVACY_KEY_FILE", "/k", 1);
	is_str(px_config_str(c, "privacy.key_file"), "/k", "the environment comes first");
	unsetenv("PX_PRIVACY_KEY_FILE");
	long long n;
	ok(px_config_int(c, "survey.reminder_max", 99, 50, 60, &n, &e) == 0 && n == 2,
	   "the older reader takes the table's default and range");
	setenv("PX_SURVEY_REMINDER_MAX", "11", 1);
	ok(px_config_int(c, "survey.reminder_max", 99, 0, 100, &n, &e) < 0,
	   "and refuses what the table refuses");
	unsetenv("PX_SURVEY_REMINDER_MAX");
	unsetenv("PX_TEST_BACKOFF");
	px_config_free(c);
	unlink(path);
}

static void test_load_checks(void)
{
	char path[32];
	struct px_err e;
	write_conf(path, "[survey]\nexpiry_day = 3\n[sms]\nheader.33 = A: b\nheader.2 = A: b\n");
	px_err_clear(&e);
	struct px_config *c = px_config_load(path, &e);
	ok(c != NULL, "unknown keys do not stop the load");
	is_int(px_config_nwarnings(c), 2, "two warnings");
	const struct px_err *w = px_config_warning(c, 0);
	ok(w && w->line == 2 && strstr(w->text, "unknown key 'survey.expiry_day'"),
	   "the first names the key and its line");
	px_config_free(c);
	unlink(path);

	write_conf(path, "[survey]\nexpiry_days = 30\n\n[smtp]\nuser = px\nstarttls = later\n");
	px_err_clear(&e);
	ok(px_config_load(path, &e) == NULL && e.code == PX_EINPUT && e.line == 6,
	   "a bad value stops the load at its line");
	ok(strstr(e.text, "'smtp.starttls' must be required or optional, not 'later'") != NULL,
	   "and says what it must be: %s", e.text);
	unlink(path);

	write_conf(path, "[privacy]\nnatid_key = not-long\n");
	px_err_clear(&e);
	ok(px_config_load(path, &e) == NULL && !strstr(e.text, "not-long"),
	   "a short secret is refused without being quoted");
	unlink(path);
	write_conf(path, "[smtp]\npassword = \"\"\n");
	px_err_clear(&e);
	ok(px_config_load(path, &e) == NULL && strstr(e.text, "'smtp.password' is empty"),
	   "an empty secret is refused");
	unlink(path);

	setenv("PX_NOTIFY_QUIET_HOURS", "25:00-08:00", 1);
	px_err_clear(&e);
	ok(px_config_load("/dev/null", &e) == NULL && !strcmp(e.source, "PX_NOTIFY_QUIET_HOURS"),
	   "an environment override is checked, and named");
	unsetenv("PX_NOTIFY_QUIET_HOURS");
}

int main(void)
{
	test_defaults();
	test_readers();
	test_load_checks();
	return tap_done();
}
