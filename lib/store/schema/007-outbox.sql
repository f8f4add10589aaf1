-- 007-outbox: messages that outlast an outage, wait for what they lack,
-- and carry no survey token.

-- When a message still undelivered is failed as expired (created_at plus
-- notify.expire_hours, again from a requeue); NULL for the messages of
-- stores made before 007, whose expiry is reckoned from created_at.
ALTER TABLE notifications ADD COLUMN expires_at TEXT;
-- Why a pending message waits without an attempt: the end of quiet
-- hours, or a channel px cannot use yet (no gateway configured, no key
-- to make its link); NULL when it waits only for its next attempt time.
ALTER TABLE notifications ADD COLUMN held TEXT
	CHECK (held IS NULL OR held IN ('quiet_hours', 'config'));
-- How the sender makes the message's secret link at sending time (JSON:
-- purpose, object, salt, base): the body keeps {{link}} in its place and
-- the vars leave it out, so that the store never holds the link.
ALTER TABLE notifications ADD COLUMN link TEXT;

-- A link token is HMAC-SHA-256, under the store's "survey-link" secret,
-- of the survey's public id and this salt: the store keeps only the
-- salt and the token's hash, and the sender can make the token again.
-- NULL for the tokens drawn at random before 007.
ALTER TABLE survey_tokens ADD COLUMN salt TEXT;
