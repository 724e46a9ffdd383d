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
    /// Most hits on one page (1 to 10000)
    #[arg(long, default_value_t = Limits::default().page_size, value_name = "N",
          value_parser = between::<usize>(1, MAX_PAGE_SIZE))]
    pub max_page_size: usize,
    /// Searches run at once; more wait their turn (1 to 1024). Downloads
    /// (`.csv`, `.jsonl`) have as many turns again, of their own
    #[arg(long, default_value_t = Limits::default().concurrent, value_name = "N",
          value_parser = between::<usize>(1, MAX_CONCURRENT))]
    pub max_concurrent: usize,
    /// Connections open at once; one more is answered 503 and closed (1 to 65536)
    #[arg(long, default_value_t = Limits::default().connections, value_name = "N",
          value_parser = between::<usize>(1, MAX_CONNECTIONS))]
    pub max_connections: usize,
    /// Seconds a connection may take to send a request's head, counted from
    /// its opening or its last answer: idle and slow connections are closed (1 to 3600)
    #[arg(long, default_value_t = Limits::default().header_timeout_secs, value_name = "SECS",
          value_parser = between::<u64>(1, MAX_SECS))]
    pub header_timeout: u64,
    /// Seconds an answer may wait for a client that reads nothing before the
    /// connection is closed (1 to 3600)
    #[arg(long, default_value_t = Limits::default().send_timeout_secs, value_name = "SECS",
          value_parser = between::<u64>(1, MAX_SECS))]
    pub send_timeout: u64,
}

/// The most `--max-page-size` accepts.
pub const MAX_PAGE_SIZE: u64 = 10_000;
/// The most `--max-concurrent` accepts.
pub const MAX_CONCURRENT: u64 = 1024;
/// The most `--max-connections` accepts.
pub const MAX_CONNECTIONS: u64 = 65_536;
/// The most seconds a timeout of `serve` accepts.
pub const MAX_SECS: u64 = 3600;

/// A whole number from `low` to `high`: anything else is a usage error
/// (exit 2) that names the range, never a panic later.
pub fn between<T>(low: u64, high: u64) -> clap::builder::RangedU64ValueParser<T>
where
    T: TryFrom<u64> + Clone + Send + Sync + 'static,
    <T as TryFrom<u64>>::Error: std::error::Error + Send + Sync + 'static,
{
    clap::builder::RangedU64ValueParser::<T>::new().range(low..=high)
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
            page_size: args.max_page_size,
            concurrent: args.max_concurrent,
            connections: args.max_connections,
            header_timeout_secs: args.header_timeout,
            send_timeout_secs: args.send_timeout,
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
