//! The jurisdiction tree: city → county/district → township/street → village/community → grid,
//! with sector mediation committees and administrative-mediation departments attached to a
//! county or city (docs/design.md "The jurisdiction tree"; seed 001 三级四步, seed 002 four-level centres).
//!
//! Pure data and rules: no I/O, so the same code checks a tree on the server and in the browser.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What kind of unit a node of the tree is. The ladder kinds carry a tier; the attached kinds
/// (committees and departments) hang off a county or city and carry a sector category.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str", rename_all = "snake_case")]
pub enum UnitKind {
    City,
    County,
    Township,
    Village,
    Grid,
    /// 行业性专业性人民调解委员会 (seed 001 §5, seed 003).
    SectorCommittee,
    /// An administrative department that mediates disputes in its field (行政调解, seed 000).
    AdminDepartment,
    /// 人民法院: not a mediation organisation; it entrusts (委托) disputes before it to one and
    /// hears the result back (seed 000 四(二)).
    Court,
}

crate::coded!(UnitKind {
    City => "city",
    County => "county",
    Township => "township",
    Village => "village",
    Grid => "grid",
    SectorCommittee => "sector_committee",
    AdminDepartment => "admin_department",
    Court => "court",
});

impl UnitKind {
    /// Whether a unit of this kind may sit directly under a unit of `parent` kind; `None` is the
    /// root. Only a city is a root; committees and departments attach to a county or a city.
    pub fn may_sit_under(self, parent: Option<UnitKind>) -> bool {
        use UnitKind::*;
        matches!(
            (self, parent),
            (City, None)
                | (County, Some(City))
                | (Township, Some(County))
                | (Village, Some(Township))
                | (Grid, Some(Village))
                | (
                    SectorCommittee | AdminDepartment | Court,
                    Some(County | City)
                )
        )
    }

    /// Attached units are not rungs of the ladder: they need a sector category instead.
    pub fn needs_category(self) -> bool {
        matches!(self, UnitKind::SectorCommittee | UnitKind::AdminDepartment)
    }

    /// Whether a case may be handed to a unit of this kind to mediate (移送, 委托): every unit
    /// but a grid (whose worker records) and a court (which entrusts).
    pub fn mediates(self) -> bool {
        !matches!(self, UnitKind::Grid | UnitKind::Court)
    }

    /// The kinds that may be created under a parent of this kind (for the admin form).
    pub fn child_kinds(parent: Option<UnitKind>) -> Vec<UnitKind> {
        UnitKind::ALL
            .into_iter()
            .filter(|k| k.may_sit_under(parent))
            .collect()
    }
}

impl fmt::Display for UnitKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One unit of the tree as the UI and API see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub kind: UnitKind,
    pub name: String,
    /// Administrative division code (行政区划代码) for ladder units; the county's code prefixes
    /// the case numbers the server assigns.
    pub code: Option<String>,
    /// Sector of a committee or department, e.g. "medical", "construction".
    pub category: Option<String>,
}

/// Why a proposed unit cannot be added to the tree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum UnitRuleError {
    #[error("name is empty")]
    EmptyName,
    #[error("name is longer than {max} characters")]
    NameTooLong { max: usize },
    #[error("a {child} cannot sit under a {parent:?}")]
    WrongParent {
        child: UnitKind,
        parent: Option<UnitKind>,
    },
    #[error("a {0} needs a sector category")]
    MissingCategory(UnitKind),
}

pub const MAX_UNIT_NAME_CHARS: usize = 60;

/// Checks a proposed unit against the tree's shape before it is stored.
pub fn check_new_unit(
    kind: UnitKind,
    parent: Option<UnitKind>,
    name: &str,
    category: Option<&str>,
) -> Result<(), UnitRuleError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(UnitRuleError::EmptyName);
    }
    if name.chars().count() > MAX_UNIT_NAME_CHARS {
        return Err(UnitRuleError::NameTooLong {
            max: MAX_UNIT_NAME_CHARS,
        });
    }
    if !kind.may_sit_under(parent) {
        return Err(UnitRuleError::WrongParent {
            child: kind,
            parent,
        });
    }
    if kind.needs_category() && category.map(str::trim).unwrap_or("").is_empty() {
        return Err(UnitRuleError::MissingCategory(kind));
    }
    Ok(())
}

/// The sectors that have committees or departments (seed 001 §5: medical, traffic, property,
/// consumer, labour, education, environment, food safety; seed 000: construction; seed 004:
/// administrative disputes).
pub const SECTORS: [&str; 10] = [
    "medical",
    "traffic",
    "property",
    "labour",
    "consumer",
    "education",
    "environment",
    "food_safety",
    "construction",
    "administrative",
];

#[cfg(test)]
mod tests {
    use super::*;
    use UnitKind::*;

    #[test]
    fn the_ladder_only_accepts_each_rung_under_the_one_above() {
        assert!(City.may_sit_under(None));
        assert!(County.may_sit_under(Some(City)));
        assert!(Township.may_sit_under(Some(County)));
        assert!(Village.may_sit_under(Some(Township)));
        assert!(Grid.may_sit_under(Some(Village)));
        assert!(!Grid.may_sit_under(Some(Township)));
        assert!(!Village.may_sit_under(Some(County)));
        assert!(!County.may_sit_under(None));
        assert!(!City.may_sit_under(Some(City)));
    }

    #[test]
    fn committees_and_departments_attach_to_a_county_or_city_only() {
        for kind in [SectorCommittee, AdminDepartment] {
            assert!(kind.may_sit_under(Some(County)));
            assert!(kind.may_sit_under(Some(City)));
            assert!(!kind.may_sit_under(Some(Township)));
            assert!(!kind.may_sit_under(None));
        }
    }

    #[test]
    fn kind_codes_round_trip() {
        for kind in UnitKind::ALL {
            assert_eq!(UnitKind::from_code(kind.code()), Some(kind));
        }
        assert_eq!(UnitKind::from_code("province"), None);
    }

    #[test]
    fn a_new_unit_is_refused_with_the_reason() {
        assert_eq!(
            check_new_unit(Grid, Some(Village), "  ", None),
            Err(UnitRuleError::EmptyName)
        );
        assert_eq!(
            check_new_unit(Grid, Some(Township), "第一网格", None),
            Err(UnitRuleError::WrongParent {
                child: Grid,
                parent: Some(Township)
            })
        );
        assert_eq!(
            check_new_unit(SectorCommittee, Some(County), "医调委", Some(" ")),
            Err(UnitRuleError::MissingCategory(SectorCommittee))
        );
        let long = "村".repeat(MAX_UNIT_NAME_CHARS + 1);
        assert!(matches!(
            check_new_unit(Village, Some(Township), &long, None),
            Err(UnitRuleError::NameTooLong { .. })
        ));
        assert_eq!(
            check_new_unit(SectorCommittee, Some(County), "医调委", Some("medical")),
            Ok(())
        );
    }
}
