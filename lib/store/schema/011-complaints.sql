-- 011-complaints: what complaints and inquiries say beyond every case.
-- The classification of a complaint is a code of the complaint taxonomy
-- (share/px/taxonomy/, any of its four levels), an inquiry's one of its
-- categories; the external references are those of the Ministry of
-- Health's and the Council of Health Insurance's portals.

ALTER TABLE cases ADD COLUMN classification TEXT;
ALTER TABLE cases ADD COLUMN staff_named TEXT;   -- the physician or staff the person names
ALTER TABLE cases ADD COLUMN moh_ref TEXT;
ALTER TABLE cases ADD COLUMN chi_ref TEXT;
ALTER TABLE cases ADD COLUMN language TEXT;      -- for someone not in the store: en or ar

CREATE INDEX cases_classification ON cases (kind, hospital_id, classification);
-- The departments a department manager manages: what it may assign and
-- resolve.  One with none manages every department of its hospitals.
CREATE TABLE user_departments (
	user_id INTEGER NOT NULL REFERENCES users(id),
	department_id INTEGER NOT NULL REFERENCES departments(id),
	PRIMARY KEY (user_id, department_id)
);

-- the case a survey, encounter or other record belongs to
CREATE INDEX case_links_object ON case_links (type, object);
