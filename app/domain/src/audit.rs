//! The audit log (issue 14, docs/security.md "The audit log"): what an administrator did to an
//! account, and who read what the law asks to be accounted for — a sensitive case's facts and
//! parties' unmasked phone or ID numbers.

use serde::{Deserialize, Serialize};

/// What an audit entry records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum AuditAction {
    /// A sensitive case's facts were read: its page, its pull to a device, or its chain check.
    SensitiveCaseRead,
    /// Parties' phone or ID numbers were shown whole.
    PersonalDataRead,
    UserCreated,
    UserDisabled,
    UserEnabled,
    /// An administrator set a one-time password the user must change.
    PasswordReset,
    /// The user chose a new password of their own.
    PasswordChanged,
    /// An administrator moved the user to another unit or role.
    UserMoved,
    /// An administrator signed the user out everywhere (a lost phone).
    SessionsEnded,
    SensitiveGranted,
    SensitiveRevoked,
}

crate::coded!(AuditAction {
    SensitiveCaseRead => "sensitive_case_read",
    PersonalDataRead => "personal_data_read",
    UserCreated => "user_created",
    UserDisabled => "user_disabled",
    UserEnabled => "user_enabled",
    PasswordReset => "password_reset",
    PasswordChanged => "password_changed",
    UserMoved => "user_moved",
    SessionsEnded => "sessions_ended",
    SensitiveGranted => "sensitive_granted",
    SensitiveRevoked => "sensitive_revoked",
});

/// Where a case's facts were read, for the `detail` of a read entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadVia {
    /// The case page (online).
    CasePage,
    /// A device's pull, which keeps the case for offline use.
    Pull,
    /// The timeline's hash-chain check.
    Verify,
}

impl ReadVia {
    pub fn code(self) -> &'static str {
        match self {
            ReadVia::CasePage => "case_page",
            ReadVia::Pull => "pull",
            ReadVia::Verify => "verify",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_reads_back_from_its_code() {
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::from_code(action.code()), Some(action));
        }
    }
}
