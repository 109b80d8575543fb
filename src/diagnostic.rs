//! Diagnostics: what is wrong with a letter, where, and what was expected.
//!
//! A parse yields every problem it finds, errors and warnings, as [`Diagnostic`]s. Each has a
//! stable [`Code`], a message, labels on the offending text and a help line. [`Report`] bundles
//! them with the letter's text for display through miette:
//!
//! ```
//! let parsed = imr_determination::parse("Dear claimant,\nthank you.\n");
//! let report = parsed.report("letter.txt");
//! assert_eq!(report.diagnostics()[0].code().as_str(), "imr::not_a_determination");
//! ```

use std::fmt;
use std::sync::Arc;

use miette::{LabeledSpan, NamedSource, SourceCode};
use serde::Serialize;

use crate::span::Span;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The letter does not conform to the template; the tree may be incomplete.
    Error,
    /// The letter conforms but something deserves a look.
    Warning,
}

macro_rules! codes {
    ($($(#[doc = $doc:literal])* $variant:ident = $code:literal, $severity:ident;)*) => {
        /// The kind of a diagnostic. Codes are stable: tools may match on [`Code::as_str`].
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Code {
            $($(#[doc = $doc])* $variant,)*
        }

        impl Code {
            /// Every code, in documentation order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as written in reports, e.g. `imr::missing_section`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// What the code means, in one line: its documentation as above.
            ///
            /// ```
            /// use imr_determination::Code;
            /// assert_eq!(
            ///     Code::EmptyInput.description(),
            ///     "The input is empty or holds only whitespace."
            /// );
            /// ```
            pub fn description(self) -> &'static str {
                match self { $(Code::$variant => concat!($($doc),*).trim_ascii_start(),)* }
            }

            /// The severity diagnostics of this code have.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }
        }
    };
}

codes! {
    /// The input is empty or holds only whitespace.
    EmptyInput = "imr::empty_input", Error;
    /// The bytes are not UTF-8.
    InvalidUtf8 = "imr::invalid_utf8", Error;
    /// A PDF has no text to read: its pages are images (a scan) or blank.
    NoTextLayer = "imr::no_text_layer", Error;
    /// None of the letter's section headings is there.
    NotADetermination = "imr::not_a_determination", Error;
    /// A determination in another, unsupported layout (e.g. the 2013 MAXIMUS notice).
    UnsupportedLayout = "imr::unsupported_layout", Error;
    /// A section heading is missing.
    MissingSection = "imr::missing_section", Error;
    /// A section heading is misspelt; the section is read as if it were spelt right.
    MisspeltHeading = "imr::misspelt_heading", Error;
    /// A section heading is out of order or repeated.
    SectionOrder = "imr::section_order", Error;
    /// The reviewer section states no credentials, or its credentials block lacks a row.
    MissingCredentials = "imr::missing_credentials", Error;
    /// The issues section has no disputed item.
    MissingItems = "imr::missing_items", Error;
    /// A guideline label comes without an item header (`TREATMENT: Upheld`) before it.
    MissingItemHeader = "imr::missing_item_header", Error;
    /// An item's decision is neither `Upheld` nor `Overturned`.
    UnknownDecision = "imr::unknown_decision", Error;
    /// An item lacks its `Claims Administrator guideline:` or `MAXIMUS guideline:` label.
    MissingGuideline = "imr::missing_guideline", Error;
    /// An item lacks its `Decision rationale:` label or text.
    MissingRationale = "imr::missing_rationale", Error;
    /// An item's labels are out of order or repeated.
    LabelOrder = "imr::label_order", Error;
    /// A label of the template (an item's guideline label, a row of the credentials block, a
    /// case header label) is misspelt; its text is read as if it were spelt right.
    MisspeltLabel = "imr::misspelt_label", Error;
    /// The text is not UTF-8 but reads as Windows-1252, and was decoded as such.
    LegacyEncoding = "imr::legacy_encoding", Warning;
    /// Text is not part of the template where it stands: between the case header and the first
    /// section, after the end of a credentials row's list, or after initials that may or may not
    /// end the credentials sentence.
    UnexpectedText = "imr::unexpected_text", Warning;
    /// The case header lacks one of its seven labels (`Case Number:` ... `Application
    /// Received:`).
    MissingHeaderField = "imr::missing_header_field", Warning;
    /// A fixed sentence of the template is missing or altered.
    MissingBoilerplate = "imr::missing_boilerplate", Warning;
    /// An Upheld item's rationale concludes the request is medically necessary, or an
    /// Overturned item's concludes it is not.
    DecisionRationaleMismatch = "imr::decision_rationale_mismatch", Warning;
    /// An item's rationale stops mid-sentence, or its last sentence states no conclusion on
    /// medical necessity: the letter may be cut short.
    MissingConclusion = "imr::missing_conclusion", Warning;
    /// An MTUS citation names a title not in the table of known MTUS titles.
    UnknownGuideline = "imr::unknown_guideline", Warning;
    /// A guideline label's text holds neither a fixed sentence nor a `Decision based on` citation.
    UnrecognisedGuideline = "imr::unrecognised_guideline", Warning;
    /// A case header date is no date, or a date (header or `(updated ...)` note) is not a day of
    /// the calendar; its text is kept and its value left empty.
    ImpossibleDate = "imr::impossible_date", Warning;
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A label: a span of the letter and what it says about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Label {
    /// The text to show beside the span.
    pub label: String,
    /// The labelled text.
    pub span: Span,
}

/// One problem found in a letter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    code: Code,
    severity: Severity,
    message: String,
    help: Option<String>,
    labels: Vec<Label>,
}

impl Diagnostic {
    /// A diagnostic of `code`, with its code's severity.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.severity(),
            message: message.into(),
            help: None,
            labels: Vec::new(),
        }
    }

    /// The diagnostic of a misspelt label of the template, `label` as it should be, at `at`;
    /// `after` names what follows it ("text", "value", "list"), read as the label's.
    pub(crate) fn misspelt_label(label: &str, at: Span, after: &str) -> Self {
        Diagnostic::new(
            Code::MisspeltLabel,
            format!("the label `{label}` is misspelt"),
        )
        .with_label(at, "read as this label")
        .with_help(format!(
            "did you mean \"{label}\"? the {after} after it was read as that label's"
        ))
    }

    /// Adds a label on `span`.
    pub fn with_label(mut self, span: Span, label: impl Into<String>) -> Self {
        self.labels.push(Label {
            label: label.into(),
            span,
        });
        self
    }

    /// Sets the help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The code.
    pub fn code(&self) -> Code {
        self.code
    }

    /// Error or warning.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// What was expected, when known.
    pub fn help(&self) -> Option<&str> {
        self.help.as_deref()
    }

    /// The labels, in the order they were added.
    pub fn labels(&self) -> &[Label] {
        &self.labels
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Clamps every label to the text of `len` bytes whose char boundaries `is_boundary` tells,
    /// so that no label points past the input (miette hides a label at the very end and panics
    /// past it): a label at or past the end is moved onto the last character.
    pub(crate) fn clamp_labels(&mut self, source: &str) {
        let len = source.len();
        for l in &mut self.labels {
            let s = &mut l.span;
            s.end = s.end.min(len);
            s.start = s.start.min(s.end);
            if s.start == len && len > 0 {
                let last = source
                    .char_indices()
                    .next_back()
                    .map(|(i, _)| i)
                    .unwrap_or_default();
                s.start = last;
                s.end = len;
            }
            s.start = crate::span::char_start(source, s.start);
            s.end = crate::span::char_end(source, s.end);
        }
        if len == 0 {
            self.labels.clear();
        }
    }
}

impl Diagnostic {
    /// The spans of the labels, for filling in their lines and columns.
    pub(crate) fn label_spans_mut(&mut self) -> impl Iterator<Item = &mut Span> {
        self.labels.iter_mut().map(|l| &mut l.span)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Diagnostic {}

impl miette::Diagnostic for Diagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code.as_str()))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_deref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            return None;
        }
        Some(Box::new(self.labels.iter().map(|l| {
            LabeledSpan::new_with_span(Some(l.label.clone()), l.span)
        })))
    }
}

/// Every diagnostic of one letter, with the letter's text, ready for miette to render.
///
/// The report itself is a miette diagnostic whose related diagnostics are the letter's; each is
/// rendered with a code frame of the letter.
#[derive(Debug, Clone)]
pub struct Report {
    source: NamedSource<Arc<str>>,
    diagnostics: Vec<Diagnostic>,
    summary: String,
}

impl Report {
    /// A report of `diagnostics` over `source`, shown under `name` (usually the path).
    pub fn new(name: impl AsRef<str>, source: &str, diagnostics: Vec<Diagnostic>) -> Self {
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        let warnings = diagnostics.len() - errors;
        let summary = format!(
            "{}: {} error{}, {} warning{}",
            name.as_ref(),
            errors,
            if errors == 1 { "" } else { "s" },
            warnings,
            if warnings == 1 { "" } else { "s" },
        );
        Report {
            source: NamedSource::new(name, Arc::from(source)),
            diagnostics,
            summary,
        }
    }

    /// The diagnostics.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Each diagnostic on its own, with the letter's text attached, for rendering one by one.
    pub fn iter(&self) -> impl Iterator<Item = Located<'_>> {
        self.diagnostics.iter().map(|d| Located {
            diagnostic: d,
            source: &self.source,
        })
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.summary)
    }
}

impl std::error::Error for Report {}

impl miette::Diagnostic for Report {
    fn severity(&self) -> Option<miette::Severity> {
        Some(if self.has_errors() {
            miette::Severity::Error
        } else {
            miette::Severity::Warning
        })
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        Some(Box::new(
            self.diagnostics
                .iter()
                .map(|d| d as &dyn miette::Diagnostic),
        ))
    }
}

/// One diagnostic with its letter's text: a complete miette diagnostic.
#[derive(Debug, Clone, Copy)]
pub struct Located<'r> {
    /// The diagnostic.
    pub diagnostic: &'r Diagnostic,
    source: &'r NamedSource<Arc<str>>,
}

impl fmt::Display for Located<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.diagnostic, f)
    }
}

impl std::error::Error for Located<'_> {}

impl miette::Diagnostic for Located<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        miette::Diagnostic::code(self.diagnostic)
    }
    fn severity(&self) -> Option<miette::Severity> {
        miette::Diagnostic::severity(self.diagnostic)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        miette::Diagnostic::help(self.diagnostic)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        miette::Diagnostic::labels(self.diagnostic)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_never_point_past_the_input() {
        let src = "abç";
        let mut d = Diagnostic::new(Code::MissingSection, "m").with_label(Span::bytes(4, 9), "x");
        d.clamp_labels(src);
        assert_eq!(d.labels()[0].span.range(), 2..4);
        let mut d = Diagnostic::new(Code::EmptyInput, "m").with_label(Span::bytes(0, 0), "x");
        d.clamp_labels("");
        assert!(d.labels().is_empty());
    }
}
