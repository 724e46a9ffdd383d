//! Statement-file drafts: front matter whose values may carry a note saying
//! how each was inferred (`# inferred: …`) or that it must be filled in, for
//! a person to review before ingesting. `import` (pasted compilations) and
//! `acquire` (publishers' pages) both write them.

/// The comment written on a value that could not be inferred.
pub const COULD_NOT_INFER: &str = "could not infer: fill in";

/// One statement file to be written, not yet reviewed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// File name for the statement (the id plus `.md`).
    pub file_name: String,
    /// Front-matter keys in the order they are written.
    pub fields: Vec<DraftField>,
    /// The body: paragraphs separated by blank lines, no trailing newline.
    pub body: String,
    /// What read a publisher's page: the profile and layout
    /// (`whitehouse / 2009-2017 drupal`) or `generic`; `None` for `import`.
    pub reading: Option<String>,
}

/// One front-matter key of a [`Draft`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftField {
    /// The statement-file key (`publisher`, `date`, …).
    pub key: String,
    /// The value; empty when it could not be inferred.
    pub value: String,
    /// Why the value was inferred (`inferred: …`) or that it could not be
    /// ([`COULD_NOT_INFER`]); written as a TOML comment after the value.
    /// `None` for a value given by the caller.
    pub note: Option<String>,
}

impl DraftField {
    /// An inferred value, with why.
    pub fn inferred(key: &str, value: impl Into<String>, why: impl AsRef<str>) -> DraftField {
        DraftField {
            key: key.to_string(),
            value: value.into(),
            note: Some(format!("inferred: {}", why.as_ref())),
        }
    }

    /// A value that could not be inferred: empty, to fill in.
    pub fn unresolved(key: &str) -> DraftField {
        DraftField {
            key: key.to_string(),
            value: String::new(),
            note: Some(COULD_NOT_INFER.to_string()),
        }
    }

    /// A value that could not be inferred, and where it was looked for
    /// (`could not infer: fill in (looked in <meta PubDate>, …)`).
    pub fn unresolved_after(key: &str, looked: &str) -> DraftField {
        DraftField {
            key: key.to_string(),
            value: String::new(),
            note: Some(format!("{COULD_NOT_INFER} (looked in {looked})")),
        }
    }

    /// Was this value left empty because it could not be inferred?
    pub fn is_unresolved(&self) -> bool {
        self.value.is_empty()
            && self
                .note
                .as_deref()
                .is_some_and(|n| n.starts_with(COULD_NOT_INFER))
    }

    /// Where an unresolved value was looked for, when the note says.
    pub fn looked_in(&self) -> Option<&str> {
        let note = self.note.as_deref()?.strip_prefix(COULD_NOT_INFER)?;
        note.strip_prefix(" (looked in ")?.strip_suffix(')')
    }
}

impl Draft {
    /// The value of a front-matter key, if the draft has it.
    pub fn value(&self, key: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|f| f.key == key)
            .map(|f| f.value.as_str())
    }

    /// The keys left empty because they could not be inferred.
    pub fn unresolved(&self) -> Vec<&str> {
        self.fields
            .iter()
            .filter(|f| f.is_unresolved())
            .map(|f| f.key.as_str())
            .collect()
    }

    /// The statement-file text: `+++` front matter with one comment per
    /// inferred value, a blank line, the body and a final newline.
    pub fn render(&self) -> String {
        let mut out = String::from("+++\n");
        for field in &self.fields {
            out.push_str(&field.key);
            out.push_str(" = ");
            out.push_str(&toml_string(&field.value));
            if let Some(note) = &field.note {
                out.push_str("  # ");
                out.push_str(&comment_text(note));
            }
            out.push('\n');
        }
        out.push_str("+++\n\n");
        out.push_str(&self.body);
        out.push('\n');
        out
    }
}

/// A TOML basic string.
pub fn toml_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A note made safe for a one-line TOML comment.
fn comment_text(note: &str) -> String {
    note.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}
