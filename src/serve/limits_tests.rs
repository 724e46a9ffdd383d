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
    runtime().block_on(async {
        let slow = {
            let shared = shared.clone();
            tokio::spawn(async move {
                blocking(&shared, |_, _| {
                    std::thread::sleep(Duration::from_millis(600));
                    Ok(())
                })
                .await
            })
        };
        tokio::time::sleep(Duration::from_millis(50)).await;
        let start = Instant::now();
        let refused = blocking(&shared, |_, _| Ok(())).await.unwrap_err();
        assert_eq!(refused.status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(
            start.elapsed() >= Duration::from_millis(150),
            "it waited its turn first"
        );
        slow.await.unwrap().unwrap();
        blocking(&shared, |_, _| Ok(())).await.unwrap();
    });
}

#[test]
fn a_slow_search_does_not_stall_a_quick_one() {
    let dir = tempfile::tempdir().unwrap();
    let shared = shared(dir.path(), 2);
    runtime().block_on(async {
        let slow = {
            let shared = shared.clone();
            tokio::spawn(async move {
                blocking(&shared, |_, _| {
                    std::thread::sleep(Duration::from_millis(800));
                    Ok(())
                })
                .await
            })
        };
        tokio::time::sleep(Duration::from_millis(50)).await;
        let start = Instant::now();
        let total = blocking(&shared, |_, index| {
            Ok(crate::query::search(index, &crate::query::SearchRequest::new("taiwan"))?.total)
        })
        .await
        .unwrap();
        assert!(total > 0);
        assert!(
            start.elapsed() < Duration::from_millis(600),
            "the quick search waited for the slow one: {:?}",
            start.elapsed()
        );
        slow.await.unwrap().unwrap();
    });
}
