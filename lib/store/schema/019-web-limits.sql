-- 019-web-limits: the wrong links and codes each client of the web pages
-- (px-web) has tried in the current hour, so that guessing is slowed: the
-- client is its address cut to its network (IPv4 /24, IPv6 /48) and hashed
-- under the store's secret, never the address itself.
CREATE TABLE web_failures (
	client TEXT NOT NULL,                    -- hex HMAC of the cut address
	hour TEXT NOT NULL,                      -- UTC, YYYY-MM-DDTHH
	failures INTEGER NOT NULL,
	PRIMARY KEY (client, hour)
);
