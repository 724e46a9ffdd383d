//! The pages, one module each: search (with its facets, histogram and
//! keyword-in-context view), statement (and its parallel view), compare,
//! timeline, collocates.

pub mod collocates;
pub mod compare;
pub mod count;
pub mod facets;
pub mod kwic;
pub mod search;
pub mod statement;
pub mod statement_data;
pub mod timeline;
pub mod timeline_series;
