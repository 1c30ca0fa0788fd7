//! Recording a dispute on the phone: the form's draft, the outbox that keeps what was recorded
//! until the server has it, and (in the browser) the engine that syncs the outbox.

pub mod draft;
#[cfg(feature = "hydrate")]
pub mod engine;
pub mod outbox;
#[cfg(feature = "hydrate")]
pub mod storage;
pub mod sync_state;
