//! Fengqiao's domain, pure: what a dispute, a unit, a role, a procedure step, a rule and a sync
//! operation are, and the checks and decisions on them. No Leptos, no I/O, no clock and no
//! wording here (`scripts/check-architecture.py` holds it to that), so the same code runs in
//! the phone's WebAssembly — offline — and on the server, which is authoritative.
//!
//! The words for every code and variant live in the app's `i18n` folder, which depends on
//! this crate; the server's storage, routing and notifications use it too.
//! See docs/architecture.md for where each concept lives.

pub mod audit;
pub mod backlog;
pub mod clock;
pub mod codes;
pub mod dispute;
pub mod duplicates;
pub mod events;
pub mod figures;
pub mod jurisdiction;
pub mod mediators;
pub mod notices;
pub mod problem;
pub mod procedure;
pub mod rules;
pub mod search;
pub mod session;
pub mod sync;
pub mod text;
pub mod throttle;
pub mod weekly_sweep;
