pub mod api_diff;
pub mod diff;
pub mod generate;
pub mod import;
