//! `readouts completions SHELL` and `readouts man`, generated from the clap
//! definition, so that they never drift from the commands.

use std::io::{self, Write};

use clap::CommandFactory;
use clap_complete::Shell;
use clap_mangen::Man;

use readouts::error::{Error, Result};

use super::exit::Exit;
use super::{syntax, Cli};

/// Examples shown by `readouts completions --help`.
pub const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  readouts completions bash > ~/.local/share/bash-completion/completions/readouts
  readouts completions zsh > ~/.zfunc/_readouts
  readouts completions fish > ~/.config/fish/completions/readouts.fish";

/// Examples shown by `readouts man --help`.
pub const MAN_EXAMPLES: &str = "\
Examples:
  readouts man | man -l -
  readouts man > ~/.local/share/man/man1/readouts.1";

/// Exit codes, for `--help` and the man page.
pub const EXIT_CODES: &str = "\
Exit codes:
  0  success; search, count and timeline found something; remove removed something
  1  ran fine but found nothing (search, count, timeline), or remove matched nothing
  2  error or rejected input (bad arguments or query, unusable or damaged index,
     writer lock held, an input ingest rejected, a page add or update refused)";

fn write(out: &mut dyn Write, bytes: &[u8]) -> Result<Exit> {
    out.write_all(bytes).map_err(|e| Error::io("<stdout>", e))?;
    Ok(Exit::Success)
}

/// Print the completion script for `shell`.
pub fn completions(shell: Shell, out: &mut dyn Write) -> Result<Exit> {
    // Generated into memory: the generators panic on a failed write (a closed pipe).
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "readouts", &mut script);
    write(out, &script)
}

/// Print one roff man page for the whole command line: the top-level page,
/// then a section per command (synopsis, description, options, examples),
/// the query syntax and the exit codes.
pub fn man(out: &mut dyn Write) -> Result<Exit> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let page = man_page(&cmd).map_err(|e| Error::io("<stdout>", e))?;
    write(out, page.as_bytes())
}

/// The roff crate's prelude (the `Aq` string), which it puts before every
/// piece it renders: once per page, after the title.
const PRELUDE: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";

type Render = fn(&Man, &mut dyn Write) -> io::Result<()>;

fn man_page(cmd: &clap::Command) -> io::Result<String> {
    let top = Man::new(cmd.clone());
    let mut page = roff(&top, Man::render_title)?;
    page.push_str(PRELUDE);
    let sections: [Render; 4] = [
        Man::render_name_section,
        Man::render_synopsis_section,
        Man::render_description_section,
        Man::render_options_section,
    ];
    for render in sections {
        page += &roff(&top, render)?;
    }
    // clap_mangen would name a page per command (readouts-search(1)); this
    // page holds them all, so list them by the sections below.
    page += ".SH COMMANDS\n";
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        page += &format!(
            ".TP\n\\fBreadouts {}\\fR\n{}\n",
            sub.get_name(),
            roff_escape(&about)
        );
    }
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        page += &command_section(sub)?;
    }
    page += &preformatted("QUERY SYNTAX", &syntax::reference());
    page += &preformatted(
        "EXIT STATUS",
        EXIT_CODES.trim_start_matches("Exit codes:\n"),
    );
    page += &roff(&top, Man::render_version_section)?;
    Ok(page)
}

/// What a clap_mangen renderer writes, less the prelude.
fn roff(man: &Man, render: Render) -> io::Result<String> {
    let mut buf = Vec::new();
    render(man, &mut buf)?;
    let text = String::from_utf8_lossy(&buf);
    let prelude: Vec<&str> = PRELUDE.lines().collect();
    Ok(text
        .lines()
        .filter(|l| !prelude.contains(l))
        .map(|l| format!("{l}\n"))
        .collect())
}

/// `.SH "READOUTS NAME"` with the command's own sections demoted to `.SS`.
fn command_section(sub: &clap::Command) -> io::Result<String> {
    let man = Man::new(sub.clone());
    let mut section = format!(".SH \"READOUTS {}\"\n", sub.get_name().to_uppercase());
    let mut parts: Vec<Render> = vec![
        Man::render_synopsis_section,
        Man::render_description_section,
    ];
    if sub.get_arguments().any(|a| !a.is_hide_set()) {
        parts.push(Man::render_options_section);
    }
    for render in parts {
        for line in roff(&man, render)?.lines() {
            match line.strip_prefix(".SH ") {
                Some(heading) => section += &format!(".SS {heading}\n"),
                None => section += &format!("{line}\n"),
            }
        }
    }
    if let Some(examples) = sub.get_after_help() {
        let examples = examples.to_string();
        let body = examples.strip_prefix("Examples:\n").unwrap_or(&examples);
        section += &format!(".SS EXAMPLES\n.nf\n{}\n.fi\n", roff_escape(body));
    }
    Ok(section)
}

/// A section of text kept as written (no filling), as `--help` shows it.
fn preformatted(heading: &str, text: &str) -> String {
    format!(".SH \"{heading}\"\n.nf\n{}\n.fi\n", roff_escape(text))
}

/// Escape text for roff: backslashes, and control characters at a line start.
fn roff_escape(text: &str) -> String {
    text.lines()
        .map(|line| {
            let line = line.replace('\\', "\\e").replace('-', "\\-");
            if line.starts_with(['.', '\'']) {
                format!("\\&{line}")
            } else {
                line
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roff_control_characters_are_escaped() {
        assert_eq!(
            roff_escape(".TH x\n'q\na\\b -x"),
            "\\&.TH x\n\\&'q\na\\eb \\-x"
        );
    }

    #[test]
    fn the_man_page_has_a_section_per_command() {
        let mut out = Vec::new();
        man(&mut out).unwrap();
        let page = String::from_utf8(out).unwrap();
        assert!(page.starts_with(".TH"), "{page}");
        for name in [
            "INGEST",
            "SEARCH",
            "COMPARE",
            "REINDEX",
            "SYNTAX",
            "COMPLETIONS",
        ] {
            assert!(page.contains(&format!(".SH \"READOUTS {name}\"")), "{name}");
        }
        assert!(page.contains(".SH \"EXIT STATUS\""));
        assert!(!page.contains("\n.SH SYNOPSIS\n.SH"));
    }
}
