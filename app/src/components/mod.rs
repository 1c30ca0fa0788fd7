pub mod header;
pub mod layout;
pub mod unit_card;
