//! End-to-end tests of the `readouts` binary and its library, one module per
//! subcommand, each test in its own temp dir.

mod http;
mod server;
mod util;
mod webdriver;
mod wire;

mod acquire;
mod acquire_reliability;
mod alignment;
mod attribution;
mod browser;
mod cli;
mod concepts;
mod crosstab;
mod defaults;
mod duplicates;
mod events;
mod export;
mod ingest;
mod json_output;
mod kwic;
mod languages;
mod lexicon;
mod lifecycle;
mod memory;
mod messages;
mod pairs;
mod properties;
mod reliability;
mod research;
mod search;
mod serve;
mod serve_limits;
mod show_stats;
mod sweep;
mod widths;
