//! Every option of `search`, `count`, `timeline` and `kwic` that changes a result
//! has a URL parameter on the web, and every URL parameter has an option:
//! the two lists are read from their one declarations (clap's definition of
//! the commands, `serve::params::KEYS`) and compared, so adding one without
//! the other fails here.

use clap::CommandFactory;
use std::collections::BTreeSet;

use super::Cli;
use readouts::serve::params::KEYS;

/// Options that choose how a result is printed or where from, not what it
/// is; the web has its own way to each.
const CLI_ONLY: [(&str, &str); 11] = [
    ("json", "the .json / .jsonl routes"),
    ("csv", "the .csv routes"),
    ("all", "the .csv / .jsonl routes hold every hit"),
    ("color", "terminals only"),
    ("svg", "the /timeline.svg route"),
    ("index", "given to `serve` itself"),
    ("glossary", "given to `serve` itself"),
    ("persons", "given to `serve` itself"),
    ("width", "the web's rows fit its page (60 columns a side)"),
    ("collocates", "the /collocates route"),
    (
        "with-translation",
        "the statement page's parallel view (/statements/ID?parallel)",
    ),
];

/// URL parameters that are views of a page, with no option.
const WEB_ONLY: [(&str, &str); 2] = [
    ("view", "the search page's hits or keyword-in-context rows"),
    ("kwic_sort", "the keyword-in-context rows' order"),
];

/// An option's URL name, where the two differ.
fn url_name(option: &str) -> String {
    match option {
        "limit" => "n".into(),
        "offset" => "page".into(),
        "query" => "q".into(),
        other => other.replace('-', "_"),
    }
}

/// The long options (and the query) of the research commands, as URL names.
fn cli_names() -> BTreeSet<String> {
    let cli = Cli::command();
    let mut names = BTreeSet::new();
    for command in ["search", "count", "timeline", "kwic"] {
        let sub = cli
            .find_subcommand(command)
            .unwrap_or_else(|| panic!("no `{command}` command"));
        for arg in sub.get_arguments() {
            let name = arg
                .get_long()
                .map(str::to_string)
                .unwrap_or_else(|| arg.get_id().to_string());
            if name == "help" || CLI_ONLY.iter().any(|(o, _)| *o == name) {
                continue;
            }
            names.insert(url_name(&name));
        }
    }
    names
}

#[test]
fn every_result_option_has_a_url_parameter_and_back() {
    let cli = cli_names();
    // `by` is read by the count routes beside the page's keys.
    let mut web: BTreeSet<String> = KEYS.iter().map(|k| k.to_string()).collect();
    web.insert("by".into());
    for (key, _) in WEB_ONLY {
        assert!(web.remove(key), "WEB_ONLY names {key}, which no page reads");
    }
    let no_url: Vec<_> = cli.difference(&web).collect();
    let no_option: Vec<_> = web.difference(&cli).collect();
    assert!(
        no_url.is_empty() && no_option.is_empty(),
        "options with no URL parameter: {no_url:?}; URL parameters with no option: {no_option:?}"
    );
}

#[test]
fn the_lists_name_real_options() {
    let cli = Cli::command();
    let mut all = BTreeSet::new();
    for sub in cli.get_subcommands() {
        for arg in sub.get_arguments() {
            all.extend(arg.get_long().map(str::to_string));
        }
    }
    all.extend(
        cli.get_arguments()
            .filter_map(|a| a.get_long().map(str::to_string)),
    );
    for (option, _) in CLI_ONLY {
        assert!(
            all.contains(option),
            "CLI_ONLY names --{option}, no such option"
        );
    }
}
