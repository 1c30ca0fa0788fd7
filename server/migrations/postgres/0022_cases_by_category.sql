-- 预警 counts, as each case arrives, the cases of its category recorded in the last days
-- (`warnings::cluster`): from this index, not from every case of the district.
CREATE INDEX cases_by_category ON cases(category, created_at);
