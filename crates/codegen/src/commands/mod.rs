pub mod generate;
pub mod import;
