//! People and units: sign-in and sessions (`auth`), passwords, the jurisdiction tree and its
//! users (`directory`), the mediator and expert pools, the dispute categories admins keep, and
//! the demo jurisdiction seeded into an empty database.

pub mod accounts;
pub mod auth;
pub mod catalogue;
pub mod directory;
pub mod mediator_pool;
pub mod password;
pub mod seed;
