//! A notice as it is written: what happened to which case. The inbox words it in the reader's
//! language; the group robots format it as their markdown.

use domain::notices::NoticeKind;

/// What happened, as stored; the inbox words it in the reader's language.
pub struct Notice<'a> {
    pub kind: NoticeKind,
    /// Empty for a notice about no one case (a weekly-sweep reminder, say).
    pub case_id: &'a str,
    pub case_number: &'a str,
    pub summary: &'a str,
    /// The rule's name, the reason given, or the result, as the kind needs.
    pub detail: Option<&'a str>,
    pub at: i64,
    /// The person whose act this is: not told of it (a clerk who registers a walk-in that stays
    /// with their own unit, an officer acting on a case their unit holds).
    pub by: Option<i64>,
}

impl Notice<'_> {
    /// The case id to store: none for a notice about no one case.
    pub fn case(&self) -> Option<&str> {
        Some(self.case_id).filter(|id| !id.is_empty())
    }
}
