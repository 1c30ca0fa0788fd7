//! Who is pushing a batch: the signed-in person, their device, and where their cases are
//! numbered.

use crate::db::Db;
use crate::people::catalogue;
use crate::people::directory::routing_tree;
use domain::dispute::DisputeFacts;
use domain::jurisdiction::UnitKind;
use domain::problem::FieldProblem;
use domain::problem::Problem;
use domain::rules::RoutingTree;
use domain::session::SessionUser;

/// Who is pushing, and where their cases are numbered.
pub struct Pusher {
    pub user: SessionUser,
    pub device_id: String,
    pub unit_kind: UnitKind,
    /// Where the user's cases are numbered, with its division code: the county at or above
    /// the user's unit — at a city's own window, the city.
    pub county: Option<(i64, String)>,
    /// For whoever records disputes (`Desk::Registering`): the part of the tree the cases of
    /// their unit can reach, read once per push.
    pub tree: Option<RoutingTree>,
    /// Every category code the deployment has had (retired ones too), read once per push.
    pub known_categories: std::collections::HashSet<String>,
    /// How far the device's clock is ahead of the server's (negative: behind), from the batch's
    /// `sent_at`; absent when the device did not say.
    pub clock_skew_ms: Option<i64>,
}

impl Pusher {
    pub async fn load(db: &Db, user: SessionUser, device_id: String) -> sqlx::Result<Pusher> {
        let unit = crate::people::directory::unit(db, user.unit_id).await?;
        let ancestors = crate::people::directory::ancestors(db, user.unit_id).await?;
        let numbered_at = |kind: UnitKind| {
            ancestors
                .iter()
                .chain(unit.iter())
                .find(|u| u.kind == kind)
                .map(|u| (u.id, u.code.clone().unwrap_or_else(|| format!("U{}", u.id))))
        };
        let county = numbered_at(UnitKind::County).or_else(|| {
            unit.as_ref()
                .filter(|u| u.kind == UnitKind::City)
                .and_then(|_| numbered_at(UnitKind::City))
        });
        let unit_kind = unit.map(|u| u.kind).unwrap_or(UnitKind::City);
        let tree = if user.opens(domain::session::Desk::Registering) {
            Some(routing_tree(&db.pool, user.unit_id).await?)
        } else {
            None
        };
        let known_categories = catalogue::all(db)
            .await?
            .into_iter()
            .map(|c| c.code)
            .collect();
        Ok(Pusher {
            unit_kind,
            user,
            device_id,
            county,
            tree,
            known_categories,
            clock_skew_ms: None,
        })
    }
}

impl Pusher {
    /// A category the phone had when it recorded is accepted even if retired since (issue 4);
    /// only a code this deployment never had is refused, named at `field`.
    pub(super) fn unknown_category(
        &self,
        facts: &DisputeFacts,
        field: &str,
    ) -> Option<FieldProblem> {
        (!self.known_categories.contains(&facts.category)).then(|| FieldProblem {
            field: field.into(),
            problem: Problem::UnknownValue,
        })
    }
}
