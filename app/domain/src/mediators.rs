//! 调解员库 and 专家库: the people a unit puts on its cases, with their specialties (dispute
//! categories) and levels, kept by admins. Each entry lists the people the mediator must
//! withdraw (回避) for — relatives and others with an interest — so the assignment can refuse a
//! mediator related to a party (人民调解法 第二十二条: 当事人可以要求回避; seed 003).

use crate::dispute::Party;
use crate::problem::Problem;
use crate::problem::MAX_SHORT_CHARS;
use crate::problem::{check_text, problem, FieldProblem};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str", rename_all = "snake_case")]
pub enum MediatorKind {
    /// 人民调解员
    Mediator,
    /// 专家 (lawyer, doctor, engineer…) called in for a specialty.
    Expert,
}

crate::coded!(MediatorKind {
    Mediator => "mediator",
    Expert => "expert",
});

/// The grades people's mediators are rated in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str", rename_all = "snake_case")]
pub enum Level {
    /// 首席调解员
    Chief,
    /// 一级调解员
    Senior,
    /// 二级调解员
    Intermediate,
    /// 三级调解员
    Junior,
}

crate::coded!(Level {
    Chief => "chief",
    Senior => "senior",
    Intermediate => "intermediate",
    Junior => "junior",
});

/// Someone a mediator must withdraw for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    pub name: String,
    #[serde(default)]
    pub id_number: Option<String>,
}

/// A pool entry as an admin enters it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewMediator {
    pub unit_id: i64,
    pub name: String,
    pub kind: MediatorKind,
    pub level: Level,
    /// Dispute category codes.
    pub specialties: Vec<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub id_number: Option<String>,
    #[serde(default)]
    pub relations: Vec<Relation>,
}

/// A pool entry as lists show it (phone and ID numbers masked).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mediator {
    pub id: i64,
    pub unit_id: i64,
    pub unit_name: String,
    pub name: String,
    pub kind: MediatorKind,
    pub level: Level,
    pub specialties: Vec<String>,
    pub phone: Option<String>,
    pub active: bool,
}

pub fn validate(m: &NewMediator) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    check_text(&mut out, "name", &m.name, MAX_SHORT_CHARS);
    if m.specialties.len() > 20 {
        out.push(problem("specialties", Problem::TooLong));
    }
    if let Some(phone) = &m.phone {
        if !phone.trim().is_empty() && !crate::dispute::is_phone_number(phone) {
            out.push(problem("phone", Problem::BadFormat));
        }
    }
    for (i, r) in m.relations.iter().enumerate() {
        check_text(
            &mut out,
            &format!("relations[{i}].name"),
            &r.name,
            MAX_SHORT_CHARS,
        );
    }
    out
}

/// The people a mediator withdraws for, as an admin types them: one per line, a name, then
/// optionally the ID number after a space.
pub fn parse_relations(text: &str) -> Vec<Relation> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| match line.rsplit_once(char::is_whitespace) {
            // An ID number as typed (its check digit is not enforced: a mistyped number simply
            // matches nobody, while the name still does).
            Some((name, id))
                if id.len() >= 15
                    && id
                        .chars()
                        .all(|c| c.is_ascii_digit() || c == 'X' || c == 'x') =>
            {
                Relation {
                    name: name.trim().to_owned(),
                    id_number: Some(id.trim().to_owned()),
                }
            }
            _ => Relation {
                name: line.to_owned(),
                id_number: None,
            },
        })
        .collect()
}

/// The same person: the ID numbers match when both are known, else the names do. A name match
/// alone may be a namesake, but withdrawing needlessly costs a reassignment while a related
/// mediator costs the agreement its fairness, so the check errs towards withdrawal.
fn same_person(name: &str, id_number: Option<&str>, party: &Party) -> bool {
    let norm = |s: &str| s.trim().to_uppercase();
    match (id_number, party.id_number.as_deref()) {
        (Some(a), Some(b)) if !a.trim().is_empty() && !b.trim().is_empty() => norm(a) == norm(b),
        _ => name.trim() == party.name.trim(),
    }
}

/// The party the mediator must withdraw for — the mediator is a party, or related to one —
/// or `None` when the mediator may take the case.
pub fn recusal<'p>(
    name: &str,
    id_number: Option<&str>,
    relations: &[Relation],
    parties: &'p [Party],
) -> Option<&'p Party> {
    parties.iter().find(|party| {
        same_person(name, id_number, party)
            || relations
                .iter()
                .any(|r| same_person(&r.name, r.id_number.as_deref(), party))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dispute::{PartyKind, PartyRole};

    fn party(name: &str, id: Option<&str>) -> Party {
        Party {
            name: name.into(),
            role: PartyRole::Applicant,
            kind: PartyKind::Person,
            phone: None,
            id_number: id.map(Into::into),
        }
    }

    #[test]
    fn a_mediator_related_to_a_party_withdraws() {
        let parties = [
            party("王五", None),
            party("赵六", Some("33080319800101001X")),
        ];
        let brother = [Relation {
            name: "王五".into(),
            id_number: None,
        }];
        assert_eq!(
            recusal("王大", None, &brother, &parties).map(|p| p.name.as_str()),
            Some("王五")
        );
        assert!(recusal("王大", None, &[], &parties).is_none());
    }

    #[test]
    fn id_numbers_decide_over_names_when_both_are_known() {
        let parties = [party("赵六", Some("33080319800101001X"))];
        // A namesake with another ID number is someone else…
        let namesake = [Relation {
            name: "赵六".into(),
            id_number: Some("330803199001010022".into()),
        }];
        assert!(recusal("钱七", None, &namesake, &parties).is_none());
        // … and the same ID number is the same person, whatever the spelling of the name.
        let same = [Relation {
            name: "赵 六".into(),
            id_number: Some("33080319800101001x".into()),
        }];
        assert!(recusal("钱七", None, &same, &parties).is_some());
    }

    #[test]
    fn relations_are_typed_one_per_line() {
        let typed = "王五\n 赵六 33080319800101001X \n\n";
        assert_eq!(
            parse_relations(typed),
            vec![
                Relation {
                    name: "王五".into(),
                    id_number: None
                },
                Relation {
                    name: "赵六".into(),
                    id_number: Some("33080319800101001X".into())
                },
            ]
        );
    }

    #[test]
    fn a_mediator_who_is_a_party_withdraws() {
        let parties = [party("孙八", None)];
        assert!(recusal("孙八", None, &[], &parties).is_some());
    }
}
