//! The administrator's jurisdiction tree and users: the overview and the forms that add a unit
//! or a user.

use domain::jurisdiction::Unit;
use serde::{Deserialize, Serialize};

/// The administrator's view of the part of the tree they manage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminView {
    /// Depth-first, parents before children, with each unit's depth for indentation.
    pub units: Vec<(Unit, usize)>,
    /// Every user of the subtree, disabled ones included.
    pub accounts: Vec<super::accounts::Account>,
}

/// A unit to add, as the admin form submits it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewUnit {
    pub parent_id: i64,
    pub kind: String,
    pub name: String,
    pub code: Option<String>,
    pub category: Option<String>,
}

/// A user to add, as the admin form submits it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub unit_id: i64,
    pub password: String,
}
