pub mod analysis;
pub mod cli;
pub mod error;
pub mod formats;
pub mod index;
pub mod model;
pub mod output;
pub mod query;
