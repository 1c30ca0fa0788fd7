//! Server functions the pages call, and the data they return, one file per area of the product.
//! Their bodies are thin adapters: they find the signed-in user and hand the work to the server
//! crate through the [`backend::Backend`] trait, so this crate never touches the database.
//! Every endpoint is pinned (`endpoint = "…"`), so a page cached on a phone keeps calling the
//! same URL across releases.

pub mod accounts;
pub mod admin;
#[cfg(feature = "ssr")]
pub mod backend;
pub mod backlog;
pub mod case_list;
pub mod cases;
pub mod dashboard;
pub mod home;
pub mod report;
pub mod robots;
pub mod rules;
pub mod session;
pub mod warnings;
pub mod weekly_sweep;
pub mod work;
