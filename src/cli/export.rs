//! `imr export`: one row per disputed item, as CSV or JSON lines.
//!
//! The columns are [`COLUMNS`], in that order, documented in README.md. In CSV, lists are joined
//! with `"; "` (pages with `", "`), absent values are empty and booleans are `true`/`false`; in
//! JSON lines, lists are arrays, absent values `null`, `item_index` and pages numbers.

use imr_determination::{CaseHeader, Document, Guideline, Item, Source, Text};
use serde::ser::{Serialize, SerializeMap, Serializer};

use super::Options;
use super::check::compact;
use super::inputs::Input;
use super::run::{Outcome, Status};

/// The columns, in order.
pub const COLUMNS: &[&str] = &[
    "path",
    "case_number",
    "date_assigned",
    "date_of_injury",
    "decision_date",
    "ur_denial_date",
    "priority",
    "application_received",
    "reviewer_certifications",
    "reviewer_subspecialties",
    "reviewer_licensure",
    "item_index",
    "item_count",
    "treatment",
    "original_request",
    "authorized",
    "decision",
    "claims_administrator_guideline",
    "claims_administrator_no_evidence_cited",
    "claims_administrator_mtus",
    "claims_administrator_non_mtus",
    "claims_administrator_pages",
    "maximus_guideline",
    "maximus_no_evidence_cited",
    "maximus_mtus",
    "maximus_non_mtus",
    "maximus_pages",
    "rationale",
];

/// One cell.
enum Value {
    Text(Option<String>),
    List(Vec<String>),
    Number(usize),
    Pages(Vec<u32>),
    Bool(Option<bool>),
}

impl Value {
    fn csv(&self) -> String {
        match self {
            Value::Text(t) => t.clone().unwrap_or_default(),
            Value::List(l) => l.join("; "),
            Value::Number(n) => n.to_string(),
            Value::Pages(p) => p.iter().map(u32::to_string).collect::<Vec<_>>().join(", "),
            Value::Bool(b) => b.map(|b| b.to_string()).unwrap_or_default(),
        }
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Text(t) => t.serialize(s),
            Value::List(l) => l.serialize(s),
            Value::Number(n) => n.serialize(s),
            Value::Pages(p) => p.serialize(s),
            Value::Bool(b) => b.serialize(s),
        }
    }
}

/// One row: a value for each of [`COLUMNS`].
struct Row(Vec<Value>);

impl Serialize for Row {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in COLUMNS.iter().zip(&self.0) {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

fn text(t: Option<&Text<'_>>) -> Value {
    Value::Text(t.map(|t| t.text().into_owned()))
}

fn list(ts: Option<&Vec<Text<'_>>>) -> Value {
    Value::List(
        ts.map(|ts| ts.iter().map(|t| t.text().into_owned()).collect())
            .unwrap_or_default(),
    )
}

/// The guideline columns: text, no_evidence_cited, MTUS titles with years, Non-MTUS citations,
/// pages.
fn guideline(g: Option<&Guideline<'_>>) -> [Value; 5] {
    let Some(g) = g else {
        return [
            Value::Text(None),
            Value::Bool(None),
            Value::List(Vec::new()),
            Value::List(Vec::new()),
            Value::Pages(Vec::new()),
        ];
    };
    let mut mtus = Vec::new();
    let mut non_mtus = Vec::new();
    let mut pages = Vec::new();
    for c in &g.citations {
        match c.source {
            Source::Mtus => {
                let title = c
                    .guideline
                    .as_ref()
                    .map_or_else(|| c.text.text().into_owned(), |t| t.text().into_owned());
                mtus.push(match c.year {
                    Some(y) => format!("{title} {y}"),
                    None => title,
                });
            }
            Source::NonMtus => non_mtus.push(c.text.text().into_owned()),
        }
        for &p in &c.pages {
            if !pages.contains(&p) {
                pages.push(p);
            }
        }
    }
    [
        Value::Text(Some(g.text.text().into_owned())),
        Value::Bool(Some(g.no_evidence_cited)),
        Value::List(mtus),
        Value::List(non_mtus),
        Value::Pages(pages),
    ]
}

fn rows<'d>(path: &'d str, doc: &'d Document<'_>) -> impl Iterator<Item = Row> + 'd {
    let count = doc.items.len();
    doc.items
        .iter()
        .enumerate()
        .map(move |(i, item)| row(path, doc, i, count, item))
}

fn row(path: &str, doc: &Document<'_>, index: usize, count: usize, item: &Item<'_>) -> Row {
    let h = doc.case_header.as_ref();
    let r = doc.reviewer.as_ref();
    let m = item.modification.as_ref();
    let no_header = CaseHeader::default();
    let mut v = vec![Value::Text(Some(path.to_owned()))];
    v.extend(
        h.unwrap_or(&no_header)
            .fields()
            .map(|(_, value)| text(value)),
    );
    v.extend([
        list(r.map(|r| &r.certifications)),
        list(r.map(|r| &r.subspecialties)),
        list(r.map(|r| &r.licensure)),
        Value::Number(index + 1),
        Value::Number(count),
        text(Some(&item.treatment)),
        text(m.map(|m| &m.original_request)),
        text(m.map(|m| &m.authorized)),
        Value::Text(item.decision.map(|d| d.value.as_str().to_ascii_lowercase())),
    ]);
    v.extend(guideline(item.claims_administrator_guideline.as_ref()));
    v.extend(guideline(item.maximus_guideline.as_ref()));
    v.push(text(item.rationale.as_ref()));
    Row(v)
}

/// The CSV header row.
pub fn csv_header() -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(COLUMNS);
    w.into_inner().unwrap_or_default()
}

/// The output format of the rows.
#[derive(Clone, Copy)]
pub enum Format {
    /// CSV without header (the header is written once, first).
    Csv,
    /// One JSON object per line.
    Jsonl,
}

/// `imr export` on one input: its rows, or, when it has errors, its diagnostics (not with
/// `--quiet`) and a line saying no rows were exported, on standard error.
pub fn export(input: &Input, format: Format, opts: &Options) -> Outcome {
    Outcome::of_letter(input, opts, |name, parsed, o| {
        if o.status == Status::Errors {
            if !opts.quiet {
                o.err = compact(parsed, name, &opts.lints).into_bytes();
            }
            o.err.extend_from_slice(
                format!("imr: {name}: has errors; no rows exported\n").as_bytes(),
            );
            return;
        }
        let path = input.path();
        match format {
            Format::Csv => {
                let mut w = csv::Writer::from_writer(Vec::new());
                for r in rows(&path, &parsed.document) {
                    let _ = w.write_record(r.0.iter().map(Value::csv));
                }
                o.out = w.into_inner().unwrap_or_default();
            }
            Format::Jsonl => {
                for r in rows(&path, &parsed.document) {
                    super::json_line(&r, &mut o.out);
                }
            }
        }
    })
}
