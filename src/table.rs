//! The export tables: `letters` (one row per letter), `items` (one per disputed item) and
//! `citations` (one per cited guideline), as typed rows that any output format writes.
//!
//! Each [`Table`] has its [`Column`]s (name, [`Kind`], meaning; `docs/tables.md` shows them and
//! a test keeps it so), and [`rows`] gives the rows of one parsed letter as [`Value`]s in
//! column order. The shared vocabularies ([`crate::vocab`]) fill the columns analysts group by:
//! `category`, `drug_class`, `guideline_id`, `reviewer_specialties`, `publisher`.
//!
//! ```
//! use imr_determination::table::{Table, Value, rows};
//! let letter = std::fs::read_to_string("tests/fixtures/corpus/CM16-0213037.pypdf.txt").unwrap();
//! let parsed = imr_determination::parse(&letter);
//! let mut items = Vec::new();
//! rows(Table::Items, "CM16-0213037.txt", &parsed, |row| items.push(row));
//! let category = Table::Items.column("category").unwrap();
//! assert_eq!(items[0][category], Value::Text("imaging".into()));
//! ```

use std::sync::LazyLock;

use serde::{Serialize, Serializer};

use crate::ast::{Citation, Document, Guideline, Item, Source};
use crate::date::Date;
use crate::span::Text;
use crate::vocab;
use crate::{Code, Parsed};

/// The three tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Table {
    /// One row per letter.
    Letters,
    /// One row per disputed item.
    Items,
    /// One row per citation of a guideline (either side's).
    Citations,
}

/// The type of a column's values (each may also be absent: `null`, an empty CSV cell).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Text.
    Text,
    /// A whole number (Parquet `INT32`).
    Int,
    /// `true` or `false`.
    Bool,
    /// A calendar date: ISO 8601 text in CSV and JSON, `DATE` in Parquet.
    Date,
    /// A list of texts: a JSON array in CSV and JSON, `LIST<STRING>` in Parquet.
    TextList,
    /// A list of whole numbers: a JSON array in CSV and JSON, `LIST<INT32>` in Parquet.
    IntList,
}

impl Kind {
    /// The type as `docs/tables.md` names it.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Int => "integer",
            Kind::Bool => "boolean",
            Kind::Date => "date",
            Kind::TextList => "list of text",
            Kind::IntList => "list of integer",
        }
    }
}

/// A column of a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    /// Its name, e.g. `case_number`.
    pub name: &'static str,
    /// The type of its values.
    pub kind: Kind,
    /// What it holds.
    pub doc: &'static str,
}

const fn col(name: &'static str, kind: Kind, doc: &'static str) -> Column {
    Column { name, kind, doc }
}

/// A value of one cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// No value.
    Null,
    /// Text.
    Text(String),
    /// A whole number.
    Int(i32),
    /// A flag.
    Bool(bool),
    /// A date.
    Date(Date),
    /// A list of texts.
    Texts(Vec<String>),
    /// A list of whole numbers.
    Ints(Vec<i32>),
}

/// JSON: `null`, strings, numbers, booleans, ISO dates as strings, lists as arrays.
impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => s.serialize_none(),
            Value::Text(t) => s.serialize_str(t),
            Value::Int(n) => s.serialize_i32(*n),
            Value::Bool(b) => s.serialize_bool(*b),
            Value::Date(d) => s.collect_str(d),
            Value::Texts(l) => l.serialize(s),
            Value::Ints(l) => l.serialize(s),
        }
    }
}

/// The columns shared by `letters` and `items`: the input, the case header and the reviewer.
macro_rules! letter_columns {
    () => {
        [
            col("path", Kind::Text, "the input's path as given (`-` for standard input)"),
            col("case_number", Kind::Text, "`Case Number:` of the case header, e.g. `CM16-0213037`"),
            col("date_assigned", Kind::Date, "`Date Assigned:`"),
            col("date_of_injury", Kind::Date, "`Date of Injury:`"),
            col("decision_date", Kind::Date, "`Decision Date:`"),
            col("ur_denial_date", Kind::Date, "`UR Denial Date:`"),
            col("priority", Kind::Text, "`Priority:`, e.g. `Standard` or `Expedited`"),
            col("application_received", Kind::Date, "`Application Received:`"),
            col(
                "reviewer_certifications",
                Kind::TextList,
                "the reviewer's board certifications or specialties, as written",
            ),
            col(
                "reviewer_subspecialties",
                Kind::TextList,
                "the reviewer's subspecialties, as written",
            ),
            col(
                "reviewer_specialties",
                Kind::TextList,
                "certifications then subspecialties under their ABMS names (`Physical Medicine and Rehabilitation`, `Family Medicine`...), without repeats; a name the table does not know as written",
            ),
            col("reviewer_licensure", Kind::TextList, "the states where the reviewer is licensed"),
        ]
    };
}

const LETTER_COLUMNS: [Column; 12] = letter_columns!();

/// The columns of the guideline of one side, for `items`.
macro_rules! guideline_columns {
    ($side:literal, $label:literal) => {
        [
            col(
                concat!($side, "_guideline"),
                Kind::Text,
                concat!("the text after `", $label, "`"),
            ),
            col(
                concat!($side, "_no_evidence_cited"),
                Kind::Bool,
                "`true` when it says no medical evidence was cited",
            ),
            col(
                concat!($side, "_mtus"),
                Kind::TextList,
                "the MTUS titles it cites, with their year when stated, e.g. `Shoulder Complaints 2004`",
            ),
            col(
                concat!($side, "_non_mtus"),
                Kind::TextList,
                "the Non-MTUS citations it makes, as written",
            ),
            col(
                concat!($side, "_pages"),
                Kind::IntList,
                "every page number its citations give, ranges expanded, without repeats",
            ),
        ]
    };
}

const STATUS: Column = col(
    "status",
    Kind::Text,
    "`conforming` (no diagnostic), `warnings` or `errors` (exported with `--keep-partial` only)",
);

/// `letters`: the shared columns, then the letter's counts and status.
static LETTERS: LazyLock<Vec<Column>> = LazyLock::new(|| {
    let counts = [
        col(
            "item_count",
            Kind::Int,
            "how many disputed items the letter has",
        ),
        col("upheld", Kind::Int, "how many of them are upheld"),
        col("overturned", Kind::Int, "how many of them are overturned"),
        STATUS,
        col(
            "codes",
            Kind::TextList,
            "the codes of the letter's diagnostics (`imr::misspelt_label`...), each once, in the order first met",
        ),
    ];
    LETTER_COLUMNS.into_iter().chain(counts).collect()
});

/// `items`: the shared columns, then the item, each side's guideline, the rationale, the status.
static ITEMS: LazyLock<Vec<Column>> = LazyLock::new(|| {
    let item = [
        col(
            "item_index",
            Kind::Int,
            "the item's position in the letter, from 1",
        ),
        col("item_count", Kind::Int, "how many items the letter has"),
        col(
            "treatment",
            Kind::Text,
            "the disputed treatment (for a modified request, the part still disputed)",
        ),
        col(
            "category",
            Kind::Text,
            "the treatment's category: `medication`, `imaging`, `diagnostic_test`, `therapy`, `injection`, `surgery`, `equipment`, `evaluation`, `behavioral`, `program` or `other`",
        ),
        col(
            "drug_class",
            Kind::Text,
            "for a medication: `opioid`, `nsaid`, `muscle_relaxant`, `anticonvulsant`, `antidepressant`, `benzodiazepine`, `hypnotic`, `topical`, `gastrointestinal` or `other`",
        ),
        col(
            "original_request",
            Kind::Text,
            "for a modified request, what was requested",
        ),
        col(
            "authorized",
            Kind::Text,
            "for a modified request, what the claims administrator authorized",
        ),
        col("decision", Kind::Text, "`upheld` or `overturned`"),
    ];
    let ca = guideline_columns!("claims_administrator", "Claims Administrator guideline:");
    let mx = guideline_columns!("maximus", "MAXIMUS guideline:");
    let end = [
        col(
            "rationale",
            Kind::Text,
            "the text after `Decision rationale:`",
        ),
        STATUS,
    ];
    (LETTER_COLUMNS.into_iter())
        .chain(item)
        .chain(ca)
        .chain(mx)
        .chain(end)
        .collect()
});

const CITATIONS: &[Column] = &[
    col("path", Kind::Text, "the input's path as given"),
    col(
        "case_number",
        Kind::Text,
        "`Case Number:` of the case header",
    ),
    col(
        "item_index",
        Kind::Int,
        "the item's position in the letter, from 1",
    ),
    col(
        "decision",
        Kind::Text,
        "the item's decision: `upheld` or `overturned`",
    ),
    col(
        "side",
        Kind::Text,
        "whose guideline cites it: `claims_administrator` or `maximus`",
    ),
    col("source", Kind::Text, "`MTUS` or `Non-MTUS`"),
    col(
        "guideline",
        Kind::Text,
        "the guideline's title as written (a known MTUS title, or the Non-MTUS title)",
    ),
    col(
        "guideline_id",
        Kind::Text,
        "for an MTUS title, one id per guideline across its editions and spellings (`chronic_pain`, `acoem_low_back`...; see below)",
    ),
    col("year", Kind::Int, "the edition year, e.g. 2009"),
    col("chapter", Kind::Text, "`Chapter: X`"),
    col(
        "topic",
        Kind::Text,
        "a topic named after the title, e.g. `Opioids, criteria for use`",
    ),
    col("sections", Kind::TextList, "`Section(s): a, b`"),
    col(
        "pages",
        Kind::IntList,
        "every page number given, ranges expanded",
    ),
    col(
        "updated",
        Kind::Date,
        "the date of an `(updated MM/DD/YY)` note",
    ),
    col(
        "publisher",
        Kind::Text,
        "for a Non-MTUS citation, who publishes it as far as its text says: `ODG`, `ACOEM`, `UpToDate`, an agency, society or journal",
    ),
    col("text", Kind::Text, "the whole citation as written"),
];

impl Table {
    /// Every table.
    pub const ALL: [Table; 3] = [Table::Letters, Table::Items, Table::Citations];

    /// The table's name, e.g. `items`.
    pub fn name(self) -> &'static str {
        match self {
            Table::Letters => "letters",
            Table::Items => "items",
            Table::Citations => "citations",
        }
    }

    /// The table's columns, in order.
    pub fn columns(self) -> &'static [Column] {
        match self {
            Table::Letters => LETTERS.as_slice(),
            Table::Items => ITEMS.as_slice(),
            Table::Citations => CITATIONS,
        }
    }

    /// The position of the column named `name`.
    pub fn column(self, name: &str) -> Option<usize> {
        self.columns().iter().position(|c| c.name == name)
    }
}

/// `conforming`, `warnings` or `errors`.
pub fn status(parsed: &Parsed<'_>) -> &'static str {
    if parsed.has_errors() {
        "errors"
    } else if parsed.has_warnings() {
        "warnings"
    } else {
        "conforming"
    }
}

fn text(t: Option<&Text<'_>>) -> Value {
    t.map_or(Value::Null, |t| Value::Text(t.text().into_owned()))
}

fn texts(ts: &[Text<'_>]) -> Value {
    Value::Texts(ts.iter().map(|t| t.text().into_owned()).collect())
}

fn date(t: Option<&Text<'_>>) -> Value {
    header_date(t).map_or(Value::Null, Value::Date)
}

/// The day a case header date states, as the tables give it: `None` for no date, or a text
/// that is no day of the calendar (reported as `imr::impossible_date`).
pub fn header_date(t: Option<&Text<'_>>) -> Option<Date> {
    t.and_then(|t| Date::parse(&t.text()).ok())
}

/// The `guideline_id` of a citation: for an MTUS citation, the id of its title across
/// editions and spellings ([`vocab::guideline_id`]); `None` for a Non-MTUS one or a title the
/// table does not know.
pub fn guideline_id(c: &Citation<'_>) -> Option<&'static str> {
    match c.source {
        Source::Mtus => c
            .guideline
            .as_ref()
            .and_then(|t| vocab::guideline_id(&t.text())),
        Source::NonMtus => None,
    }
}

fn int(n: usize) -> Value {
    Value::Int(i32::try_from(n).unwrap_or(i32::MAX))
}

/// The reviewer's certifications then subspecialties under their ABMS names, each once.
pub fn reviewer_specialties(doc: &Document<'_>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if let Some(r) = &doc.reviewer {
        for t in r.certifications.iter().chain(&r.subspecialties) {
            let s = vocab::specialty(&t.text());
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}

/// The cells of [`LETTER_COLUMNS`].
fn letter_cells(path: &str, doc: &Document<'_>) -> Vec<Value> {
    let h = doc.case_header.as_ref();
    let r = doc.reviewer.as_ref();
    vec![
        Value::Text(path.to_owned()),
        text(h.and_then(|h| h.case_number.as_ref())),
        date(h.and_then(|h| h.date_assigned.as_ref())),
        date(h.and_then(|h| h.date_of_injury.as_ref())),
        date(h.and_then(|h| h.decision_date.as_ref())),
        date(h.and_then(|h| h.ur_denial_date.as_ref())),
        text(h.and_then(|h| h.priority.as_ref())),
        date(h.and_then(|h| h.application_received.as_ref())),
        texts(r.map_or(&[], |r| &r.certifications)),
        texts(r.map_or(&[], |r| &r.subspecialties)),
        Value::Texts(reviewer_specialties(doc)),
        texts(r.map_or(&[], |r| &r.licensure)),
    ]
}

fn decision(item: &Item<'_>) -> Value {
    item.decision.map_or(Value::Null, |d| {
        Value::Text(d.value.as_str().to_ascii_lowercase())
    })
}

/// The title of an MTUS citation (its known title, else its text), with its year.
fn mtus_title(c: &Citation<'_>) -> String {
    let title = c
        .guideline
        .as_ref()
        .map_or_else(|| c.text.text(), |t| t.text())
        .into_owned();
    match c.year {
        Some(y) => format!("{title} {y}"),
        None => title,
    }
}

/// The guideline columns of one side, for `items`.
fn guideline_cells(g: Option<&Guideline<'_>>) -> [Value; 5] {
    let Some(g) = g else {
        return [
            Value::Null,
            Value::Null,
            Value::Texts(Vec::new()),
            Value::Texts(Vec::new()),
            Value::Ints(Vec::new()),
        ];
    };
    let mut mtus = Vec::new();
    let mut non_mtus = Vec::new();
    let mut pages: Vec<i32> = Vec::new();
    for c in &g.citations {
        match c.source {
            Source::Mtus => mtus.push(mtus_title(c)),
            Source::NonMtus => non_mtus.push(c.text.text().into_owned()),
        }
        for &p in &c.pages {
            let p = i32::try_from(p).unwrap_or(i32::MAX);
            if !pages.contains(&p) {
                pages.push(p);
            }
        }
    }
    [
        Value::Text(g.text.text().into_owned()),
        Value::Bool(g.no_evidence_cited),
        Value::Texts(mtus),
        Value::Texts(non_mtus),
        Value::Ints(pages),
    ]
}

/// Calls `emit` with each row of `table` for one parsed letter whose input is `path`, in
/// order: one row for `letters`, one per item for `items`, one per citation (the claims
/// administrator's first, then MAXIMUS's, item by item) for `citations`. The rows are made
/// whatever the letter's diagnostics; leaving out letters with errors is the caller's choice.
pub fn rows(table: Table, path: &str, parsed: &Parsed<'_>, mut emit: impl FnMut(Vec<Value>)) {
    let doc = &parsed.document;
    let status = Value::Text(status(parsed).to_owned());
    match table {
        Table::Letters => {
            let mut row = letter_cells(path, doc);
            let count = |v| {
                let decided = |i: &&Item<'_>| i.decision.map(|d| d.value) == Some(v);
                doc.items.iter().filter(decided).count()
            };
            let mut codes: Vec<String> = Vec::new();
            for d in &parsed.diagnostics {
                let c = Code::as_str(d.code());
                if !codes.iter().any(|k| k == c) {
                    codes.push(c.to_owned());
                }
            }
            row.extend([
                int(doc.items.len()),
                int(count(crate::DecisionValue::Upheld)),
                int(count(crate::DecisionValue::Overturned)),
                status,
                Value::Texts(codes),
            ]);
            emit(row);
        }
        Table::Items => {
            let shared = letter_cells(path, doc);
            for (i, item) in doc.items.iter().enumerate() {
                let mut row = Vec::with_capacity(ITEMS.len());
                row.extend(shared.iter().cloned());
                let m = item.modification.as_ref();
                row.extend([
                    int(i + 1),
                    int(doc.items.len()),
                    text(Some(&item.treatment)),
                    Value::Text(item.category.as_str().to_owned()),
                    item.drug_class
                        .map_or(Value::Null, |c| Value::Text(c.as_str().to_owned())),
                    text(m.map(|m| &m.original_request)),
                    text(m.map(|m| &m.authorized)),
                    decision(item),
                ]);
                row.extend(guideline_cells(
                    item.claims_administrator_guideline.as_ref(),
                ));
                row.extend(guideline_cells(item.maximus_guideline.as_ref()));
                row.push(text(item.rationale.as_ref()));
                row.push(status.clone());
                emit(row);
            }
        }
        Table::Citations => {
            let case = text(
                doc.case_header
                    .as_ref()
                    .and_then(|h| h.case_number.as_ref()),
            );
            for (i, item) in doc.items.iter().enumerate() {
                let sides = [
                    ("claims_administrator", &item.claims_administrator_guideline),
                    ("maximus", &item.maximus_guideline),
                ];
                for (side, g) in sides {
                    for c in g.iter().flat_map(|g| &g.citations) {
                        emit(citation_row(path, &case, i, decision(item), side, c));
                    }
                }
            }
        }
    }
}

fn citation_row(
    path: &str,
    case: &Value,
    index: usize,
    decision: Value,
    side: &str,
    c: &Citation<'_>,
) -> Vec<Value> {
    let guideline = c.guideline.as_ref().map(|t| t.text().into_owned());
    let (source, publisher) = match c.source {
        Source::Mtus => ("MTUS", None),
        Source::NonMtus => ("Non-MTUS", vocab::publisher(&c.text.text())),
    };
    vec![
        Value::Text(path.to_owned()),
        case.clone(),
        int(index + 1),
        decision,
        Value::Text(side.to_owned()),
        Value::Text(source.to_owned()),
        guideline.map_or(Value::Null, Value::Text),
        guideline_id(c).map_or(Value::Null, |id| Value::Text(id.to_owned())),
        c.year.map_or(Value::Null, |y| Value::Int(i32::from(y))),
        text(c.chapter.as_ref()),
        text(c.topic.as_ref()),
        texts(&c.sections),
        Value::Ints(
            c.pages
                .iter()
                .map(|&p| i32::try_from(p).unwrap_or(i32::MAX))
                .collect(),
        ),
        date(c.updated.as_ref()),
        publisher.map_or(Value::Null, Value::Text),
        Value::Text(c.text.text().into_owned()),
    ]
}

/// The tables of `docs/tables.md`: for each table, a Markdown table of its columns (name, type,
/// meaning). A test checks the document holds them as rendered here.
pub fn markdown(table: Table) -> String {
    let mut s = String::from("| column | type | meaning |\n|---|---|---|\n");
    for c in table.columns() {
        s.push_str(&format!(
            "| `{}` | {} | {} |\n",
            c.name,
            c.kind.as_str(),
            c.doc
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names_are_unique_and_rows_fit_them() {
        let letter = include_str!("../tests/fixtures/corpus/CM16-0234464.pypdf.txt");
        let parsed = crate::parse(letter);
        for table in Table::ALL {
            let names: std::collections::HashSet<_> =
                table.columns().iter().map(|c| c.name).collect();
            assert_eq!(names.len(), table.columns().len(), "{}", table.name());
            let mut n = 0;
            rows(table, "x", &parsed, |row| {
                n += 1;
                assert_eq!(row.len(), table.columns().len());
                for (v, c) in row.iter().zip(table.columns()) {
                    let fits = match (v, c.kind) {
                        (Value::Null, k) => !matches!(k, Kind::TextList | Kind::IntList),
                        (Value::Text(_), Kind::Text)
                        | (Value::Int(_), Kind::Int)
                        | (Value::Bool(_), Kind::Bool)
                        | (Value::Date(_), Kind::Date)
                        | (Value::Texts(_), Kind::TextList)
                        | (Value::Ints(_), Kind::IntList) => true,
                        _ => false,
                    };
                    assert!(fits, "{}.{}: {v:?}", table.name(), c.name);
                }
            });
            assert!(n > 0, "{}", table.name());
        }
    }
}
