//! Who is signed in: roles, the signed-in user as the UI sees them, and the sign-in errors a
//! person can be shown.

use crate::jurisdiction::UnitKind;
use serde::{Deserialize, Serialize};

/// A user's role. Every user also belongs to exactly one unit of the jurisdiction tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str", rename_all = "snake_case")]
pub enum Role {
    /// 网格员: records disputes in one grid.
    GridWorker,
    /// 村(社区)调委会干部、人民调解员: works the cases routed to a village or a committee.
    Mediator,
    /// 综治中心、司法所、矛调中心 staff of a township, county or city.
    Staff,
    /// Leads a unit: supervises (督办) the units below it.
    Supervisor,
    /// Maintains the jurisdiction tree and the users.
    Admin,
}

crate::coded!(Role {
    GridWorker => "grid_worker",
    Mediator => "mediator",
    Staff => "staff",
    Supervisor => "supervisor",
    Admin => "admin",
});

impl Role {
    /// Whether a user of this role may belong to a unit of `kind`. Grid workers work in a grid
    /// and only there (seed 001: 网格员 sweep their own grid); nobody else is bound to a grid.
    pub fn fits_unit(self, kind: UnitKind) -> bool {
        match self {
            Role::GridWorker => kind == UnitKind::Grid,
            Role::Admin => matches!(kind, UnitKind::City | UnitKind::County),
            Role::Mediator | Role::Staff | Role::Supervisor => kind != UnitKind::Grid,
        }
    }
}

/// The signed-in user, as every page and API handler receives it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionUser {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub unit_id: i64,
    pub unit_name: String,
    /// What the unit is: a court's users entrust cases rather than work them.
    pub unit_kind: crate::jurisdiction::UnitKind,
    /// Signed in with a one-time password an administrator set: every page but the one that
    /// changes it is closed until they choose their own.
    #[serde(default)]
    pub must_change_password: bool,
}

/// The parts of the app only some people open. The header offers their links, each page guards
/// itself (online and offline alike) and the server's functions refuse everyone else, all by
/// this one rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Desk {
    /// 管理 and the audit log: administrators.
    Administration,
    /// 积案库: the supervisors who keep a unit's backlog (seed 001 §10).
    BacklogRegister,
    /// 委托调解: a court's users entrust cases rather than work them.
    Entrusting,
    /// 统计: the figures of the jurisdiction, the home of township, county and city staff.
    Figures,
    /// 登记纠纷: a grid worker on their rounds, and the window of every mediation unit above
    /// the grid (一窗受理) — not a court, which entrusts, nor the administrators.
    Registering,
}

impl SessionUser {
    /// Whether this person opens `desk`.
    pub fn opens(&self, desk: Desk) -> bool {
        match desk {
            Desk::Administration => self.role == Role::Admin,
            Desk::BacklogRegister => self.role == Role::Supervisor,
            Desk::Entrusting => self.unit_kind == crate::jurisdiction::UnitKind::Court,
            Desk::Registering => {
                use crate::jurisdiction::UnitKind::*;
                match self.role {
                    Role::GridWorker => self.unit_kind == Grid,
                    Role::Mediator | Role::Staff | Role::Supervisor => matches!(
                        self.unit_kind,
                        Village | Township | County | City | SectorCommittee | AdminDepartment
                    ),
                    Role::Admin => false,
                }
            }
            Desk::Figures => {
                use crate::jurisdiction::UnitKind::*;
                matches!(self.role, Role::Staff | Role::Supervisor)
                    && matches!(self.unit_kind, Township | County | City)
            }
        }
    }
}

/// Why a sign-in attempt failed. The UI words each variant in the person's language; the API
/// sends the code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(try_from = "String", into = "&'static str", rename_all = "snake_case")]
pub enum LoginError {
    /// Unknown user and wrong password get one answer, so the form does not reveal who exists.
    #[error("wrong username or password")]
    WrongCredentials,
    #[error("username and password are required")]
    MissingFields,
    #[error("account is disabled")]
    Disabled,
    #[error("the server could not complete the sign-in")]
    Unavailable,
}

crate::coded!(LoginError {
    WrongCredentials => "wrong_credentials",
    MissingFields => "missing_fields",
    Disabled => "disabled",
    Unavailable => "unavailable",
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_codes_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
        assert_eq!(Role::from_code("root"), None);
    }

    #[test]
    fn only_grid_workers_belong_to_a_grid() {
        assert!(Role::GridWorker.fits_unit(UnitKind::Grid));
        assert!(!Role::GridWorker.fits_unit(UnitKind::Village));
        assert!(!Role::Mediator.fits_unit(UnitKind::Grid));
        assert!(Role::Mediator.fits_unit(UnitKind::SectorCommittee));
        assert!(!Role::Admin.fits_unit(UnitKind::Village));
    }
}
