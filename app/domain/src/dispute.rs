//! A dispute (矛盾纠纷) as a grid worker records it in the field, and the checks every recorded
//! dispute must pass. The same checks run in the phone's form (so the person sees the problem
//! next to the field, offline) and on the server (which is authoritative).

use crate::problem::{check_text, problem, FieldProblem, Problem};
use serde::{Deserialize, Serialize};

/// The dispute categories a new deployment starts with (docs/design.md "A case's life"), as stable codes.
/// Admins rename, add and retire categories afterwards (the `categories` table); the codes
/// stay, because rules and statistics refer to them. Their names are wording
/// (`app/src/i18n/categories.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BuiltInCategory {
    MarriageFamily,
    Neighbourhood,
    PropertyManagement,
    LandHousing,
    LabourWages,
    Medical,
    Traffic,
    Consumer,
    ContractLoan,
    Construction,
    Environment,
    FoodSafety,
    Education,
    Administrative,
    Other,
}

impl BuiltInCategory {
    /// In the order the form offers them.
    pub const ALL: [BuiltInCategory; 15] = [
        BuiltInCategory::MarriageFamily,
        BuiltInCategory::Neighbourhood,
        BuiltInCategory::PropertyManagement,
        BuiltInCategory::LandHousing,
        BuiltInCategory::LabourWages,
        BuiltInCategory::Medical,
        BuiltInCategory::Traffic,
        BuiltInCategory::Consumer,
        BuiltInCategory::ContractLoan,
        BuiltInCategory::Construction,
        BuiltInCategory::Environment,
        BuiltInCategory::FoodSafety,
        BuiltInCategory::Education,
        BuiltInCategory::Administrative,
        BuiltInCategory::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            BuiltInCategory::MarriageFamily => "marriage_family",
            BuiltInCategory::Neighbourhood => "neighbourhood",
            BuiltInCategory::PropertyManagement => "property_management",
            BuiltInCategory::LandHousing => "land_housing",
            BuiltInCategory::LabourWages => "labour_wages",
            BuiltInCategory::Medical => "medical",
            BuiltInCategory::Traffic => "traffic",
            BuiltInCategory::Consumer => "consumer",
            BuiltInCategory::ContractLoan => "contract_loan",
            BuiltInCategory::Construction => "construction",
            BuiltInCategory::Environment => "environment",
            BuiltInCategory::FoodSafety => "food_safety",
            BuiltInCategory::Education => "education",
            BuiltInCategory::Administrative => "administrative",
            BuiltInCategory::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<BuiltInCategory> {
        BuiltInCategory::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// A dispute category as the deployment keeps it. A retired category is no longer offered for
/// new records, but a record made on a phone that still had it is accepted (issue 4).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Category {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    #[serde(default)]
    pub retired: bool,
}

/// The longest category code and name.
pub const MAX_CATEGORY_CODE_CHARS: usize = 40;
pub const MAX_CATEGORY_NAME_CHARS: usize = 40;

/// A category code is lower-case ASCII letters, digits and `_`, starting with a letter, so it can
/// stand in rule files, URLs and statistics columns unchanged.
pub fn is_category_code(code: &str) -> bool {
    let mut chars = code.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && code.len() <= MAX_CATEGORY_CODE_CHARS
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Every problem with a category an admin is saving; empty when it may be saved.
pub fn validate_category(category: &Category) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    if category.code.is_empty() {
        out.push(problem("code", Problem::Required));
    } else if !is_category_code(&category.code) {
        out.push(problem("code", Problem::BadFormat));
    }
    check_text(
        &mut out,
        "name_zh",
        &category.name_zh,
        MAX_CATEGORY_NAME_CHARS,
    );
    check_text(
        &mut out,
        "name_en",
        &category.name_en,
        MAX_CATEGORY_NAME_CHARS,
    );
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum PartyRole {
    /// 申请人
    Applicant,
    /// 被申请人
    Respondent,
    Other,
}

crate::coded!(PartyRole {
    Applicant => "applicant",
    Respondent => "respondent",
    Other => "other",
});

/// Who a party is. A government body as a party makes an administrative dispute (行政争议,
/// seed 004), which has its own mediation centre.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum PartyKind {
    #[default]
    Person,
    /// A company or other organisation.
    Organisation,
    /// A government body or department (乡镇政府、区县部门…).
    Government,
}

crate::coded!(PartyKind {
    Person => "person",
    Organisation => "organisation",
    Government => "government",
});

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Party {
    pub name: String,
    pub role: PartyRole,
    /// Absent in records made before the field existed: a person.
    #[serde(default)]
    pub kind: PartyKind,
    #[serde(default)]
    pub phone: Option<String>,
    /// 居民身份证号码; personal data, masked in every list.
    #[serde(default)]
    pub id_number: Option<String>,
}

/// A position from the phone's Geolocation API.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GpsFix {
    pub latitude: f64,
    pub longitude: f64,
    pub accuracy_m: f64,
}

/// How a dispute came to the unit that recorded it: found by the grid worker on their rounds,
/// or — at any unit's window (一窗受理) — brought in person, by the 12345 hotline, or from
/// another body.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "&'static str")]
pub enum Source {
    /// 网格排查: the grid worker's rounds.
    #[default]
    GridPatrol,
    /// 来访: a party came in person.
    Visit,
    /// 12345 热线.
    Hotline,
    /// 派出所移交: a police station handed it over.
    Police,
    /// 信访转办: the petition office passed it on.
    Petition,
    /// 法院引调: a court referred it (not an entrustment, which has its own form).
    Court,
    /// 其他部门转来.
    OtherBody,
}

crate::coded!(Source {
    GridPatrol => "grid_patrol",
    Visit => "visit",
    Hotline => "hotline",
    Police => "police",
    Petition => "petition",
    Court => "court",
    OtherBody => "other_body",
});

impl Source {
    /// The sources a unit's window takes: every one but the grid worker's rounds.
    pub const AT_A_WINDOW: [Source; 6] = [
        Source::Visit,
        Source::Hotline,
        Source::Police,
        Source::Petition,
        Source::Court,
        Source::OtherBody,
    ];
}

/// Everything recorded about a dispute, by a grid worker or at a unit's window.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DisputeFacts {
    pub category: String,
    pub summary: String,
    pub parties: Vec<Party>,
    /// Amount in dispute in fen (分), so money is never a float.
    #[serde(default)]
    pub amount_fen: Option<i64>,
    pub people_involved: u32,
    pub location: String,
    #[serde(default)]
    pub gps: Option<GpsFix>,
    /// 事实清楚
    #[serde(default)]
    pub facts_clear: bool,
    /// 涉敏感人员/信息 (seed 001): restricted visibility.
    #[serde(default)]
    pub sensitive: bool,
    /// 越级上访/群体性事件风险 (seeds 000, 001).
    #[serde(default)]
    pub petition_risk: bool,
    /// 当场化解: the result, when the grid worker resolved it on the spot.
    #[serde(default)]
    pub resolved_on_spot: Option<String>,
    /// Every party agreed to the case being transferred (移送, seed 000).
    #[serde(default)]
    pub consent_to_transfer: bool,
    /// How it came in; a record made before sources were kept was a grid worker's.
    #[serde(default)]
    pub source: Source,
}

/// A unit's window records what came to it from outside: the grid worker's rounds are not a
/// source it can name (`recorded_at_grid`: whether the recording unit is a grid).
pub fn validate_source(facts: &DisputeFacts, recorded_at_grid: bool) -> Option<FieldProblem> {
    (!recorded_at_grid && facts.source == Source::GridPatrol)
        .then(|| problem("source", Problem::Required))
}

pub const MAX_SUMMARY_CHARS: usize = 2000;
pub const MAX_NAME_CHARS: usize = 40;
pub const MAX_LOCATION_CHARS: usize = 200;
pub const MAX_RESULT_CHARS: usize = 1000;
pub const MAX_PARTIES: usize = 50;
pub const MAX_PEOPLE: u32 = 100_000;
/// 100 million yuan: more than any neighbourhood dispute, small enough to catch a typo'd zero run.
pub const MAX_AMOUNT_FEN: i64 = 10_000_000_000;

/// Every problem with a recorded dispute, in the order of the form; empty when it may be saved.
pub fn validate(facts: &DisputeFacts) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    if facts.category.is_empty() {
        out.push(problem("category", Problem::Required));
    } else if !is_category_code(&facts.category) {
        // Whether the code is in the deployment's list is the server's check (it knows the
        // current list, retired categories included); the phone only offers listed ones.
        out.push(problem("category", Problem::UnknownValue));
    }
    check_text(&mut out, "summary", &facts.summary, MAX_SUMMARY_CHARS);
    if facts.parties.is_empty() {
        out.push(problem("parties", Problem::Required));
    } else if facts.parties.len() > MAX_PARTIES {
        out.push(problem("parties", Problem::TooLong));
    }
    for (i, party) in facts.parties.iter().enumerate().take(MAX_PARTIES) {
        check_text(
            &mut out,
            &format!("parties[{i}].name"),
            &party.name,
            MAX_NAME_CHARS,
        );
        if let Some(phone) = party.phone.as_deref().filter(|p| !p.trim().is_empty()) {
            if !is_phone_number(phone) {
                out.push(problem(format!("parties[{i}].phone"), Problem::BadFormat));
            }
        }
        if let Some(id) = party.id_number.as_deref().filter(|p| !p.trim().is_empty()) {
            if !is_resident_id(id) {
                out.push(problem(
                    format!("parties[{i}].id_number"),
                    Problem::BadFormat,
                ));
            }
        }
    }
    match facts.amount_fen {
        Some(a) if a < 0 => out.push(problem("amount_fen", Problem::BadFormat)),
        Some(a) if a > MAX_AMOUNT_FEN => out.push(problem("amount_fen", Problem::TooLong)),
        _ => {}
    }
    if facts.people_involved == 0 {
        out.push(problem("people_involved", Problem::Required));
    } else if facts.people_involved > MAX_PEOPLE {
        out.push(problem("people_involved", Problem::TooLong));
    }
    check_text(&mut out, "location", &facts.location, MAX_LOCATION_CHARS);
    if let Some(gps) = facts.gps {
        let valid = (-90.0..=90.0).contains(&gps.latitude)
            && (-180.0..=180.0).contains(&gps.longitude)
            && gps.accuracy_m.is_finite()
            && gps.accuracy_m >= 0.0;
        if !valid {
            out.push(problem("gps", Problem::BadFormat));
        }
    }
    if let Some(result) = &facts.resolved_on_spot {
        check_text(&mut out, "resolved_on_spot", result, MAX_RESULT_CHARS);
    }
    out
}

/// A mainland mobile (11 digits from 1) or a landline with its area code; spaces and dashes
/// as people type them are allowed.
pub fn is_phone_number(value: &str) -> bool {
    let digits: String = value.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    let digits = digits.strip_prefix("+86").unwrap_or(&digits);
    digits.chars().all(|c| c.is_ascii_digit())
        && match digits.len() {
            11 => digits.starts_with('1') || digits.starts_with('0'),
            10 | 12 => digits.starts_with('0'),
            _ => false,
        }
}

/// An 18-character resident identity number (GB 11643-1999) with a correct check character.
pub fn is_resident_id(value: &str) -> bool {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECKS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
    let chars: Vec<char> = value.trim().to_ascii_uppercase().chars().collect();
    if chars.len() != 18 || !chars[..17].iter().all(|c| c.is_ascii_digit()) {
        return false;
    }
    // Digits 7–14 are the holder's birth date: a real day, in a year someone alive was born.
    let number = |range: std::ops::Range<usize>| {
        chars[range]
            .iter()
            .fold(0i64, |n, c| n * 10 + i64::from(c.to_digit(10).unwrap_or(0)))
    };
    let (year, month, day) = (number(6..10), number(10..12), number(12..14));
    if !(1900..=2100).contains(&year) || crate::clock::Day::from_ymd(year, month, day).is_none() {
        return false;
    }
    let sum: u32 = chars[..17]
        .iter()
        .zip(WEIGHTS)
        .map(|(c, w)| c.to_digit(10).unwrap_or(0) * w)
        .sum();
    CHECKS[(sum % 11) as usize] == chars[17]
}

/// Every party's phone and ID number as a reader who may not see them whole sees them.
pub fn mask_parties(facts: &mut DisputeFacts) {
    for party in &mut facts.parties {
        party.phone = party.phone.as_deref().map(mask_phone);
        party.id_number = party.id_number.as_deref().map(mask_id_number);
    }
}

/// `138****5678`: enough to recognise, not enough to call.
pub fn mask_phone(phone: &str) -> String {
    mask_middle(phone.trim(), 3, 4)
}

/// `330803********123X`.
pub fn mask_id_number(id: &str) -> String {
    mask_middle(id.trim(), 6, 4)
}

fn mask_middle(value: &str, keep_start: usize, keep_end: usize) -> String {
    let chars: Vec<char> = value.chars().collect();
    if chars.len() <= keep_start + keep_end {
        return "*".repeat(chars.len());
    }
    let hidden = chars.len() - keep_start - keep_end;
    chars[..keep_start]
        .iter()
        .chain(std::iter::repeat_n(&'*', hidden))
        .chain(&chars[chars.len() - keep_end..])
        .collect()
}

/// `800050` fen → `"8000.50"`; whole yuan without decimals.
pub fn format_yuan(fen: i64) -> String {
    if fen % 100 == 0 {
        (fen / 100).to_string()
    } else {
        format!("{}.{:02}", fen / 100, fen % 100)
    }
}

/// Parses an amount typed in yuan ("8000", "8,000.5", "８０００") into fen.
pub fn parse_yuan(input: &str) -> Option<i64> {
    let normalised: String = input
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' '))
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' | '。' => '.',
            other => other,
        })
        .collect();
    if normalised.is_empty() {
        return None;
    }
    let (whole, frac) = normalised.split_once('.').unwrap_or((&normalised, ""));
    if whole.is_empty() && frac.is_empty() || frac.len() > 2 {
        return None;
    }
    if !whole
        .chars()
        .chain(frac.chars())
        .all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let frac: i64 = format!("{frac:0<2}").parse().ok()?;
    whole.checked_mul(100)?.checked_add(frac)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn sample() -> DisputeFacts {
        DisputeFacts {
            category: "property_management".into(),
            summary: "业主拖欠物业费八千元，物业公司停止保洁服务".into(),
            parties: vec![
                Party {
                    kind: PartyKind::Person,
                    name: "张三".into(),
                    role: PartyRole::Applicant,
                    phone: Some("138 1234 5678".into()),
                    id_number: Some("11010519491231002X".into()),
                },
                Party {
                    kind: PartyKind::Person,
                    name: "某物业公司".into(),
                    role: PartyRole::Respondent,
                    phone: None,
                    id_number: None,
                },
            ],
            amount_fen: Some(800_000),
            people_involved: 2,
            location: "樟树潭社区3幢".into(),
            gps: None,
            facts_clear: true,
            sensitive: false,
            petition_risk: false,
            resolved_on_spot: None,
            consent_to_transfer: true,
            source: Source::GridPatrol,
        }
    }

    #[test]
    fn a_complete_dispute_passes() {
        assert_eq!(validate(&sample()), vec![]);
    }

    #[test]
    fn each_problem_names_its_field() {
        let mut facts = sample();
        facts.category = "Gossip!".into();
        facts.summary = " ".into();
        facts.parties[1].name = String::new();
        facts.parties[0].phone = Some("12345".into());
        facts.parties[0].id_number = Some("110105194912310021".into());
        facts.people_involved = 0;
        facts.amount_fen = Some(-1);
        facts.resolved_on_spot = Some(String::new());
        let fields: Vec<(String, Problem)> = validate(&facts)
            .into_iter()
            .map(|p| (p.field, p.problem))
            .collect();
        assert_eq!(
            fields,
            vec![
                ("category".into(), Problem::UnknownValue),
                ("summary".into(), Problem::Required),
                ("parties[0].phone".into(), Problem::BadFormat),
                ("parties[0].id_number".into(), Problem::BadFormat),
                ("parties[1].name".into(), Problem::Required),
                ("amount_fen".into(), Problem::BadFormat),
                ("people_involved".into(), Problem::Required),
                ("resolved_on_spot".into(), Problem::Required),
            ]
        );
    }

    #[test]
    fn resident_ids_need_their_check_character() {
        assert!(is_resident_id("11010519491231002X"));
        assert!(is_resident_id("11010519491231002x"));
        assert!(!is_resident_id("110105194912310021"));
        assert!(!is_resident_id("1101051949123100"));
    }

    #[test]
    fn resident_ids_carry_a_real_birth_date() {
        // Each with a correct check character, so only the date part is at fault.
        let with_check = |first17: &str| {
            const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
            const CHECKS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
            let sum: u32 = first17
                .chars()
                .zip(WEIGHTS)
                .map(|(c, w)| c.to_digit(10).unwrap() * w)
                .sum();
            format!("{first17}{}", CHECKS[(sum % 11) as usize])
        };
        assert!(is_resident_id(&with_check("11010520000229002")));
        assert!(
            !is_resident_id(&with_check("11010519491331002")),
            "a 13th month"
        );
        assert!(
            !is_resident_id(&with_check("11010519490230002")),
            "30 February"
        );
        assert!(
            !is_resident_id(&with_check("11010519010229002")),
            "1901 was no leap year"
        );
        assert!(
            !is_resident_id(&with_check("11010518991231002")),
            "before 1900"
        );
        assert!(!is_resident_id(&with_check("11010519490000002")), "day 0");
    }

    #[test]
    fn phone_numbers_as_people_type_them() {
        assert!(is_phone_number("13812345678"));
        assert!(is_phone_number("+86 138-1234-5678"));
        assert!(is_phone_number("0570-1234567"));
        assert!(!is_phone_number("12345"));
        assert!(!is_phone_number("1381234567a"));
    }

    #[test]
    fn personal_data_is_masked_in_lists() {
        assert_eq!(mask_phone("13812345678"), "138****5678");
        assert_eq!(mask_id_number("11010519491231002X"), "110105********002X");
        assert_eq!(mask_phone("123"), "***");
    }

    #[test]
    fn yuan_amounts_parse_to_fen() {
        assert_eq!(parse_yuan("8000"), Some(800_000));
        assert_eq!(parse_yuan("8,000.5"), Some(800_050));
        assert_eq!(parse_yuan("８０００"), Some(800_000));
        assert_eq!(parse_yuan("0.05"), Some(5));
        assert_eq!(parse_yuan("1.234"), None);
        assert_eq!(parse_yuan("abc"), None);
        assert_eq!(parse_yuan(""), None);
        assert_eq!(parse_yuan("."), None);
    }

    #[test]
    fn yuan_formats_back() {
        assert_eq!(format_yuan(800_000), "8000");
        assert_eq!(format_yuan(800_050), "8000.50");
    }
}
