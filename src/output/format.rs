//! The one list of output formats: what a command prints with no flag
//! (text), `--json` (JSON Lines: one object a line), `--csv` (a header, then
//! a row a line), and the SVG of a chart; the web's routes are named by the
//! same formats (`.json`/`.jsonl`, `.csv`, `.svg`).

/// An output format, for a command and for a route.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    /// For people: tables, hits, bars.
    #[default]
    Text,
    /// One JSON object a line.
    JsonLines,
    /// A header, then one row a line (also when there is no row).
    Csv,
    /// An SVG chart.
    Svg,
}

impl Format {
    /// The format's name in messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::JsonLines => "JSON Lines",
            Format::Csv => "CSV",
            Format::Svg => "SVG",
        }
    }

    /// The HTTP content type of a download in this format.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Text => "text/plain; charset=utf-8",
            Format::JsonLines => "application/x-ndjson; charset=utf-8",
            Format::Csv => "text/csv; charset=utf-8",
            Format::Svg => "image/svg+xml",
        }
    }

    /// A file name extension for it.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::JsonLines => "jsonl",
            Format::Csv => "csv",
            Format::Svg => "svg",
        }
    }

    /// JSON Lines: summaries and per-term reports go out as JSON objects too.
    pub fn is_json(self) -> bool {
        self == Format::JsonLines
    }
}
