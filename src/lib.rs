//! Parse California workers' compensation Independent Medical Review (IMR) Final
//! Determination letters.
//!
//! A letter's text (as any PDF extractor gives it) becomes a span-annotated [`Document`]: the
//! case header, the reviewer's credentials, the case summary and, for each disputed item, the
//! treatment, the decision (Upheld or Overturned), the guidelines each side cited and the
//! rationale. A malformed letter gives the best tree that can be built together with every
//! problem found, as [`Diagnostic`]s that render through [miette].
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
//! The grammar is written with [nom] and documented production by production in `grammar.md`;
//! each parser function's documentation shows the production it implements.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod ast;
mod citation;
mod diagnostic;
mod header;
mod items;
mod letter;
mod render;
mod reviewer;
mod scan;
mod span;
mod summary;

pub use ast::{
    CaseHeader, Citation, Decision, DecisionValue, Document, Guideline, Item, Modification,
    Reviewer, Source, visit_spans,
};
pub use citation::MTUS_TITLES;
pub use diagnostic::{Code, Diagnostic, Label, Located, Report, Severity};
pub use render::render;
pub use span::{LineIndex, Span, Text, normalize};

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
    let mut diagnostics = Vec::new();
    let index = LineIndex::new(source);
    let mut document = letter::letter(source, &index, &mut diagnostics);
    locate_tree(&index, &mut document);
    finish_diagnostics(source, &index, &mut diagnostics);
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
            let mut diagnostics = vec![
                Diagnostic::new(
                    Code::InvalidUtf8,
                    format!("the letter is not valid UTF-8 (byte {at})"),
                )
                .with_label(Span::bytes(at, end), format!("invalid byte at offset {at}"))
                .with_help(
                    "convert the text to UTF-8 (e.g. `iconv -f WINDOWS-1252 -t UTF-8`) and parse again",
                ),
            ];
            let index = LineIndex::new(&lossy);
            finish_diagnostics(&lossy, &index, &mut diagnostics);
            // The tree of the valid prefix (its offsets are those of the lossy copy); the
            // rest cannot be read, so the prefix's own diagnostics are not reported.
            let prefix = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
            let index = LineIndex::new(prefix);
            let mut document = letter::letter(prefix, &index, &mut Vec::new());
            locate_tree(&index, &mut document);
            Parsed {
                source: std::borrow::Cow::Owned(lossy),
                document,
                diagnostics,
            }
        }
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

/// Clamps, orders and locates the diagnostics of one letter, keeping the first
/// [`MAX_DIAGNOSTICS`] by position and one more for the rest.
///
/// That last one is labelled at the first diagnostic left out, and has its code, or the code
/// of the first error left out when there is one: a letter whose errors were all left out still
/// has errors.
fn finish_diagnostics(source: &str, index: &LineIndex<'_>, diags: &mut Vec<Diagnostic>) {
    for d in diags.iter_mut() {
        d.clamp_labels(source);
    }
    // Stable: diagnostics at one place keep the order they were found in.
    diags.sort_by_key(|d| d.labels().first().map_or(usize::MAX, |l| l.span.start));
    if diags.len() > MAX_DIAGNOSTICS {
        let left = &diags[MAX_DIAGNOSTICS..];
        let first = &left[0];
        let code = left
            .iter()
            .find(|d| d.is_error())
            .map_or(first.code(), Diagnostic::code);
        let mut more = Diagnostic::new(
            code,
            format!(
                "{} more diagnostics from here on were left out, the first: {}",
                left.len(),
                first.message()
            ),
        )
        .with_help("fix the problems shown and check the letter again");
        if let Some(l) = first.labels().first() {
            more = more.with_label(l.span, "the first diagnostic left out");
        }
        diags.truncate(MAX_DIAGNOSTICS);
        diags.push(more);
    }
    let mut spans: Vec<&mut Span> = diags
        .iter_mut()
        .flat_map(Diagnostic::label_spans_mut)
        .collect();
    index.locate_all(&mut spans);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A warning at each of the first `MAX_DIAGNOSTICS + 100` bytes, an error after them and
    /// one without a label: the first `MAX_DIAGNOSTICS` warnings by position are kept, found in
    /// any order, and the last diagnostic counts the rest, is labelled at the first left out, and
    /// is an error because an error was left out.
    #[test]
    fn past_the_limit_the_rest_is_counted_at_the_first_left_out() {
        let n = MAX_DIAGNOSTICS + 100;
        let source = "x".repeat(n + 10);
        let index = LineIndex::new(&source);
        let warning = |at: usize| {
            Diagnostic::new(Code::UnexpectedText, format!("at {at}"))
                .with_label(Span::bytes(at, at + 1), "here")
        };
        let mut diags: Vec<Diagnostic> = (0..n).rev().map(warning).collect();
        diags.push(Diagnostic::new(Code::MissingItems, "no items"));
        diags.insert(
            7,
            Diagnostic::new(Code::MissingRationale, "late error")
                .with_label(Span::bytes(n + 5, n + 6), "here"),
        );
        finish_diagnostics(&source, &index, &mut diags);

        assert_eq!(diags.len(), MAX_DIAGNOSTICS + 1);
        let starts: Vec<usize> = diags[..MAX_DIAGNOSTICS]
            .iter()
            .map(|d| d.labels()[0].span.start)
            .collect();
        assert_eq!(starts, (0..MAX_DIAGNOSTICS).collect::<Vec<_>>());
        let more = &diags[MAX_DIAGNOSTICS];
        assert_eq!(more.code(), Code::MissingRationale);
        assert!(more.is_error());
        assert!(
            more.message().starts_with("102 more diagnostics"),
            "{}",
            more.message()
        );
        assert!(
            more.message()
                .ends_with(&format!("the first: at {MAX_DIAGNOSTICS}"))
        );
        let label = &more.labels()[0];
        assert_eq!(label.span.start, MAX_DIAGNOSTICS);
        assert_eq!(
            (label.span.line, label.span.column),
            (1, MAX_DIAGNOSTICS as u32 + 1)
        );
        assert!(more.help().is_some());
    }

    #[test]
    fn under_the_limit_diagnostics_are_only_ordered() {
        let source = "abc\ndef";
        let index = LineIndex::new(source);
        let at = |a: usize| {
            Diagnostic::new(Code::UnexpectedText, "w").with_label(Span::bytes(a, a + 1), "here")
        };
        let mut diags = vec![Diagnostic::new(Code::MissingItems, "none"), at(5), at(1)];
        finish_diagnostics(source, &index, &mut diags);
        let starts: Vec<Option<(usize, u32, u32)>> = diags
            .iter()
            .map(|d| {
                d.labels()
                    .first()
                    .map(|l| (l.span.start, l.span.line, l.span.column))
            })
            .collect();
        assert_eq!(starts, [Some((1, 1, 2)), Some((5, 2, 2)), None]);
    }
}
