-- 008-suppression-reason: why a due survey was not sent, as a code that
-- reports group by (survey_due.reason: deceased, fatigue, no_contact,
-- opted_out, template_disabled, ...; withdrawn rows keep the code of the
-- event that withdrew them) and the words of the one case
-- (reason_detail: "fatigue window (srv_... sent within 30 days)"), which
-- listings show.  px-import-his wrote codes already; px-survey send wrote
-- the words into reason: those rows get the code their words mean and
-- keep the words as the detail.  A code has no space, words always do.

ALTER TABLE survey_due ADD COLUMN reason_detail TEXT;

UPDATE survey_due SET reason_detail = reason,
	reason = CASE
		WHEN reason LIKE 'fatigue%' THEN 'fatigue'
		WHEN reason LIKE 'opted out%' THEN 'opted_out'
		WHEN reason = 'no contact' THEN 'no_contact'
		WHEN reason = 'template disabled' THEN 'template_disabled'
		ELSE 'other' END
WHERE reason LIKE '% %';
