//! The stylesheet and the script, compiled into the binary: nothing is
//! fetched from anywhere else.

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::api::Failure;

/// The stylesheet.
pub const STYLE: &str = include_str!("style.css");
/// The script: keyboard shortcuts, the histogram's range selection.
pub const SCRIPT: &str = include_str!("app.js");
/// The icon (also answered at `/favicon.ico`).
pub const ICON: &str = include_str!("icon.svg");

/// `GET /assets/{name}`.
pub async fn handler(Path(name): Path<String>) -> Response {
    let (kind, body) = match name.as_str() {
        "style.css" => ("text/css; charset=utf-8", STYLE),
        "app.js" => ("text/javascript; charset=utf-8", SCRIPT),
        "icon.svg" | "favicon.ico" => ("image/svg+xml", ICON),
        _ => {
            return Failure {
                status: axum::http::StatusCode::NOT_FOUND,
                message: format!("no asset {name:?}"),
            }
            .json()
        }
    };
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}
