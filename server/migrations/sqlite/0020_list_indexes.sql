-- Issue 16: 案件查询 and 统计 on a million cases start from a small set of cases found by its own
-- index (`cases::listing`): the open cases by deadline (overdue), and the cases with an event
-- of a kind (交办, 督办).
CREATE INDEX cases_open_by_deadline ON cases(status, deadline_at);
CREATE INDEX case_events_by_kind ON case_events(kind, case_id);
-- 月报's per-mediator counts read one period's cases.
CREATE INDEX case_figures_by_month ON case_figures(month, case_id);
