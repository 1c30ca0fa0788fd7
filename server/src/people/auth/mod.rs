//! Sign-in: server-side sessions and the middleware that tells every request
//! who is asking.

pub mod middleware;
pub mod sessions;
pub mod throttle;
