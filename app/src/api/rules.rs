//! The active rule file as the admin page shows it, and the 试算 form that tries a case against it.

use domain::jurisdiction::Unit;
use serde::{Deserialize, Serialize};

/// The active rule file for the admin page: the rules in order, the file as written, and the
/// grids a case can be tried from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RulesView {
    pub name: String,
    pub version: String,
    pub rules: Vec<domain::rules::Fired>,
    pub text: String,
    pub grids: Vec<Unit>,
}
