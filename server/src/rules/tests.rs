//! The default rule file, case by case, in the seeds' own words; the file reader's errors; and
//! escalation. Property tests over random trees and cases are in `server/tests/rules_props.rs`.

use super::file::parse;
use super::DEFAULT_RULE_FILE;
use domain::clock::Day;
use domain::dispute::{DisputeFacts, Party, PartyKind, PartyRole};
use domain::jurisdiction::{Unit, UnitKind};
use domain::rules::engine::{complexity, decide, escalation_target, RoutingTree};
use domain::rules::model::{Channel, Complexity};

fn unit(id: i64, parent: Option<i64>, kind: UnitKind, name: &str, sector: Option<&str>) -> Unit {
    Unit {
        id,
        parent_id: parent,
        kind,
        name: name.into(),
        code: None,
        category: sector.map(Into::into),
    }
}

/// The demo's shape: 衢州市 › 衢江区 › 樟潭街道 › 樟树潭社区 › 第一网格, with the county's four
/// committees and two departments (no education committee).
pub(crate) fn demo_tree() -> RoutingTree {
    use UnitKind::*;
    RoutingTree {
        grid_id: 5,
        units: vec![
            unit(1, None, City, "衢州市", None),
            unit(2, Some(1), County, "衢江区", None),
            unit(3, Some(2), Township, "樟潭街道", None),
            unit(4, Some(3), Village, "樟树潭社区", None),
            unit(5, Some(4), Grid, "樟树潭社区第一网格", None),
            unit(
                10,
                Some(2),
                SectorCommittee,
                "衢江区医疗纠纷人民调解委员会",
                Some("medical"),
            ),
            unit(
                11,
                Some(2),
                SectorCommittee,
                "衢江区道路交通事故纠纷人民调解委员会",
                Some("traffic"),
            ),
            unit(
                12,
                Some(2),
                SectorCommittee,
                "衢江区物业纠纷人民调解委员会",
                Some("property"),
            ),
            unit(
                13,
                Some(2),
                SectorCommittee,
                "衢江区劳动争议人民调解委员会",
                Some("labour"),
            ),
            unit(
                20,
                Some(2),
                AdminDepartment,
                "衢江区住房和城乡建设局",
                Some("construction"),
            ),
            unit(
                21,
                Some(2),
                AdminDepartment,
                "衢江区行政争议调解中心",
                Some("administrative"),
            ),
        ],
    }
}

fn case(category: &str, yuan: Option<i64>, people: u32) -> DisputeFacts {
    DisputeFacts {
        category: category.into(),
        summary: "测试".into(),
        parties: vec![Party {
            name: "张三".into(),
            role: PartyRole::Applicant,
            kind: PartyKind::Person,
            phone: None,
            id_number: None,
        }],
        amount_fen: yuan.map(|y| y * 100),
        people_involved: people,
        location: "樟树潭社区".into(),
        gps: None,
        facts_clear: true,
        sensitive: false,
        petition_risk: false,
        resolved_on_spot: None,
        consent_to_transfer: false,
        source: domain::dispute::Source::GridPatrol,
    }
}

fn day(text: &str) -> Day {
    Day::parse(text).unwrap()
}

struct Expect {
    holder: i64,
    channel: Channel,
    rule: &'static str,
}

#[test]
fn the_default_rules_route_the_seeds_cases() {
    let rules = parse(DEFAULT_RULE_FILE).expect("the shipped rule file is valid");
    let tree = demo_tree();
    let unclear = |mut f: DisputeFacts| {
        f.facts_clear = false;
        f
    };
    let government = |mut f: DisputeFacts| {
        f.parties.push(Party {
            name: "樟潭街道办事处".into(),
            role: PartyRole::Respondent,
            kind: PartyKind::Government,
            phone: None,
            id_number: None,
        });
        f
    };
    let petition = |mut f: DisputeFacts| {
        f.petition_risk = true;
        f
    };
    let on_spot = |mut f: DisputeFacts| {
        f.resolved_on_spot = Some("双方握手言和".into());
        f
    };
    use Channel::*;
    let table: Vec<(&str, DisputeFacts, Expect)> = vec![
        (
            "物业费纠纷8000元，事实清楚 (seed 000: 事实清楚…的物业民事纠纷一般采用人民调解)",
            case("property_management", Some(8_000), 2),
            Expect {
                holder: 4,
                channel: People,
                rule: "property-clear-facts",
            },
        ),
        (
            "物业纠纷8000元、事实有争议：数额在1万元以下，仍由人民调解",
            unclear(case("property_management", Some(8_000), 2)),
            Expect {
                holder: 4,
                channel: People,
                rule: "property-small-amount",
            },
        ),
        (
            "物业纠纷5万元、事实有争议：物业纠纷人民调解委员会",
            unclear(case("property_management", Some(50_000), 2)),
            Expect {
                holder: 12,
                channel: Sector,
                rule: "sector-committee",
            },
        ),
        (
            "医患纠纷：医疗纠纷人民调解委员会 (seed 001 §5)",
            case("medical", Some(30_000), 3),
            Expect {
                holder: 10,
                channel: Sector,
                rule: "sector-committee",
            },
        ),
        (
            "30名工人欠薪：区县联合调解 (seed 000 四(四) 有重大影响)",
            case("labour_wages", Some(240_000), 30),
            Expect {
                holder: 2,
                channel: Joint,
                rule: "joint-many-people",
            },
        ),
        (
            "可能引发越级上访的邻里纠纷：区县联合调解",
            petition(case("neighbourhood", None, 4)),
            Expect {
                holder: 2,
                channel: Joint,
                rule: "joint-petition-risk",
            },
        ),
        (
            "街道办事处为一方当事人：行政争议调解中心 (seed 004)",
            government(case("land_housing", Some(120_000), 2)),
            Expect {
                holder: 21,
                channel: Administrative,
                rule: "government-party",
            },
        ),
        (
            "住建工程质量纠纷，需专业认定：住建部门行政调解 (seed 000 四(一))",
            unclear(case("construction", Some(80_000), 2)),
            Expect {
                holder: 20,
                channel: Administrative,
                rule: "construction-technical",
            },
        ),
        (
            "住建工程款60万元，事实清楚：涉案金额较大，住建部门行政调解",
            case("construction", Some(600_000), 2),
            Expect {
                holder: 20,
                channel: Administrative,
                rule: "construction-large-amount",
            },
        ),
        (
            "教育纠纷，区里没有教育调委会：按层级，村（社区）调解",
            case("education", None, 2),
            Expect {
                holder: 4,
                channel: People,
                rule: "ladder-simple",
            },
        ),
        (
            "邻里纠纷6万元：复杂，乡镇（街道）调解 (seed 002 二级)",
            case("neighbourhood", Some(60_000), 2),
            Expect {
                holder: 3,
                channel: People,
                rule: "ladder-complex",
            },
        ),
        (
            "借贷纠纷30万元：疑难，县级调解 (seed 002 三级)",
            case("contract_loan", Some(300_000), 2),
            Expect {
                holder: 2,
                channel: People,
                rule: "ladder-difficult",
            },
        ),
        (
            "借贷纠纷200万元：重大，市级调解 (seed 002 四级)",
            case("contract_loan", Some(2_000_000), 2),
            Expect {
                holder: 1,
                channel: People,
                rule: "ladder-major",
            },
        ),
        (
            "邻里小事：小事不出村 (seed 001, 002 一级)",
            case("neighbourhood", None, 2),
            Expect {
                holder: 4,
                channel: People,
                rule: "ladder-simple",
            },
        ),
        (
            "网格员当场化解：留在网格 (docs/design.md, Rules: resolved on the spot)",
            on_spot(case("neighbourhood", None, 2)),
            Expect {
                holder: 5,
                channel: People,
                rule: "on-the-spot",
            },
        ),
    ];
    for (what, facts, expect) in table {
        let decision = decide(&facts, &tree, &rules, day("2026-03-02")).expect(what);
        assert_eq!(decision.holder.id, expect.holder, "{what}: holder");
        assert_eq!(decision.channel, expect.channel, "{what}: channel");
        assert_eq!(
            decision.fired.last().map(|f| f.id.as_str()),
            Some(expect.rule),
            "{what}: rule"
        );
        assert!(
            decision.notify.iter().any(|u| u.id == expect.holder),
            "{what}: holder told"
        );
    }
}

#[test]
fn joint_mediation_has_co_holders_and_tells_every_tier_on_the_way() {
    let rules = parse(DEFAULT_RULE_FILE).unwrap();
    let decision = decide(
        &case("labour_wages", Some(240_000), 30),
        &demo_tree(),
        &rules,
        day("2026-03-02"),
    )
    .unwrap();
    let co: Vec<i64> = decision.co_holders.iter().map(|u| u.id).collect();
    assert_eq!(
        co,
        vec![4, 3, 13],
        "village, township and the labour committee"
    );
    let told: Vec<i64> = decision.notify.iter().map(|u| u.id).collect();
    for rung in [5, 4, 3, 2] {
        assert!(told.contains(&rung), "unit {rung} told at once: {told:?}");
    }
    // The short deadline: 7 working days from Monday 2 March 2026 is Wednesday 11 March.
    assert_eq!(decision.deadline, Some(day("2026-03-11")));
}

#[test]
fn deadlines_count_working_days_across_the_spring_festival() {
    let rules = parse(DEFAULT_RULE_FILE).unwrap();
    // Friday 13 Feb 2026, ten working days at the village: the make-up Saturdays 14 and 28 Feb
    // count, 15–23 Feb do not.
    let decision = decide(
        &case("neighbourhood", None, 2),
        &demo_tree(),
        &rules,
        day("2026-02-13"),
    )
    .unwrap();
    assert_eq!(decision.deadline, Some(day("2026-03-05")));
    let on_spot = DisputeFacts {
        resolved_on_spot: Some("已调解".into()),
        ..case("neighbourhood", None, 2)
    };
    let kept = decide(&on_spot, &demo_tree(), &rules, day("2026-02-13")).unwrap();
    assert_eq!(kept.deadline, None);
}

#[test]
fn complexity_takes_the_highest_level_either_figure_reaches() {
    let rules = parse(DEFAULT_RULE_FILE).unwrap();
    assert_eq!(
        complexity(&case("other", None, 2), &rules),
        Complexity::Simple
    );
    assert_eq!(
        complexity(&case("other", Some(10), 12), &rules),
        Complexity::Difficult
    );
    assert_eq!(
        complexity(&case("other", Some(1_000_000), 1), &rules),
        Complexity::Major
    );
}

#[test]
fn escalation_goes_one_rung_up_and_stops_at_the_top() {
    let tree = demo_tree();
    let up = |from: i64| escalation_target(&tree, from).map(|u| u.id);
    assert_eq!(up(5), Some(4));
    assert_eq!(up(4), Some(3));
    assert_eq!(up(3), Some(2));
    assert_eq!(up(2), Some(1));
    assert_eq!(up(1), None, "the city's mediation is final (seed 002)");
    assert_eq!(
        up(10),
        Some(2),
        "a county committee's case goes to its county's 矛调中心"
    );
}

fn broken(edit: impl Fn(String) -> String) -> super::file::RuleFileError {
    parse(&edit(DEFAULT_RULE_FILE.to_owned())).expect_err("a broken file is refused")
}

fn line_of(needle: &str) -> usize {
    DEFAULT_RULE_FILE
        .lines()
        .position(|l| l.contains(needle))
        .unwrap()
        + 1
}

#[test]
fn a_broken_file_is_refused_with_its_line_and_field() {
    let zero = broken(|f| f.replace("village = 10", "village = 0"));
    assert_eq!(
        (zero.line, zero.field.as_str()),
        (Some(line_of("village = 10")), "deadlines.village")
    );

    let wrong_type = broken(|f| f.replace("township = 15", "township = \"fifteen\""));
    assert_eq!(wrong_type.line, Some(line_of("township = 15")));
    assert_eq!(wrong_type.field, "deadlines.township");

    let unknown_sector =
        broken(|f| f.replace("sector = \"construction\" }", "sector = \"housing\" }"));
    assert_eq!(unknown_sector.field, "rule[7].then.sector");
    assert_eq!(
        unknown_sector.line,
        Some(line_of("id = \"construction-technical\"") + 4),
        "{unknown_sector}"
    );
    assert!(unknown_sector.message.contains("housing"));

    let bad_date = broken(|f| f.replace("\"2026-05-09\"", "\"2026-05-32\""));
    assert_eq!(bad_date.field, "calendar.workdays");
    assert_eq!(bad_date.line, Some(line_of("2026-05-09")));

    let unknown_key = broken(|f| f.replace("joint = 7", "joint = 7\nsupervise = 2"));
    assert_eq!(
        unknown_key.line,
        Some(line_of("joint = 7") + 1),
        "{unknown_key}"
    );

    let conditional_last = broken(|f| {
        f.replace(
            "seed = \"002 一级：村（社区）调解（简单矛盾纠纷）; 001 小事不出村\"",
            "seed = \"x\"\nwhen = { facts_clear = true }",
        )
    });
    assert_eq!(conditional_last.field, "rule[13]");
    assert!(
        conditional_last.to_string().starts_with("line "),
        "{conditional_last}"
    );
}

/// The phone previews a recorded case's route with the rules it pulled (the default file, read
/// here by the server's reader and sent as JSON); moved from the outbox's tests when the TOML
/// reader left the phone's code.
#[test]
fn a_recorded_case_shows_where_the_phones_rules_send_it() {
    use app::device::replica::Replica;
    use domain::sync::{OpBody, Operation};
    let op = |n: u32| Operation {
        id: format!("op-{n}"),
        case_id: format!("case-{n}"),
        client_time: i64::from(n),
        body: OpBody::RecordDispute(case("neighbourhood", None, 2)),
    };
    let mut outbox = Replica::default();
    outbox.record(op(1));
    assert_eq!(outbox.cases[0].expected_holder, None, "no rules synced yet");
    outbox.routing = Some(domain::rules::RoutingContext {
        version: "v1".into(),
        rules: parse(DEFAULT_RULE_FILE).unwrap(),
        tree: demo_tree(),
    });
    outbox.record(op(2));
    assert_eq!(
        outbox.cases[0].expected_holder.as_deref(),
        Some("樟树潭社区")
    );
}

/// 一窗受理: a dispute registered at a unit's window is routed by the same rules from that unit,
/// never below it.
#[test]
fn a_window_routes_from_itself_and_never_down() {
    let rules = parse(DEFAULT_RULE_FILE).expect("the shipped rule file is valid");
    let at = |origin: i64| RoutingTree {
        grid_id: origin,
        ..demo_tree()
    };
    let received = day("2026-11-02");
    let decided =
        |origin: i64, facts: &DisputeFacts| decide(facts, &at(origin), &rules, received).unwrap();
    let simple = case("education", None, 2);
    // A grid's simple case goes to its village; brought to the township's or the county's
    // window it stays there, with that rung's deadline.
    assert_eq!(decided(5, &simple).holder.id, 4);
    for origin in [4, 3, 2, 1] {
        let d = decided(origin, &simple);
        assert_eq!(d.holder.id, origin, "registered at {origin}");
        assert_eq!(d.channel, Channel::People);
        assert!(d.deadline.is_some());
    }
    // A difficult case at the township's window still goes up to the county.
    assert_eq!(
        decided(3, &case("contract_loan", Some(300_000), 2))
            .holder
            .id,
        2
    );
    // Sector work registered at the county goes to its committee, as from a grid.
    assert_eq!(decided(2, &case("medical", Some(30_000), 3)).holder.id, 10);
    // The medical committee's own window keeps a simple case of its field.
    let at_committee = decided(10, &case("medical", None, 2));
    assert_eq!(
        (at_committee.holder.id, at_committee.channel),
        (10, Channel::Sector)
    );
    // Joint mediation from the township: the county leads, the township mediates with it,
    // nothing below the window is involved.
    let mut petition = case("neighbourhood", None, 4);
    petition.petition_risk = true;
    let joint = decided(3, &petition);
    assert_eq!(joint.holder.id, 2);
    assert_eq!(
        joint.co_holders.iter().map(|u| u.id).collect::<Vec<_>>(),
        vec![3]
    );
    assert!(joint.notify.iter().all(|u| u.id != 4 && u.id != 5));
    // Settled at the county's counter: kept, with no deadline.
    let mut settled = case("education", None, 2);
    settled.resolved_on_spot = Some("当场解释政策，申请人满意".into());
    let d = decided(2, &settled);
    assert_eq!((d.holder.id, d.deadline), (2, None));
}
