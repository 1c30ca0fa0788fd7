//! The record form's draft: what the person has typed, as text, turned into `DisputeFacts`
//! (with the shared checks) only when they save.

use domain::dispute::{
    format_yuan, parse_yuan, validate, DisputeFacts, GpsFix, Party, PartyKind, PartyRole, Source,
};
use domain::problem::{FieldProblem, Problem};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartyDraft {
    /// Stable key for the list, so removing a party does not move another's inputs.
    pub key: u32,
    pub name: String,
    pub role: PartyRole,
    pub kind: PartyKind,
    pub phone: String,
    pub id_number: String,
}

impl PartyDraft {
    pub fn new(key: u32, role: PartyRole) -> PartyDraft {
        PartyDraft {
            key,
            name: String::new(),
            role,
            kind: PartyKind::Person,
            phone: String::new(),
            id_number: String::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub category: String,
    pub summary: String,
    pub parties: Vec<PartyDraft>,
    pub amount_yuan: String,
    pub people_involved: String,
    pub location: String,
    pub gps: Option<GpsFix>,
    pub facts_clear: bool,
    pub sensitive: bool,
    pub petition_risk: bool,
    pub resolved_on_spot: bool,
    pub on_spot_result: String,
    pub consent_to_transfer: bool,
    /// How it came in: the grid worker's rounds, or what a unit's window took in.
    #[serde(default)]
    pub source: Source,
}

impl Default for Draft {
    fn default() -> Draft {
        Draft {
            category: String::new(),
            summary: String::new(),
            parties: vec![
                PartyDraft::new(0, PartyRole::Applicant),
                PartyDraft::new(1, PartyRole::Respondent),
            ],
            amount_yuan: String::new(),
            people_involved: "2".into(),
            location: String::new(),
            gps: None,
            facts_clear: false,
            sensitive: false,
            petition_risk: false,
            resolved_on_spot: false,
            on_spot_result: String::new(),
            consent_to_transfer: false,
            source: Source::GridPatrol,
        }
    }
}

impl Draft {
    /// A new draft for whoever records: a grid worker's rounds, or a visit at a unit's window
    /// (the form then asks how it came in, a visit first).
    pub fn new(at_grid: bool) -> Draft {
        Draft {
            source: if at_grid {
                Source::GridPatrol
            } else {
                Source::Visit
            },
            ..Draft::default()
        }
    }
}

fn optional(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

impl Draft {
    pub fn add_party(&mut self) {
        let key = self.parties.iter().map(|p| p.key + 1).max().unwrap_or(0);
        self.parties.push(PartyDraft::new(key, PartyRole::Other));
    }

    /// The facts to record, or every problem with the draft (named by field, as the server
    /// names them).
    pub fn to_facts(&self) -> Result<DisputeFacts, Vec<FieldProblem>> {
        let (facts, mut problems) = self.as_typed();
        problems.extend(validate(&facts));
        if problems.is_empty() {
            Ok(facts)
        } else {
            Err(problems)
        }
    }

    /// The facts the rules route by, as far as they are typed: the preview shows where the case
    /// will go as soon as its category is chosen, even while a phone number is still wrong.
    pub fn routing_facts(&self) -> Option<DisputeFacts> {
        (!self.category.is_empty()).then(|| self.as_typed().0)
    }

    /// The draft read as facts, with the problems of the fields that could not be read.
    fn as_typed(&self) -> (DisputeFacts, Vec<FieldProblem>) {
        let mut problems = Vec::new();
        let amount_fen = match optional(&self.amount_yuan) {
            None => None,
            Some(text) => {
                let parsed = parse_yuan(&text);
                if parsed.is_none() {
                    problems.push(FieldProblem {
                        field: "amount_fen".into(),
                        problem: Problem::BadFormat,
                    });
                }
                parsed
            }
        };
        let people_involved = match self.people_involved.trim().parse::<u32>() {
            Ok(n) => n,
            Err(_) if self.people_involved.trim().is_empty() => 0,
            Err(_) => {
                problems.push(FieldProblem {
                    field: "people_involved".into(),
                    problem: Problem::BadFormat,
                });
                1
            }
        };
        let facts = DisputeFacts {
            category: self.category.clone(),
            summary: self.summary.trim().to_owned(),
            parties: self
                .parties
                .iter()
                .map(|p| Party {
                    name: p.name.trim().to_owned(),
                    role: p.role,
                    kind: p.kind,
                    phone: optional(&p.phone),
                    id_number: optional(&p.id_number),
                })
                .collect(),
            amount_fen,
            people_involved,
            location: self.location.trim().to_owned(),
            gps: self.gps,
            facts_clear: self.facts_clear,
            sensitive: self.sensitive,
            petition_risk: self.petition_risk,
            resolved_on_spot: self
                .resolved_on_spot
                .then(|| self.on_spot_result.trim().to_owned()),
            consent_to_transfer: self.consent_to_transfer,
            source: self.source,
        };
        (facts, problems)
    }

    /// A draft holding recorded facts again, so a rejected record can be corrected.
    pub fn from_facts(facts: &DisputeFacts) -> Draft {
        Draft {
            category: facts.category.clone(),
            summary: facts.summary.clone(),
            parties: facts
                .parties
                .iter()
                .enumerate()
                .map(|(i, p)| PartyDraft {
                    key: i as u32,
                    name: p.name.clone(),
                    role: p.role,
                    kind: p.kind,
                    phone: p.phone.clone().unwrap_or_default(),
                    id_number: p.id_number.clone().unwrap_or_default(),
                })
                .collect(),
            amount_yuan: facts.amount_fen.map(format_yuan).unwrap_or_default(),
            people_involved: facts.people_involved.to_string(),
            location: facts.location.clone(),
            gps: facts.gps,
            facts_clear: facts.facts_clear,
            sensitive: facts.sensitive,
            petition_risk: facts.petition_risk,
            resolved_on_spot: facts.resolved_on_spot.is_some(),
            on_spot_result: facts.resolved_on_spot.clone().unwrap_or_default(),
            consent_to_transfer: facts.consent_to_transfer,
            source: facts.source,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> Draft {
        let mut draft = Draft {
            category: "neighbourhood".into(),
            summary: "楼上漏水导致楼下天花板受损".into(),
            amount_yuan: "3,500".into(),
            location: "沙湾村12号".into(),
            ..Draft::default()
        };
        draft.parties[0].name = "王五".into();
        draft.parties[1].name = "赵六".into();
        draft.parties[1].phone = "139 0000 1111".into();
        draft
    }

    #[test]
    fn a_filled_draft_becomes_facts() {
        let facts = filled().to_facts().unwrap();
        assert_eq!(facts.amount_fen, Some(350_000));
        assert_eq!(facts.parties[0].phone, None);
        assert_eq!(facts.people_involved, 2);
        assert_eq!(Draft::from_facts(&facts).to_facts().unwrap(), facts);
    }

    #[test]
    fn a_draft_names_every_field_at_fault() {
        let mut draft = filled();
        draft.amount_yuan = "三千".into();
        draft.people_involved = "两".into();
        draft.resolved_on_spot = true;
        let fields: Vec<String> = draft
            .to_facts()
            .unwrap_err()
            .into_iter()
            .map(|p| p.field)
            .collect();
        assert_eq!(
            fields,
            vec!["amount_fen", "people_involved", "resolved_on_spot"]
        );
    }

    #[test]
    fn added_parties_get_fresh_keys() {
        let mut draft = Draft::default();
        draft.parties.remove(0);
        draft.add_party();
        let keys: Vec<u32> = draft.parties.iter().map(|p| p.key).collect();
        assert_eq!(keys, vec![1, 2]);
    }
}
