//! The demo jurisdiction seeded into an empty database: one city, one district, two townships,
//! four villages, eight grids, four sector committees and two administrative-mediation
//! departments, with one demo login per persona. Modelled on the 三级四步 ladder of seed 001
//! (Qujiang district, Quzhou).

use crate::db::{now_ms, Db};
use crate::people::password;
use domain::jurisdiction::UnitKind;
use domain::session::Role;
use sqlx::Row;

/// The password of every demo account; `make run` prints it with the usernames.
pub const DEMO_PASSWORD: &str = "fengqiao2026";

struct SeedUnit {
    key: &'static str,
    parent: Option<&'static str>,
    kind: UnitKind,
    name: &'static str,
    code: Option<&'static str>,
    category: Option<&'static str>,
}

const fn ladder(
    key: &'static str,
    parent: Option<&'static str>,
    kind: UnitKind,
    name: &'static str,
    code: Option<&'static str>,
) -> SeedUnit {
    SeedUnit {
        key,
        parent,
        kind,
        name,
        code,
        category: None,
    }
}

const fn attached(
    key: &'static str,
    kind: UnitKind,
    name: &'static str,
    category: &'static str,
) -> SeedUnit {
    SeedUnit {
        key,
        parent: Some("county"),
        kind,
        name,
        code: None,
        category: Some(category),
    }
}

use domain::mediators::{Level, MediatorKind};
use UnitKind::*;
const UNITS: &[SeedUnit] = &[
    ladder("city", None, City, "衢州市", Some("330800")),
    ladder("county", Some("city"), County, "衢江区", Some("330803")),
    ladder(
        "zhangtan",
        Some("county"),
        Township,
        "樟潭街道",
        Some("330803001"),
    ),
    ladder(
        "lianhua",
        Some("county"),
        Township,
        "莲花镇",
        Some("330803102"),
    ),
    ladder(
        "zhangshutan",
        Some("zhangtan"),
        Village,
        "樟树潭社区",
        Some("330803001001"),
    ),
    ladder(
        "shawan",
        Some("zhangtan"),
        Village,
        "沙湾村",
        Some("330803001201"),
    ),
    ladder(
        "zhixi",
        Some("lianhua"),
        Village,
        "芝溪村",
        Some("330803102201"),
    ),
    ladder(
        "wutan",
        Some("lianhua"),
        Village,
        "五坦村",
        Some("330803102202"),
    ),
    ladder(
        "zhangshutan-1",
        Some("zhangshutan"),
        Grid,
        "樟树潭社区第一网格",
        None,
    ),
    ladder(
        "zhangshutan-2",
        Some("zhangshutan"),
        Grid,
        "樟树潭社区第二网格",
        None,
    ),
    ladder("shawan-1", Some("shawan"), Grid, "沙湾村第一网格", None),
    ladder("shawan-2", Some("shawan"), Grid, "沙湾村第二网格", None),
    ladder("zhixi-1", Some("zhixi"), Grid, "芝溪村第一网格", None),
    ladder("zhixi-2", Some("zhixi"), Grid, "芝溪村第二网格", None),
    ladder("wutan-1", Some("wutan"), Grid, "五坦村第一网格", None),
    ladder("wutan-2", Some("wutan"), Grid, "五坦村第二网格", None),
    ladder("court", Some("county"), Court, "衢江区人民法院", None),
    attached(
        "medical",
        SectorCommittee,
        "衢江区医疗纠纷人民调解委员会",
        "medical",
    ),
    attached(
        "traffic",
        SectorCommittee,
        "衢江区道路交通事故纠纷人民调解委员会",
        "traffic",
    ),
    attached(
        "property",
        SectorCommittee,
        "衢江区物业纠纷人民调解委员会",
        "property",
    ),
    attached(
        "labour",
        SectorCommittee,
        "衢江区劳动争议人民调解委员会",
        "labour",
    ),
    attached(
        "construction",
        AdminDepartment,
        "衢江区住房和城乡建设局",
        "construction",
    ),
    attached(
        "administrative",
        AdminDepartment,
        "衢江区行政争议调解中心",
        "administrative",
    ),
];

/// A demo account: username, name, role, unit key.
pub struct DemoUser {
    pub username: &'static str,
    pub display_name: &'static str,
    pub role: Role,
    pub unit: &'static str,
    /// One login per persona is printed at start-up; the others fill the lists.
    pub persona: Option<&'static str>,
}

const fn user(
    username: &'static str,
    display_name: &'static str,
    role: Role,
    unit: &'static str,
    persona: Option<&'static str>,
) -> DemoUser {
    DemoUser {
        username,
        display_name,
        role,
        unit,
        persona,
    }
}

pub const USERS: &[DemoUser] = &[
    user(
        "grid",
        "王建国",
        Role::GridWorker,
        "zhangshutan-1",
        Some("网格员 grid worker"),
    ),
    user(
        "village",
        "李秀英",
        Role::Mediator,
        "zhangshutan",
        Some("社区调委会 village cadre"),
    ),
    user(
        "township",
        "张伟",
        Role::Staff,
        "zhangtan",
        Some("街道综治中心 township staff"),
    ),
    user(
        "county",
        "陈静",
        Role::Staff,
        "county",
        Some("区矛调中心 county staff"),
    ),
    user(
        "city",
        "刘洋",
        Role::Staff,
        "city",
        Some("市非诉中心 city staff"),
    ),
    user(
        "supervisor",
        "黄立新",
        Role::Supervisor,
        "county",
        Some("区信访联席办 supervisor (积案)"),
    ),
    user(
        "court",
        "徐明",
        Role::Staff,
        "court",
        Some("区人民法院 court (委托调解)"),
    ),
    user(
        "admin",
        "赵敏",
        Role::Admin,
        "city",
        Some("系统管理员 administrator"),
    ),
    user("grid2", "周强", Role::GridWorker, "zhangshutan-2", None),
    user("grid3", "吴芳", Role::GridWorker, "shawan-1", None),
    user("grid4", "郑磊", Role::GridWorker, "shawan-2", None),
    user("grid5", "孙丽", Role::GridWorker, "zhixi-1", None),
    user("grid6", "何军", Role::GridWorker, "zhixi-2", None),
    user("grid7", "徐萍", Role::GridWorker, "wutan-1", None),
    user("grid8", "胡斌", Role::GridWorker, "wutan-2", None),
    user("medical", "钱文华", Role::Mediator, "medical", None),
];

/// Seeds the demo into an empty database; a database that already has units is left alone.
/// Returns whether it seeded.
pub async fn seed_demo_if_empty(db: &Db) -> anyhow::Result<bool> {
    let count: i64 = sqlx::query("SELECT COUNT(*) AS n FROM units")
        .fetch_one(&db.pool)
        .await?
        .try_get("n")?;
    if count > 0 {
        return Ok(false);
    }
    let mut hashes = Vec::with_capacity(USERS.len());
    for _ in USERS {
        hashes.push(password::hash(DEMO_PASSWORD.to_owned()).await?);
    }
    let now = now_ms();
    let mut tx = db.pool.begin().await?;
    let mut ids: Vec<(&str, i64)> = Vec::new();
    for unit in UNITS {
        let parent_id = unit.parent.map(|key| {
            ids.iter()
                .find(|(k, _)| *k == key)
                .map(|(_, id)| *id)
                .expect("seed parents precede children")
        });
        debug_assert!(unit.kind.may_sit_under(
            unit.parent
                .map(|key| UNITS.iter().find(|u| u.key == key).unwrap().kind)
        ));
        let id: i64 = sqlx::query(
            "INSERT INTO units (parent_id, kind, name, code, category, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(parent_id)
        .bind(unit.kind.code())
        .bind(unit.name)
        .bind(unit.code)
        .bind(unit.category)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        ids.push((unit.key, id));
    }
    for (user, hash) in USERS.iter().zip(hashes) {
        let unit_id = ids
            .iter()
            .find(|(k, _)| *k == user.unit)
            .map(|(_, id)| *id)
            .expect("seed users name seeded units");
        sqlx::query(
            "INSERT INTO users (username, display_name, password_hash, role, unit_id, active, created_at) VALUES ($1, $2, $3, $4, $5, 1, $6)",
        )
        .bind(user.username)
        .bind(user.display_name)
        .bind(hash)
        .bind(user.role.code())
        .bind(unit_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    for m in MEDIATORS {
        let unit_id = ids
            .iter()
            .find(|(k, _)| *k == m.unit)
            .map(|(_, id)| *id)
            .expect("seed mediators name seeded units");
        let relations: Vec<_> = m
            .relations
            .iter()
            .map(|name| serde_json::json!({ "name": name }))
            .collect();
        sqlx::query(
            "INSERT INTO mediators (unit_id, name, kind, level, specialties, phone, id_number, relations, active, created_at)
             VALUES ($1, $2, $3, $4, $5, NULL, NULL, $6, 1, $7)",
        )
        .bind(unit_id)
        .bind(m.name)
        .bind(m.kind.code())
        .bind(m.level.code())
        .bind(serde_json::to_string(m.specialties)?)
        .bind(serde_json::to_string(&relations)?)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// A demo pool entry; `relations` are the people the mediator must withdraw (回避) for.
struct SeedMediator {
    unit: &'static str,
    name: &'static str,
    kind: MediatorKind,
    level: Level,
    specialties: &'static [&'static str],
    relations: &'static [&'static str],
}

/// The demo's 调解员库 and 专家库: the community's own mediators, the street's chief mediator, a
/// county expert, and a neighbouring township's mediator to invite.
const MEDIATORS: &[SeedMediator] = &[
    SeedMediator {
        unit: "zhangshutan",
        name: "周建国",
        kind: MediatorKind::Mediator,
        level: Level::Senior,
        specialties: &["neighbourhood", "marriage_family"],
        relations: &["周小红", "李四"],
    },
    SeedMediator {
        unit: "zhangshutan",
        name: "吴秀英",
        kind: MediatorKind::Mediator,
        level: Level::Intermediate,
        specialties: &["marriage_family", "property_management"],
        relations: &[],
    },
    SeedMediator {
        unit: "zhangtan",
        name: "郑志明",
        kind: MediatorKind::Mediator,
        level: Level::Chief,
        specialties: &["land_housing", "neighbourhood"],
        relations: &[],
    },
    SeedMediator {
        unit: "county",
        name: "陈立言",
        kind: MediatorKind::Expert,
        level: Level::Senior,
        specialties: &["contract_loan", "labour_wages"],
        relations: &[],
    },
    SeedMediator {
        unit: "lianhua",
        name: "何春生",
        kind: MediatorKind::Mediator,
        level: Level::Senior,
        specialties: &["land_housing"],
        relations: &[],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_tree_obeys_the_tree_rules_and_its_users_fit_their_units() {
        for unit in UNITS {
            let parent = unit.parent.map(|key| {
                UNITS
                    .iter()
                    .find(|u| u.key == key)
                    .expect("parent exists")
                    .kind
            });
            assert!(
                unit.kind.may_sit_under(parent),
                "{} under {:?}",
                unit.name,
                parent
            );
            assert_eq!(
                unit.kind.needs_category(),
                unit.category.is_some(),
                "{}",
                unit.name
            );
        }
        for user in USERS {
            let unit = UNITS
                .iter()
                .find(|u| u.key == user.unit)
                .expect("unit exists");
            assert!(
                user.role.fits_unit(unit.kind),
                "{} in {}",
                user.username,
                unit.name
            );
        }
    }

    #[test]
    fn the_demo_has_the_shape_the_foundation_promises() {
        let count = |kind| UNITS.iter().filter(|u| u.kind == kind).count();
        assert_eq!(
            (
                count(City),
                count(County),
                count(Township),
                count(Village),
                count(Grid)
            ),
            (1, 1, 2, 4, 8)
        );
        assert_eq!(count(SectorCommittee), 4);
        assert_eq!(USERS.iter().filter(|u| u.persona.is_some()).count(), 8);
    }
}
