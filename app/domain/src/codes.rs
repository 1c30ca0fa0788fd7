//! Stable codes for the domain's unit enums: what the database stores, the protocol sends and
//! the rule file names. [`coded!`](crate::coded) writes each enum's list once — `ALL`,
//! `code()`, `from_code()` — and lets serde read and write the enum by that code (the enum
//! carries `#[serde(try_from = "String", into = "&'static str")]`): one string match per enum
//! instead of serde's derived visitors, which the phone's download pays for enum by enum.

use std::fmt;

/// A code no variant has: the answer serde turns into "unknown value" for the field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownCode(pub String);

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown code `{}`", self.0)
    }
}

impl std::error::Error for UnknownCode {}

/// `coded!(Type { Variant => "code", … })`: the variants in order with their stable codes.
#[macro_export]
macro_rules! coded {
    ($ty:ident { $($variant:ident => $code:literal),+ $(,)? }) => {
        impl $ty {
            /// Every variant, in order.
            pub const ALL: [$ty; [$($code),+].len()] = [$($ty::$variant),+];

            /// The stable code stored and sent.
            pub fn code(self) -> &'static str {
                match self {
                    $($ty::$variant => $code),+
                }
            }

            pub fn from_code(code: &str) -> Option<$ty> {
                match code {
                    $($code => Some($ty::$variant),)+
                    _ => None,
                }
            }
        }

        impl TryFrom<String> for $ty {
            type Error = $crate::codes::UnknownCode;

            fn try_from(code: String) -> Result<$ty, $crate::codes::UnknownCode> {
                $ty::from_code(&code).ok_or($crate::codes::UnknownCode(code))
            }
        }

        impl From<$ty> for &'static str {
            fn from(value: $ty) -> &'static str {
                value.code()
            }
        }
    };
}
