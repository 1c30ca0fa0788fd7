//! Accounts an office can run (issue 14): an administrator disables and re-enables users,
//! resets a password to a one-time one the user must change, moves a user to another unit or
//! role, ends all of a user's sessions (a lost phone), and grants the sensitive-case
//! permission; every such action is written to the audit log, which administrators search.
//! Every user changes their own password.

use super::home::UserSummary;
use domain::audit::AuditAction;
use domain::session::Role;
use serde::{Deserialize, Serialize};

/// A user as the administrator manages them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub user: UserSummary,
    pub active: bool,
    /// May see and work the sensitive cases of the units whose cases they see.
    pub handles_sensitive: bool,
    /// Signed in with a one-time password: must choose their own before anything else.
    pub must_change_password: bool,
}

/// What an administrator does to an account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccountChange {
    /// Signs the user out everywhere and refuses their sign-ins until re-enabled.
    Disable,
    Enable,
    /// A one-time password, shown once to the administrator; the user must change it.
    ResetPassword,
    /// Signs the user out on every device (a lost phone); what its outbox holds stays there.
    EndSessions,
    /// To another unit or role (signs them out: their devices sync afresh).
    Move {
        unit_id: i64,
        role: Role,
    },
    SensitivePermission {
        granted: bool,
    },
}

/// The account after the change, and the one-time password when one was set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountChanged {
    /// What was done, as the audit log names it.
    pub action: AuditAction,
    pub account: Account,
    pub one_time_password: Option<String>,
}

/// Which lines of the audit log to show; every part optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    /// A username or (part of) a person's name: who acted or was acted on.
    pub person: Option<String>,
    pub action: Option<AuditAction>,
    /// `YYYY-MM-DD`, China time, inclusive.
    pub from: Option<String>,
    pub to: Option<String>,
}

/// How many lines one search shows, newest first.
pub const AUDIT_PAGE: i64 = 200;

/// One line of the audit log as an administrator reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLine {
    pub id: i64,
    pub at: i64,
    pub action: AuditAction,
    /// `姓名（username）`; none for the server itself.
    pub actor: Option<String>,
    /// The account acted on.
    pub subject: Option<String>,
    /// The case read, by number — only when the administrator may see that case.
    pub case_number: Option<String>,
    pub detail: Option<String>,
}
