//! The sync API (`/api/v1/sync/push`, `/api/v1/sync/pull`): devices push the operations their
//! outbox holds and pull what became of the cases they may see. See `app::sync` for the
//! protocol and `docs/sync.md` for its description.

mod apply;
mod entrust;
#[cfg(test)]
mod fuzz;
pub(crate) mod http;
mod new_case;
mod numbers;
pub(crate) use numbers::next_case_number;
mod pull;
mod pusher;
mod record;

pub use apply::apply_batch;
pub use http::router;
pub use pull::{pull_cases, Held};
