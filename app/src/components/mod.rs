pub mod check_list;
pub mod header;
pub mod layout;
pub mod live_inbox;
pub mod local_cases;
pub mod sync_badge;
pub mod unit_card;
