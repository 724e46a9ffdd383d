//! `readouts serve`: a local web UI and HTTP API over an existing index,
//! read-only.
//!
//! [`serve`] binds a socket (loopback unless [`ServeOptions::allow_remote`]),
//! and answers every page as server-rendered HTML (`maud`, escaped by
//! default) and the same routes as JSON (`.json`), CSV (`.csv`) and JSON
//! Lines (`.jsonl`). Searches run on tokio's blocking pool behind a
//! semaphore ([`Limits::concurrent`]), so a slow request never holds the
//! threads that accept and answer the others; [`state::Shared`] keeps one
//! index reader and picks up new commits and a swapped folder (reindex).
//!
//! Modules: `listen` (the connections, their cap and timeouts), `state`
//! (the index holder), `params` (the URL ⇄ request),
//! `routes` (the router and the security headers), `api` (JSON and errors),
//! `export` (streamed CSV and JSON Lines), `facets` (counts per field),
//! `html` (layout, highlighting), `pages` (one module per page), `assets`
//! (the embedded CSS and JS).

pub mod api;
pub mod assets;
pub mod export;
pub mod facets;
pub mod html;
pub mod labels;
pub mod listen;
pub mod pages;
pub mod params;
pub mod routes;
pub mod state;

#[cfg(test)]
mod limits_tests;
#[cfg(test)]
mod statement_tests;

use std::net::SocketAddr;
use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::model::glossary::Glossary;

/// What a server may be asked, at most.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Longest query, in characters.
    pub query_chars: usize,
    /// Most hits on one page (`n`).
    pub page_size: usize,
    /// Requests that search at once; the others wait (at most
    /// [`Limits::queue_wait_ms`]), then get 503.
    pub concurrent: usize,
    /// How long a request waits for its turn, in milliseconds.
    pub queue_wait_ms: u64,
    /// Connections open at once; the next one is answered 503 and closed.
    pub connections: usize,
    /// Seconds a connection may take to send a whole request head, counted
    /// from its opening or from its last answer (idle and slowloris
    /// connections are closed after it).
    pub header_timeout_secs: u64,
    /// Seconds an answer may stall on a client that reads nothing before
    /// its connection is closed.
    pub send_timeout_secs: u64,
}

impl Default for Limits {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Limits {
            query_chars: 1000,
            page_size: 200,
            concurrent: (cores * 2).clamp(2, 1024),
            queue_wait_ms: 10_000,
            connections: 512,
            header_timeout_secs: 10,
            send_timeout_secs: 30,
        }
    }
}

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The index folder (it must exist).
    pub index: PathBuf,
    /// Address and port; port 0 picks a free one.
    pub bind: SocketAddr,
    /// Allow an address other than loopback.
    pub allow_remote: bool,
    /// The glossary queries expand through.
    pub glossary: Glossary,
    /// Request limits.
    pub limits: Limits,
}

/// Refuse a non-loopback address unless allowed; say what it means when allowed.
pub fn check_bind(bind: &SocketAddr, allow_remote: bool) -> Result<Option<String>> {
    if bind.ip().is_loopback() {
        return Ok(None);
    }
    if !allow_remote {
        return Err(Error::Usage(format!(
            "--bind {bind} is not a loopback address: anyone who can reach it could read the index; pass --allow-remote to serve it anyway"
        )));
    }
    Ok(Some(format!(
        "warning: serving on {bind}, reachable from other machines; there is no authentication"
    )))
}

/// Serve until Ctrl-C (or SIGTERM). `on_bound` is called once with the
/// address bound (port 0 resolved), before the first request.
pub fn serve(options: ServeOptions, on_bound: impl FnOnce(SocketAddr)) -> Result<()> {
    check_bind(&options.bind, options.allow_remote)?;
    let shared = state::Shared::open(&options)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        // A search's turns and as many downloads', and a few to spare.
        .max_blocking_threads(
            options
                .limits
                .concurrent
                .saturating_mul(2)
                .saturating_add(4),
        )
        .thread_name("readouts-serve")
        .build()
        .map_err(|e| Error::io("<runtime>", e))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(options.bind)
            .await
            .map_err(|e| Error::io(options.bind.to_string(), e))?;
        let bound = listener
            .local_addr()
            .map_err(|e| Error::io(options.bind.to_string(), e))?;
        on_bound(bound);
        listen::run(
            listener,
            routes::router(shared),
            options.limits,
            shutdown_signal(),
        )
        .await;
        Ok(())
    })
}

/// Ctrl-C, or SIGTERM on Unix.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_without_the_flag() {
        let local: SocketAddr = "127.0.0.1:0".parse().unwrap();
        let v6: SocketAddr = "[::1]:8737".parse().unwrap();
        let any: SocketAddr = "0.0.0.0:8737".parse().unwrap();
        assert_eq!(check_bind(&local, false).unwrap(), None);
        assert_eq!(check_bind(&v6, false).unwrap(), None);
        assert!(check_bind(&any, false).is_err());
        assert!(check_bind(&any, true).unwrap().unwrap().contains("warning"));
    }
}
