//! The JSON side of every route, errors as JSON with their status code and
//! the message the command line gives, and [`blocking`], the one way a
//! handler touches the index.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::facets::{search_page, Bar, Facet};
use super::params::Params;
use super::state::Shared;
use crate::error::{Error, Result};
use crate::index::ReadoutsIndex;
use crate::query::compare;
use crate::query::coverage::Coverage;
use crate::query::hit::Hit;
use crate::query::research::{self, CountRow, GroupBy, Period};
use crate::query::values::Named;

/// A request that failed: the status and the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// HTTP status.
    pub status: StatusCode,
    /// The message, as the command line prints it.
    pub message: String,
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        let status = match &e {
            Error::Query { .. } | Error::Usage(_) => StatusCode::BAD_REQUEST,
            Error::NotFound(_) => StatusCode::NOT_FOUND,
            Error::Locked { .. } => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        Failure {
            status,
            message: e.to_string(),
        }
    }
}

impl Failure {
    /// Too many requests at once.
    pub fn busy() -> Failure {
        Failure {
            status: StatusCode::SERVICE_UNAVAILABLE,
            message: "the server is busy with other searches; try again".into(),
        }
    }

    /// `{"error": message, "status": code}` with the status.
    pub fn json(self) -> Response {
        #[derive(Serialize)]
        struct Body {
            error: String,
            status: u16,
        }
        let body = Body {
            error: self.message,
            status: self.status.as_u16(),
        };
        (self.status, axum::Json(body)).into_response()
    }
}

/// Run `work` on the blocking pool with the current index, once a permit is
/// free (503 when none frees up in time).
pub async fn blocking<T, F>(shared: &Arc<Shared>, work: F) -> std::result::Result<T, Failure>
where
    T: Send + 'static,
    F: FnOnce(&Shared, &ReadoutsIndex) -> Result<T> + Send + 'static,
{
    let permit = shared.permit().await.ok_or_else(Failure::busy)?;
    let shared = shared.clone();
    let joined = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let index = shared.index()?;
        work(&shared, &index)
    })
    .await;
    match joined {
        Ok(result) => result.map_err(Failure::from),
        Err(e) => Err(Failure {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: format!("the request failed: {e}"),
        }),
    }
}

/// The query string as [`Params`], or a failure.
pub fn params(
    shared: &Shared,
    map: &HashMap<String, String>,
) -> std::result::Result<Params, Failure> {
    Params::from_map(map, &shared.limits).map_err(Failure::from)
}

/// Serialize as a JSON response.
pub fn json<T: Serialize>(value: &T) -> Response {
    axum::Json(value).into_response()
}

/// `/search.json`: one page of hits with the total, the glossary-only count,
/// the facets and the histogram.
#[derive(Debug, Serialize)]
pub struct SearchJson {
    /// The query.
    pub query: String,
    /// The filters in words.
    pub filters: String,
    /// Passages matching in all.
    pub total: usize,
    /// Of those, found only through the glossary.
    pub glossary_only: usize,
    /// The page, from 1.
    pub page: usize,
    /// Hits per page.
    pub n: usize,
    /// This page's hits (the `search --json` records, without `path`).
    pub hits: Vec<Hit>,
    /// Counts per field.
    pub facets: Vec<Facet>,
    /// Matching passages per period, whatever the date filter.
    pub histogram: Vec<Bar>,
    /// What each query term reached: the `coverage` object `search --json`
    /// prints on stderr.
    pub coverage: Coverage,
}

/// Hits without the server's file paths (its answers do not show where
/// its files are).
pub fn without_paths(mut hits: Vec<Hit>) -> Vec<Hit> {
    for hit in &mut hits {
        hit.path.clear();
    }
    hits
}

/// `GET /search.json`.
pub async fn search(
    State(shared): State<Arc<Shared>>,
    Query(map): Query<HashMap<String, String>>,
) -> Response {
    let run = async {
        let p = params(&shared, &map)?;
        let request = p.request(&shared.limits).map_err(Failure::from)?;
        let page = p.page().map_err(Failure::from)?;
        blocking(&shared, move |s, index| {
            let data = search_page(index, &request, s.glossary_for(request.expand))?;
            Ok(SearchJson {
                query: request.query.clone(),
                filters: request.filters.describe(),
                total: data.results.total,
                glossary_only: data.glossary_only,
                page,
                n: request.limit,
                hits: without_paths(data.results.hits),
                facets: data.facets,
                histogram: data.histogram,
                coverage: data.coverage,
            })
        })
        .await
    };
    run.await.map_or_else(Failure::json, |v| json(&v))
}

/// `GET /events/{id}/compare.json?terms=…`: the matrix.
pub async fn compare_json(
    State(shared): State<Arc<Shared>>,
    Path(event): Path<String>,
    Query(map): Query<HashMap<String, String>>,
) -> Response {
    compare_matrix(shared, event, map)
        .await
        .map_or_else(Failure::json, |c| json(&c))
}

/// `/events/{id}/compare.json`: the matrix and what each topic's terms reached.
#[derive(Debug, Serialize)]
pub struct CompareJson {
    /// The matrix: `event`, `columns`, `rows`.
    #[serde(flatten)]
    pub comparison: compare::Comparison,
    /// What each term of each topic reached, topics in order.
    pub coverage: Coverage,
}

/// The comparison a compare route asks for: `terms` (one per line or
/// separated by commas), `exact`, `by_reported`.
pub async fn compare_matrix(
    shared: Arc<Shared>,
    event: String,
    map: HashMap<String, String>,
) -> std::result::Result<CompareJson, Failure> {
    let terms = compare_terms(&shared, &map)?;
    let exact = map.get("exact").is_some_and(|v| v == "1" || v == "on");
    let by_reported = map
        .get("by_reported")
        .is_some_and(|v| v == "1" || v == "on");
    blocking(&shared, move |s, index| {
        let comparison = compare::compare(index, &event, &terms, &s.glossary, !exact, by_reported)?;
        // Topics not given are the concepts the event mentions, by name.
        let topics: Vec<String> = match terms.is_empty() {
            true => comparison.rows.iter().map(|r| r.topic.clone()).collect(),
            false => terms,
        };
        let mut coverage = Coverage::default();
        for term in &topics {
            let request = crate::query::SearchRequest {
                expand: !exact,
                ..crate::query::SearchRequest::new(term.clone())
            };
            let one = crate::query::coverage(index, &request, s.glossary_for(!exact))?;
            coverage.langs = one.langs;
            coverage.terms.extend(one.terms);
        }
        Ok(CompareJson {
            comparison,
            coverage,
        })
    })
    .await
}

/// The topics of a compare request.
pub fn compare_terms(
    shared: &Shared,
    map: &HashMap<String, String>,
) -> std::result::Result<Vec<String>, Failure> {
    let raw = map.get("terms").map(String::as_str).unwrap_or("");
    if raw.chars().count() > shared.limits.query_chars {
        return Err(Error::Usage(format!(
            "the terms are {} characters long; at most {} are accepted",
            raw.chars().count(),
            shared.limits.query_chars
        ))
        .into());
    }
    Ok(raw
        .split(['\n', ','])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect())
}

/// The rows of a count or a timeline, and what each query term reached.
#[derive(Debug, Clone)]
pub struct Research {
    /// The rows.
    pub rows: Vec<CountRow>,
    /// The `coverage` object `count --json` and `timeline --json` print.
    pub coverage: Coverage,
}

/// Rows of `count` (`by` set) or `timeline` (`by` none), with the title.
pub async fn research_rows(
    shared: &Arc<Shared>,
    p: &Params,
    by: Option<GroupBy>,
) -> std::result::Result<Research, Failure> {
    let mut request = p.request(&shared.limits).map_err(Failure::from)?;
    request.limit = 10;
    request.offset = 0;
    let per = match p.get("per") {
        None => Period::Auto,
        Some(name) => Period::from_name(name).map_err(Failure::from)?,
    };
    blocking(shared, move |s, index| {
        let glossary = s.glossary_for(request.expand);
        let rows = match by {
            Some(by) => research::count(index, &request, by, glossary),
            None => research::timeline(index, &request, per, glossary),
        }?;
        Ok(Research {
            rows,
            coverage: crate::query::coverage(index, &request, glossary)?,
        })
    })
    .await
}

/// Content type header for a format.
pub fn content_type(kind: &'static str) -> [(header::HeaderName, &'static str); 1] {
    [(header::CONTENT_TYPE, kind)]
}
