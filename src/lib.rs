//! Parse California workers' compensation Independent Medical Review (IMR) Final
//! Determination letters.
//!
//! A letter's text (as any PDF extractor gives it) becomes a span-annotated [`Document`]: the
//! case header, the reviewer's credentials, the case summary and, for each disputed item, the
//! treatment, the decision (Upheld or Overturned), the guidelines each side cited and the
//! rationale. A malformed letter gives the best tree that can be built together with every
//! problem found, as [`Diagnostic`]s that render through [miette](https://docs.rs/miette/7).
//!
//! ```
//! let letter = std::fs::read_to_string("tests/fixtures/corpus/CM16-0213037.pypdf.txt")?;
//! let parsed = imr_determination::parse(&letter);
//! assert!(parsed.diagnostics.is_empty());
//! let item = &parsed.document.items[0];
//! assert_eq!(item.treatment.text(), "MRI of the right shoulder without contrast");
//! assert_eq!(item.decision.unwrap().value, imr_determination::DecisionValue::Upheld);
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! The grammar is written with [nom](https://docs.rs/nom/8) over
//! [nom_locate](https://docs.rs/nom_locate/5) spans and documented production by production in
//! `grammar.md`, included here as the module [`grammar`]; each parser function's documentation
//! shows the production it implements. The `imr` command built on this library (feature `cli`)
//! is described in the README.
//!
//! # A whole folder
//!
//! [`parse`] takes one letter's text, so a folder is a loop over its files. [`parse_bytes`]
//! reads bytes as they are on disk and reports text that is not UTF-8 as a diagnostic instead
//! of failing:
//!
//! ```
//! use std::collections::BTreeMap;
//!
//! let mut paths: Vec<_> = std::fs::read_dir("tests/fixtures/corpus")?
//!     .map(|entry| entry.map(|e| e.path()))
//!     .collect::<Result<_, _>>()?;
//! paths.retain(|p| p.extension().is_some_and(|e| e == "txt"));
//! paths.sort();
//!
//! let mut decisions = BTreeMap::new();
//! for path in &paths {
//!     let bytes = std::fs::read(path)?;
//!     let parsed = imr_determination::parse_bytes(&bytes);
//!     if parsed.has_errors() {
//!         eprintln!("{}: {} problems", path.display(), parsed.diagnostics.len());
//!         continue;
//!     }
//!     for item in &parsed.document.items {
//!         if let Some(d) = item.decision {
//!             *decisions.entry(d.value.as_str()).or_insert(0) += 1;
//!         }
//!     }
//! }
//! assert_eq!(paths.len(), 50);
//! assert!(decisions["Upheld"] > 0 && decisions["Overturned"] > 0);
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! For many thousands of letters, read them in parallel (the `imr` command uses rayon, with one
//! reused read buffer per thread) and keep only what you need of each tree: a [`Document`]
//! borrows the text it was parsed from.
//!
//! # Rendering reports
//!
//! [`Parsed::report`] bundles the diagnostics with the letter's text as a
//! [`miette::Diagnostic`](https://docs.rs/miette/7/miette/trait.Diagnostic.html). The library
//! depends on miette without its renderers; to print reports with code frames as `imr check`
//! does, enable miette's `fancy` feature in your own crate:
//!
//! ```toml
//! [dependencies]
//! imr-determination = { path = "...", default-features = false }
//! miette = { version = "7", features = ["fancy"] }
//! ```
//!
//! Then a report converts into a `miette::Report`, whose `Debug` output is the rendered report
//! (in colour on a terminal), or renders with a handler of your choosing:
//!
//! ```
//! let parsed = imr_determination::parse_bytes(b"Physical therapy \x96 page 98\n");
//! let report = parsed.report("letter.txt");
//!
//! // With the default handler, as `main` returning `miette::Result` would print it:
//! let rendered = format!("{:?}", miette::Report::new(report.clone()));
//! assert!(rendered.contains("imr::invalid_utf8"));
//!
//! // With a chosen theme and width, into a string:
//! let handler = miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
//!     .with_width(100);
//! let mut out = String::new();
//! handler.render_report(&mut out, &report).unwrap();
//! assert!(out.contains("letter.txt:1:18"), "{out}");
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod ast;
mod citation;
mod conclusion;
pub mod date;
mod diagnostic;
mod header;
mod items;
mod letter;
mod lex;
#[cfg(feature = "pdf")]
pub mod pdf;
mod read;
mod render;
mod reviewer;
mod sink;
mod span;
mod summary;
pub mod table;
mod template;
pub mod vocab;

pub use ast::{
    CaseHeader, Citation, Decision, DecisionValue, Document, Guideline, Item, Modification,
    ModificationForm, Reviewer, Source, visit_spans,
};
pub use diagnostic::{Code, Diagnostic, Label, Located, Report, Severity};
pub use read::{ReadError, looks_like_pdf, parse_file};
pub use render::render;
pub use span::{LineIndex, Span, Text, normalize};
pub use template::MTUS_TITLES;

use sink::Sink;

/// The grammar of a letter, production by production: the project's `grammar.md`, whose
/// productions name the functions that implement them.
#[doc = include_str!("../grammar.md")]
pub mod grammar {}

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

/// The most diagnostics kept for one letter; past it, one more says how many were left out.
pub const MAX_DIAGNOSTICS: usize = 500;

/// The result of parsing one letter: the best tree that could be built, and every problem found.
#[derive(Debug, Clone)]
pub struct Parsed<'a> {
    /// The letter's text (for invalid UTF-8, a lossy copy used to show the diagnostic).
    pub source: std::borrow::Cow<'a, str>,
    /// The tree.
    pub document: Document<'a>,
    /// Errors and warnings, ordered by position.
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Parsed<'a> {
    /// Whether any diagnostic is an error: the letter does not conform to the template.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Whether any diagnostic is a warning.
    pub fn has_warnings(&self) -> bool {
        self.diagnostics.iter().any(|d| !d.is_error())
    }

    /// The diagnostics bundled with the text, for rendering with miette; `name` is shown as the
    /// file name.
    pub fn report(&self, name: impl AsRef<str>) -> Report {
        Report::new(name, &self.source, self.diagnostics.clone())
    }

    /// The tree when the letter has no error, the report otherwise.
    pub fn into_result(self, name: impl AsRef<str>) -> Result<Document<'a>, Report> {
        if self.has_errors() {
            Err(self.report(name))
        } else {
            Ok(self.document)
        }
    }
}

/// Parses the text of a letter.
///
/// Never panics and always returns a tree: for a malformed letter, the parts that could be read,
/// with a diagnostic for each problem.
///
/// ```
/// let parsed = imr_determination::parse("CLINICAL CASE SUMMARY\nThe worker is 40.\n");
/// let codes: Vec<_> = parsed.diagnostics.iter().map(|d| d.code().as_str()).collect();
/// assert!(codes.contains(&"imr::missing_section"));
/// ```
pub fn parse(source: &str) -> Parsed<'_> {
    parse_noting(source, Vec::new())
}

/// [`parse`], with diagnostics found before the parse (on how the text was read) reported
/// among the parser's.
fn parse_noting(source: &str, notes: Vec<Diagnostic>) -> Parsed<'_> {
    let mut sink = Sink::new(source);
    for d in notes {
        sink.push(d);
    }
    let index = LineIndex::new(source);
    let mut document = letter::letter(source, &index, &mut sink);
    date::check(&document, &mut sink);
    classify(&mut document);
    locate_tree(&index, &mut document);
    let diagnostics = sink.finish(&index);
    Parsed {
        source: std::borrow::Cow::Borrowed(source),
        document,
        diagnostics,
    }
}

/// Parses a letter given as bytes, reporting `imr::invalid_utf8` with the offset of the first
/// invalid byte when they are not UTF-8. The tree is then that of the text before that byte,
/// and `source` is a lossy copy of the bytes (for showing the diagnostic).
///
/// ```
/// let parsed = imr_determination::parse_bytes(b"Physical therapy \x96 page 98");
/// assert_eq!(parsed.diagnostics[0].code().as_str(), "imr::invalid_utf8");
/// ```
pub fn parse_bytes(bytes: &[u8]) -> Parsed<'_> {
    match std::str::from_utf8(bytes) {
        Ok(s) => parse(s),
        Err(e) => {
            let at = e.valid_up_to();
            let lossy = String::from_utf8_lossy(bytes).into_owned();
            // In the lossy copy the invalid bytes became U+FFFD, which starts at the same offset.
            let end = lossy[at..].chars().next().map_or(at, |c| at + c.len_utf8());
            let mut sink = Sink::new(&lossy);
            sink.push(
                Diagnostic::new(
                    Code::InvalidUtf8,
                    format!("the letter is not valid UTF-8 (byte {at})"),
                )
                .with_label(Span::bytes(at, end), format!("invalid byte at offset {at}"))
                .with_help(
                    "convert the text to UTF-8 (e.g. `iconv -f WINDOWS-1252 -t UTF-8`) and parse again",
                ),
            );
            let diagnostics = sink.finish(&LineIndex::new(&lossy));
            // The tree of the valid prefix (its offsets are those of the lossy copy); the
            // rest cannot be read, so the prefix's own diagnostics are not reported.
            let prefix = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
            let index = LineIndex::new(prefix);
            let mut document = letter::letter(prefix, &index, &mut Sink::new(prefix));
            classify(&mut document);
            locate_tree(&index, &mut document);
            Parsed {
                source: std::borrow::Cow::Owned(lossy),
                document,
                diagnostics,
            }
        }
    }
}

/// Sets each item's category and drug class from its treatment (see [`vocab::treatment`]).
fn classify(document: &mut Document<'_>) {
    for item in &mut document.items {
        let t = vocab::treatment(&item.treatment.text());
        (item.category, item.drug_class) = (t.category, t.drug_class);
    }
}

/// Fills in the line and column of every span of a tree: as the tree is walked in an ASCII
/// text, else collected and located in their order, the few out of order sorted (see
/// `LineIndex::locate_all`), linear even when thousands of spans lie on one long line.
fn locate_tree(index: &LineIndex<'_>, document: &mut Document<'_>) {
    if let Some(mut locate) = index.ascii_locator() {
        ast::visit_spans_mut(document, &mut |s| locate(s));
        return;
    }
    let mut spans = Vec::with_capacity(64);
    ast::visit_spans_mut(document, &mut |s| spans.push(s));
    index.locate_all(&mut spans);
}
