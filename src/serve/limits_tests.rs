//! The concurrency limit: searches beyond it wait, then get 503; a slow one
//! holds only its own permit, never the threads that answer the others.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::http::StatusCode;

use super::api::blocking;
use super::state::Shared;
use super::{Limits, ServeOptions};
use crate::ingest::bundled;
use crate::model::glossary::Glossary;

fn shared(dir: &std::path::Path, concurrent: usize) -> Arc<Shared> {
    let index = dir.join("index");
    bundled::open_demo(&index).unwrap();
    Shared::open(&ServeOptions {
        index,
        bind: "127.0.0.1:0".parse().unwrap(),
        allow_remote: false,
        glossary: Glossary::default(),
        limits: Limits {
            concurrent,
            queue_wait_ms: 200,
            ..Limits::default()
        },
    })
    .unwrap()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn beyond_the_limit_a_request_waits_then_gets_503() {
    let dir = tempfile::tempdir().unwrap();
    let shared = shared(dir.path(), 1);
    let (started_tx, started_rx) = std::sync::mpsc::channel::<()>();
    let (release_tx, release_rx) = std::sync::mpsc::channel::<()>();
    runtime().block_on(async {
        let slow = {
            let shared = shared.clone();
            tokio::spawn(async move {
                blocking(&shared, move |_, _| {
                    started_tx.send(()).unwrap();
                    release_rx.recv_timeout(Duration::from_secs(60)).ok();
                    Ok(())
                })
                .await
            })
        };
        // The one turn is taken before the second request asks for it.
        tokio::task::spawn_blocking(move || started_rx.recv().unwrap())
            .await
            .unwrap();
        let start = Instant::now();
        let refused = blocking(&shared, |_, _| Ok(())).await.unwrap_err();
        assert_eq!(refused.status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(
            start.elapsed() >= Duration::from_millis(150),
            "it waited its turn first"
        );
        release_tx.send(()).unwrap();
        slow.await.unwrap().unwrap();
        blocking(&shared, |_, _| Ok(())).await.unwrap();
    });
}

/// Untimed: the slow search holds its turn until the quick one has
/// answered and lets it go, so it can only finish if the quick one ran
/// beside it (a pool of one turn would leave it waiting: the minute is a
/// fail-safe, not a measure).
#[test]
fn a_slow_search_does_not_stall_a_quick_one() {
    let dir = tempfile::tempdir().unwrap();
    let shared = shared(dir.path(), 2);
    let (started_tx, started_rx) = std::sync::mpsc::channel::<()>();
    let (release_tx, release_rx) = std::sync::mpsc::channel::<()>();
    runtime().block_on(async {
        let slow = {
            let shared = shared.clone();
            tokio::spawn(async move {
                blocking(&shared, move |_, _| {
                    started_tx.send(()).unwrap();
                    Ok(release_rx.recv_timeout(Duration::from_secs(60)).is_ok())
                })
                .await
            })
        };
        tokio::task::spawn_blocking(move || started_rx.recv().unwrap())
            .await
            .unwrap();
        let total = blocking(&shared, |_, index| {
            Ok(crate::query::search(index, &crate::query::SearchRequest::new("taiwan"))?.total)
        })
        .await
        .unwrap();
        assert!(total > 0);
        release_tx.send(()).unwrap();
        let released = slow.await.unwrap().unwrap();
        assert!(released, "the quick search waited for the slow one");
    });
}
