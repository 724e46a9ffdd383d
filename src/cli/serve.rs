//! `readouts serve`: the local web UI and HTTP API (`readouts::serve`).

use std::io::Write;
use std::net::SocketAddr;

use readouts::error::Result;
use readouts::serve::{self, Limits, ServeOptions};

use super::context::Context;
use super::exit::Exit;

/// Examples shown by `readouts serve -h`.
pub const EXAMPLES: &str = "\
Examples:
  readouts serve
  readouts --index ~/readouts-index serve --open
  readouts serve --bind 127.0.0.1:0          # any free port; the address is printed
  curl 'http://127.0.0.1:8737/search.json?q=taiwan&lang=zh'";

/// Arguments of `serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Address and port to listen on (port 0: any free port, printed on stdout)
    #[arg(long, default_value = "127.0.0.1:8737", value_name = "ADDR:PORT")]
    pub bind: SocketAddr,
    /// Allow an address other than loopback (the index becomes readable by
    /// anyone who can reach it; there is no authentication)
    #[arg(long)]
    pub allow_remote: bool,
    /// Open the search page in the default browser
    #[arg(long)]
    pub open: bool,
    /// Most hits on one page
    #[arg(long, default_value_t = Limits::default().page_size, value_name = "N")]
    pub max_page_size: usize,
    /// Searches run at once; more wait their turn
    #[arg(long, default_value_t = Limits::default().concurrent, value_name = "N")]
    pub max_concurrent: usize,
}

/// Serve until Ctrl-C.
pub fn run(ctx: &mut Context, args: Args) -> Result<Exit> {
    if let Some(warning) = serve::check_bind(&args.bind, args.allow_remote)? {
        eprintln!("readouts: {warning}");
    }
    let index = ctx.open_index()?.path.clone();
    let options = ServeOptions {
        index: index.clone(),
        bind: args.bind,
        allow_remote: args.allow_remote,
        glossary: ctx.glossary()?.clone(),
        limits: Limits {
            page_size: args.max_page_size.max(1),
            concurrent: args.max_concurrent.max(1),
            ..Limits::default()
        },
    };
    let open = args.open;
    serve::serve(options, move |bound| {
        let url = format!("http://{bound}/");
        let mut stdout = std::io::stdout();
        let _ = writeln!(stdout, "{url}");
        let _ = stdout.flush();
        eprintln!(
            "readouts: serving {} at {url} (read-only; Ctrl-C to stop)",
            index.display()
        );
        if open {
            open_browser(&url);
        }
    })?;
    eprintln!("readouts: stopped");
    Ok(Exit::Success)
}

/// Ask the desktop to open `url`; say so when it cannot.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .is_err()
    {
        eprintln!("readouts: could not start {opener}; open {url} yourself");
    }
}
