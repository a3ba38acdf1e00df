pub mod diff;
pub mod generate;
pub mod import;
