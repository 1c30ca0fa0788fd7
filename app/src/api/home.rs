//! A person's home page: where their unit sits in the tree, the units below it, who works there.

use domain::jurisdiction::Unit;
use domain::session::SessionUser;
use serde::{Deserialize, Serialize};

/// A unit with the counts the overview pages show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitSummary {
    pub unit: Unit,
    pub child_count: i64,
    pub user_count: i64,
    /// The names of the people working in the unit (a grid's grid worker, a committee's
    /// mediators), at most [`MEMBERS_SHOWN`].
    pub members: Vec<String>,
}

/// How many names a unit row shows before it only counts.
pub const MEMBERS_SHOWN: usize = 4;

/// A user as lists show them: the same public facts the signed-in user carries. No password
/// material ever leaves the server.
pub type UserSummary = SessionUser;

/// What a person's home page shows: where their unit sits in the tree, what is below it and who
/// works there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeView {
    pub unit: Unit,
    /// From the parent up to the root.
    pub ancestors: Vec<Unit>,
    pub children: Vec<UnitSummary>,
    pub colleagues: Vec<UserSummary>,
}
