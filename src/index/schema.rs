//! The index schema, loaded from `index-schema/v4.json` (the one definition).

use serde::Deserialize;
use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions,
};

use crate::analysis::{IDENTIFIER_TOKENIZER, KEYWORD_TOKENIZER};
use crate::error::{Error, Result};

/// The schema definition this build uses, as shipped in `index-schema/`.
pub const SCHEMA_JSON: &str = include_str!("../../index-schema/v4.json");

/// One field as defined in the schema file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldDef {
    /// Field name.
    pub name: String,
    /// `identifier` (exact), `keyword` (case-insensitive), `text`, `u64`, `date` or `stored`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Whether the value is stored for display.
    #[serde(default)]
    pub stored: bool,
    /// Whether the value is also kept in a column (a fast field) for grouping
    /// and counting without reading stored documents. Keyword and identifier
    /// columns hold the value as written (not lower-cased).
    #[serde(default)]
    pub fast: bool,
    /// Tokenizer of a `text` field.
    pub tokenizer: Option<String>,
    /// What the field holds.
    #[serde(default)]
    pub doc: String,
}

/// The schema file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemaDef {
    /// Schema version; the index records it and refuses another.
    pub version: u32,
    /// What a document of this index is.
    #[serde(default)]
    pub description: String,
    /// The fields.
    pub fields: Vec<FieldDef>,
}

/// Handles to every field the code uses.
#[derive(Debug, Clone, Copy)]
#[allow(missing_docs)]
pub struct Fields {
    pub doc_id: Field,
    pub passage: Field,
    pub publisher: Field,
    pub country: Field,
    pub kind: Field,
    pub lang: Field,
    pub date: Field,
    pub event: Field,
    pub speaker: Field,
    /// Absent in an index made before speaker roles (reindex reads those).
    pub speaker_role: Option<Field>,
    /// Absent in an index made before turn labels.
    pub speaker_label: Option<Field>,
    /// Absent in an index made before reported speakers.
    pub reported: Option<Field>,
    pub title: Field,
    pub title_cjk: Field,
    pub text: Field,
    pub text_cjk: Field,
    pub url: Field,
    pub path: Field,
    pub translation_of: Field,
    pub date_source: Field,
    pub notes: Field,
    pub statement_speaker: Field,
    pub content_hash: Field,
    /// Absent in an index made before near-duplicate links (schema 3).
    pub dup_group: Option<Field>,
    /// Absent before schema 3.
    pub dup_bands: Option<Field>,
    /// Absent before schema 3.
    pub minhash: Option<Field>,
}

impl Fields {
    /// The handles of every field the code uses, looked up by name in a
    /// tantivy schema (this build's, or an older index's for reindex).
    pub fn resolve(schema: &Schema) -> Result<Fields> {
        let get = |name: &str| {
            schema
                .get_field(name)
                .map_err(|_| Error::Schema(format!("the code needs a field named {name:?}")))
        };
        Ok(Fields {
            doc_id: get("doc_id")?,
            passage: get("passage")?,
            publisher: get("publisher")?,
            country: get("country")?,
            kind: get("kind")?,
            lang: get("lang")?,
            date: get("date")?,
            event: get("event")?,
            speaker: get("speaker")?,
            speaker_role: schema.get_field("speaker_role").ok(),
            speaker_label: schema.get_field("speaker_label").ok(),
            reported: schema.get_field("reported").ok(),
            title: get("title")?,
            title_cjk: get("title_cjk")?,
            text: get("text")?,
            text_cjk: get("text_cjk")?,
            url: get("url")?,
            path: get("path")?,
            translation_of: get("translation_of")?,
            date_source: get("date_source")?,
            notes: get("notes")?,
            statement_speaker: get("statement_speaker")?,
            content_hash: get("content_hash")?,
            dup_group: schema.get_field("dup_group").ok(),
            dup_bands: schema.get_field("dup_bands").ok(),
            minhash: schema.get_field("minhash").ok(),
        })
    }

    /// The schema name of a field handle (fast-field columns are read by name).
    pub fn name(schema: &Schema, field: Field) -> &str {
        schema.get_field_name(field)
    }
}

/// The loaded schema: definition, tantivy schema and field handles.
#[derive(Debug, Clone)]
pub struct IndexSchema {
    /// The definition as loaded.
    pub def: SchemaDef,
    /// The tantivy schema built from it.
    pub schema: Schema,
    /// Field handles.
    pub fields: Fields,
}

impl IndexSchema {
    /// Load the schema this build ships.
    pub fn load() -> Result<IndexSchema> {
        Self::from_json(SCHEMA_JSON)
    }

    /// Build a schema from a definition text.
    pub fn from_json(json: &str) -> Result<IndexSchema> {
        let def: SchemaDef =
            serde_json::from_str(json).map_err(|e| Error::Schema(e.to_string()))?;
        let mut builder = Schema::builder();
        for f in &def.fields {
            let keyword = |tokenizer: &str| {
                let mut o = TextOptions::default().set_indexing_options(
                    TextFieldIndexing::default()
                        .set_tokenizer(tokenizer)
                        .set_index_option(IndexRecordOption::Basic),
                );
                if f.stored {
                    o = o.set_stored();
                }
                if f.fast {
                    o = o.set_fast("raw");
                }
                o
            };
            match f.kind.as_str() {
                "keyword" => {
                    builder.add_text_field(&f.name, keyword(KEYWORD_TOKENIZER));
                }
                "identifier" => {
                    builder.add_text_field(&f.name, keyword(IDENTIFIER_TOKENIZER));
                }
                "text" => {
                    let tokenizer = f.tokenizer.as_deref().ok_or_else(|| {
                        Error::Schema(format!("text field {} names no tokenizer", f.name))
                    })?;
                    let mut o = TextOptions::default().set_indexing_options(
                        TextFieldIndexing::default()
                            .set_tokenizer(tokenizer)
                            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
                    );
                    if f.stored {
                        o = o.set_stored();
                    }
                    builder.add_text_field(&f.name, o);
                }
                "stored" => {
                    builder.add_text_field(&f.name, TextOptions::default().set_stored());
                }
                "u64" => {
                    let mut o = NumericOptions::default().set_indexed().set_fast();
                    if f.stored {
                        o = o.set_stored();
                    }
                    builder.add_u64_field(&f.name, o);
                }
                "date" => {
                    let mut o = DateOptions::default()
                        .set_indexed()
                        .set_fast()
                        .set_precision(DateTimePrecision::Seconds);
                    if f.stored {
                        o = o.set_stored();
                    }
                    builder.add_date_field(&f.name, o);
                }
                other => {
                    return Err(Error::Schema(format!(
                        "field {}: unknown type {other:?}",
                        f.name
                    )))
                }
            }
        }
        let schema = builder.build();
        let fields = Fields::resolve(&schema)?;
        Ok(IndexSchema {
            def,
            schema,
            fields,
        })
    }

    /// Every tokenizer name the schema uses.
    pub fn tokenizer_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .def
            .fields
            .iter()
            .filter_map(|f| match f.kind.as_str() {
                "keyword" => Some(KEYWORD_TOKENIZER.to_string()),
                "identifier" => Some(IDENTIFIER_TOKENIZER.to_string()),
                "text" => f.tokenizer.clone(),
                _ => None,
            })
            .collect();
        names.sort();
        names.dedup();
        names
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tokenizer_named_in_the_schema_is_registered() {
        let schema = IndexSchema::load().unwrap();
        let manager = tantivy::tokenizer::TokenizerManager::default();
        crate::analysis::register(&manager);
        for name in schema.tokenizer_names() {
            assert!(
                manager.get(&name).is_some(),
                "tokenizer {name} is not registered"
            );
        }
        assert_eq!(
            schema.tokenizer_names().len(),
            crate::analysis::TOKENIZER_NAMES.len()
        );
    }

    #[test]
    fn a_schema_missing_a_field_the_code_needs_is_refused() {
        let json = SCHEMA_JSON.replace("\"content_hash\"", "\"hash\"");
        let err = IndexSchema::from_json(&json).unwrap_err().to_string();
        assert!(err.contains("content_hash"), "{err}");
    }
}
