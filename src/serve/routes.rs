//! The router: every page, its JSON and its downloads, the assets, and the
//! headers every answer carries (Content-Security-Policy and friends).

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use super::api::{self, Failure};
use super::assets;
use super::export::{self, Format};
use super::pages::statement::{self, What};
use super::pages::{collocates, compare, count, search, timeline};
use super::state::Shared;

/// Only this server's own scripts, styles and images; no frames, no plugins,
/// forms only to itself.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

type Map = Query<HashMap<String, String>>;

/// Every route.
pub fn router(shared: Arc<Shared>) -> Router {
    pages()
        .merge(data())
        .route("/assets/{name}", get(assets::handler))
        .route(
            "/favicon.ico",
            get(|| assets::handler(Path("favicon.ico".to_string()))),
        )
        .fallback(not_found)
        .layer(axum::middleware::map_response(secure))
        .with_state(shared)
}

/// The pages, and the JSON and downloads of search and statements.
fn pages() -> Router<Arc<Shared>> {
    Router::new()
        .route("/", get(search::handler))
        .route("/search", get(search::handler))
        .route("/search.json", get(api::search))
        .route(
            "/search.csv",
            get(|s: State<Arc<Shared>>, q: Map| export::search(s, q, Format::Csv)),
        )
        .route(
            "/search.jsonl",
            get(|s: State<Arc<Shared>>, q: Map| export::search(s, q, Format::JsonLines)),
        )
        .route("/statements/{id}", get(statement::handler))
        .route("/statements/{id}/parallel", get(statement::parallel))
        .route(
            "/statements/{id}/parallel.json",
            get(statement::parallel_json),
        )
        .merge(by_query())
}

/// `/statement…?id=ID`: a statement by an id of any shape (`.` and `..`).
fn by_query() -> Router<Arc<Shared>> {
    let route = |what: What| {
        get(move |State(s): State<Arc<Shared>>, Query(m): Map| statement::by_query(s, m, what))
    };
    Router::new()
        .route("/statement", route(What::Html))
        .route("/statement.json", route(What::Json))
        .route("/statement.csv", route(What::Rows(Format::Csv)))
        .route("/statement.jsonl", route(What::Rows(Format::JsonLines)))
        .route("/statement/parallel", route(What::Parallel))
        .route("/statement/parallel.json", route(What::ParallelJson))
}

/// `/compare…?event=ID`: an event by an id of any shape (`.` and `..`).
fn compare_by_query() -> Router<Arc<Shared>> {
    let download = |format: Format| {
        get(
            move |State(s): State<Arc<Shared>>, Query(m): Map| async move {
                match compare::event_of(&m) {
                    Ok(e) => compare::download(s, e, m, format).await,
                    Err(f) => Failure::json(f),
                }
            },
        )
    };
    Router::new()
        .route(
            "/compare",
            get(|State(s): State<Arc<Shared>>, Query(m): Map| compare::by_query(s, m)),
        )
        .route(
            "/compare.json",
            get(|State(s): State<Arc<Shared>>, Query(m): Map| async move {
                match compare::event_of(&m) {
                    Ok(e) => api::compare_json(State(s), Path(e), Query(m)).await,
                    Err(f) => Failure::json(f),
                }
            }),
        )
        .route("/compare.csv", download(Format::Csv))
        .route("/compare.jsonl", download(Format::JsonLines))
}

/// Compare, timeline and count: pages, JSON and downloads.
fn data() -> Router<Arc<Shared>> {
    Router::new()
        .merge(compare_by_query())
        .route("/events/{id}/compare", get(compare::handler))
        .route("/events/{id}/compare.json", get(api::compare_json))
        .route(
            "/events/{id}/compare.csv",
            get(
                |State(s): State<Arc<Shared>>, Path(e): Path<String>, Query(m): Map| {
                    compare::download(s, e, m, Format::Csv)
                },
            ),
        )
        .route(
            "/events/{id}/compare.jsonl",
            get(
                |State(s): State<Arc<Shared>>, Path(e): Path<String>, Query(m): Map| {
                    compare::download(s, e, m, Format::JsonLines)
                },
            ),
        )
        .route(
            "/timeline",
            get(|s: State<Arc<Shared>>, q: Map| timeline::handler(s, q, timeline::As::Html)),
        )
        .route(
            "/timeline.json",
            get(|s: State<Arc<Shared>>, q: Map| timeline::handler(s, q, timeline::As::Json)),
        )
        .route(
            "/timeline.svg",
            get(|s: State<Arc<Shared>>, q: Map| timeline::handler(s, q, timeline::As::Svg)),
        )
        .route(
            "/timeline.csv",
            get(|s: State<Arc<Shared>>, q: Map| {
                timeline::handler(s, q, timeline::As::Rows(Format::Csv))
            }),
        )
        .route(
            "/timeline.jsonl",
            get(|s: State<Arc<Shared>>, q: Map| {
                timeline::handler(s, q, timeline::As::Rows(Format::JsonLines))
            }),
        )
        .route(
            "/collocates",
            get(|s: State<Arc<Shared>>, q: Map| collocates::handler(s, q, false)),
        )
        .route(
            "/collocates.json",
            get(|s: State<Arc<Shared>>, q: Map| collocates::handler(s, q, true)),
        )
        .route(
            "/count",
            get(|s: State<Arc<Shared>>, q: Map| count::handler(s, q, None)),
        )
        .route(
            "/count.json",
            get(|s: State<Arc<Shared>>, q: Map| count::handler(s, q, Some(Format::Text))),
        )
        .route(
            "/count.csv",
            get(|s: State<Arc<Shared>>, q: Map| count::handler(s, q, Some(Format::Csv))),
        )
        .route(
            "/count.jsonl",
            get(|s: State<Arc<Shared>>, q: Map| count::handler(s, q, Some(Format::JsonLines))),
        )
}

async fn not_found(uri: axum::http::Uri) -> Response {
    Failure {
        status: StatusCode::NOT_FOUND,
        message: format!("no such page: {}", uri.path()),
    }
    .json()
}

/// The headers of every answer.
async fn secure(mut response: Response) -> Response {
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response.into_response()
}
