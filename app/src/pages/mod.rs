pub mod admin;
pub mod case;
pub mod home;
pub mod inbox;
pub mod login;
pub mod mediator_pool;
pub mod not_found;
pub mod record;
