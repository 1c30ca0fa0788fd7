//! Property tests over random jurisdiction trees and random cases, with the default rules:
//! the receiving unit is always on the recording grid's own ladder or a committee/department of
//! its county; escalation only ever moves up; every case finds a holder; and the phone's copy of
//! the rules (through JSON, as sync delivers it) decides exactly as the server's. And wherever a
//! transfer or an entrustment put a case, it climbs its holder's own ladder to the city.

use super::file::parse;
use super::DEFAULT_RULE_FILE;
use domain::clock::Day;
use domain::dispute::{BuiltInCategory, DisputeFacts, Party, PartyKind, PartyRole};
use domain::jurisdiction::{Unit, UnitKind, SECTORS};
use domain::rules::engine::{decide, escalation_target, Explanation, RoutingTree};
use domain::rules::model::Tier;
use proptest::prelude::*;

/// A random tree: one city, 1–2 counties, each with 1–2 townships of 1–2 villages of 1–3
/// grids, and a random set of committees and departments per county (and the city).
fn tree() -> impl Strategy<Value = (Vec<Unit>, Vec<i64>)> {
    let county = (
        prop::collection::vec(prop::collection::vec(1usize..=3, 1..=2), 1..=2),
        prop::collection::vec(any::<bool>(), SECTORS.len()),
        prop::collection::vec(any::<bool>(), SECTORS.len()),
    );
    (
        prop::collection::vec(county, 1..=2),
        prop::collection::vec(any::<bool>(), SECTORS.len()),
    )
        .prop_map(|(counties, city_committees)| {
            let mut units = Vec::new();
            let mut grids = Vec::new();
            let mut next = 1;
            let mut add = |units: &mut Vec<Unit>,
                           parent: Option<i64>,
                           kind: UnitKind,
                           sector: Option<&str>| {
                let id = next;
                next += 1;
                units.push(Unit {
                    id,
                    parent_id: parent,
                    kind,
                    name: format!("{kind}-{id}"),
                    code: None,
                    category: sector.map(Into::into),
                });
                id
            };
            let city = add(&mut units, None, UnitKind::City, None);
            for (sector, has) in SECTORS.iter().zip(&city_committees) {
                if *has {
                    add(
                        &mut units,
                        Some(city),
                        UnitKind::SectorCommittee,
                        Some(sector),
                    );
                }
            }
            for (townships, committees, departments) in counties {
                let county = add(&mut units, Some(city), UnitKind::County, None);
                for (sector, has) in SECTORS.iter().zip(&committees) {
                    if *has {
                        add(
                            &mut units,
                            Some(county),
                            UnitKind::SectorCommittee,
                            Some(sector),
                        );
                    }
                }
                for (sector, has) in SECTORS.iter().zip(&departments) {
                    if *has {
                        add(
                            &mut units,
                            Some(county),
                            UnitKind::AdminDepartment,
                            Some(sector),
                        );
                    }
                }
                for villages in townships {
                    let township = add(&mut units, Some(county), UnitKind::Township, None);
                    for grid_count in villages {
                        let village = add(&mut units, Some(township), UnitKind::Village, None);
                        for _ in 0..grid_count {
                            grids.push(add(&mut units, Some(village), UnitKind::Grid, None));
                        }
                    }
                }
            }
            (units, grids)
        })
}

fn facts() -> impl Strategy<Value = DisputeFacts> {
    (
        0..BuiltInCategory::ALL.len(),
        prop::option::of(0i64..3_000_000),
        1u32..120,
        any::<[bool; 5]>(),
    )
        .prop_map(
            |(category, yuan, people, [clear, risk, on_spot, government, sensitive])| {
                DisputeFacts {
                    category: BuiltInCategory::ALL[category].code().into(),
                    summary: "随机".into(),
                    parties: vec![Party {
                        name: "甲".into(),
                        role: PartyRole::Applicant,
                        kind: if government {
                            PartyKind::Government
                        } else {
                            PartyKind::Person
                        },
                        phone: None,
                        id_number: None,
                    }],
                    amount_fen: yuan.map(|y| y * 100),
                    people_involved: people,
                    location: "某地".into(),
                    gps: None,
                    facts_clear: clear,
                    sensitive,
                    petition_risk: risk,
                    resolved_on_spot: on_spot.then(|| "已化解".into()),
                    consent_to_transfer: false,
                    source: domain::dispute::Source::GridPatrol,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn routing_stays_in_the_grids_county_moves_only_up_and_agrees_with_the_phone(
        (units, grids) in tree(),
        pick in any::<prop::sample::Index>(),
        case in facts(),
        day in 20_000i64..21_000,
    ) {
        let rules = parse(DEFAULT_RULE_FILE).unwrap();
        let grid_id = grids[pick.index(grids.len())];
        // The server gives the engine the grid's ladder and what is attached to it.
        let full = RoutingTree { grid_id, units: units.clone() };
        let ladder: Vec<i64> = full.ladder().iter().map(|u| u.id).collect();
        let county = full.at_tier(Tier::County).unwrap().id;
        let tree = RoutingTree {
            grid_id,
            units: units
                .iter()
                .filter(|u| ladder.contains(&u.id) || u.parent_id.is_some_and(|p| ladder.contains(&p)))
                .cloned()
                .collect(),
        };

        let decision = decide(&case, &tree, &rules, Day(day)).expect("every case finds a holder");
        let holder = &decision.holder;
        let on_ladder = ladder.contains(&holder.id);
        let attached_to_county = matches!(holder.kind, UnitKind::SectorCommittee | UnitKind::AdminDepartment)
            && holder.parent_id == Some(county);
        prop_assert!(on_ladder || attached_to_county, "{holder:?} is outside grid {grid_id}'s reach");
        for co in &decision.co_holders {
            prop_assert!(ladder.contains(&co.id) || co.parent_id == Some(county));
        }
        prop_assert!(!decision.fired.is_empty());

        // Escalation from wherever it landed only ever moves up, and ends at the city.
        let mut at = holder.clone();
        let mut steps = 0;
        while let Some(up) = escalation_target(&tree, at.id) {
            prop_assert!(goes_up(&tree, &at, &up), "{at:?} -> {up:?} is not up");
            prop_assert!(ladder.contains(&up.id));
            at = up;
            steps += 1;
            prop_assert!(steps <= 5);
        }
        prop_assert_eq!(tree.tier_of(&at), Some(Tier::City));

        // The phone decides from the JSON sync delivers; it must agree with the server.
        let (phone_rules, phone_tree) = serde_json::from_str(
            &serde_json::to_string(&(&rules, &tree)).unwrap(),
        )
        .unwrap();
        let on_phone = decide(&case, &phone_tree, &phone_rules, Day(day)).unwrap();
        prop_assert_eq!(&on_phone, &decision);
        let explained = Explanation::of(&decision, &rules);
        prop_assert_eq!(explained.holder.id, holder.id);
        prop_assert_eq!(explained.fired, decision.fired);
    }
}

/// One step of escalation moves up: to a higher tier, or from a committee or department to the
/// rung it is attached to.
fn goes_up(tree: &RoutingTree, from: &Unit, to: &Unit) -> bool {
    let attached = matches!(
        from.kind,
        UnitKind::SectorCommittee | UnitKind::AdminDepartment
    );
    tree.tier_of(to) > tree.tier_of(from) || (attached && from.parent_id == Some(to.id))
}

/// The tree the server builds above a unit (`people::directory::routing_tree` from the holder):
/// its ancestors and what is attached to them.
fn tree_above(units: &[Unit], holder: i64) -> (RoutingTree, Vec<i64>) {
    let full = RoutingTree {
        grid_id: holder,
        units: units.to_vec(),
    };
    let chain: Vec<i64> = full.ladder().iter().map(|u| u.id).collect();
    let tree = RoutingTree {
        grid_id: holder,
        units: units
            .iter()
            .filter(|u| chain.contains(&u.id) || u.parent_id.is_some_and(|p| chain.contains(&p)))
            .cloned()
            .collect(),
    };
    (tree, chain)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_case_anywhere_climbs_its_holders_own_ladder_to_the_city(
        (units, _) in tree(),
        pick in any::<prop::sample::Index>(),
    ) {
        // Any unit that can hold a case: where routing, a transfer (移送, to any organisation)
        // or a court's entrustment may have put it.
        let holders: Vec<&Unit> = units.iter().filter(|u| u.kind != UnitKind::Grid).collect();
        let holder = holders[pick.index(holders.len())];
        let (tree, chain) = tree_above(&units, holder.id);
        let mut at = holder.clone();
        let mut steps = 0;
        while let Some(up) = escalation_target(&tree, at.id) {
            prop_assert!(goes_up(&tree, &at, &up), "{at:?} -> {up:?} is not up");
            prop_assert!(chain.contains(&up.id), "{up:?} is not above {holder:?}");
            at = up;
            steps += 1;
            prop_assert!(steps <= 4);
        }
        // Termination only at the top of the holder's ladder.
        prop_assert_eq!(at.kind, UnitKind::City);
    }
}

// Fuzzing the rule-file reader (issue 15, item 7; property tests, as cargo-fuzz needs nightly):
// any text, and the default file with random bytes changed, are read or refused with a line —
// never a panic. `PROPTEST_CASES` sets how many inputs each tries.
proptest! {
    #[test]
    fn any_text_as_a_rule_file_is_read_or_refused(text in any::<String>()) {
        let _ = parse(&text);
    }

    #[test]
    fn the_default_file_with_random_edits_is_read_or_refused_with_its_line(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<char>()), 1..8),
    ) {
        let mut chars: Vec<char> = DEFAULT_RULE_FILE.chars().collect();
        for (at, c) in edits {
            let i = at.index(chars.len());
            chars[i] = c;
        }
        let text: String = chars.into_iter().collect();
        if let Err(error) = parse(&text) {
            prop_assert!(!error.to_string().is_empty());
        }
    }
}
