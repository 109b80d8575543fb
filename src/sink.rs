//! The diagnostics of one letter as the parser finds them, in bounded memory.
//!
//! A report keeps the first [`MAX_DIAGNOSTICS`] diagnostics in the letter's order and one more
//! counting the rest. A hostile letter can hold millions of problems; holding them all until the
//! end would take hundreds of bytes each. The sink holds at most a few times the limit: when
//! full, it sorts what it holds and counts out all but the first, remembering only what the
//! closing diagnostic needs (how many, the first left out, the first error left out).

use crate::MAX_DIAGNOSTICS;
use crate::diagnostic::{Code, Diagnostic};
use crate::span::{LineIndex, Span};

/// Where the grammar reports the problems it finds: every production that may find one is
/// passed a sink (as toml_parser's parsers are), rather than returning diagnostics beside its
/// tree or keeping them on the side. [`Sink`] is the one [`parse`](crate::parse) uses; a test
/// can collect them in a `Vec`.
pub(crate) trait ErrorSink {
    /// Reports a diagnostic.
    fn push(&mut self, diagnostic: Diagnostic);
}

impl ErrorSink for Sink<'_> {
    fn push(&mut self, diagnostic: Diagnostic) {
        Sink::push(self, diagnostic);
    }
}

impl ErrorSink for Vec<Diagnostic> {
    fn push(&mut self, diagnostic: Diagnostic) {
        Vec::push(self, diagnostic);
    }
}

/// How many diagnostics are held before the excess is counted out.
const HELD: usize = 4 * MAX_DIAGNOSTICS;

/// A diagnostic's place in the report: the start of its first label (without one, after all
/// others), then the order it was found in.
type Place = (usize, usize);

/// Where the parser puts the diagnostics of one letter.
pub(crate) struct Sink<'s> {
    source: &'s str,
    held: Vec<(Place, Diagnostic)>,
    /// How many were found.
    found: usize,
    /// How many were counted out, the first of them and the code of their first error.
    left_out: usize,
    first_left_out: Option<(Place, Diagnostic)>,
    first_error_left_out: Option<(Place, Code)>,
}

impl<'s> Sink<'s> {
    /// A sink for the diagnostics of `source`.
    pub(crate) fn new(source: &'s str) -> Self {
        Sink {
            source,
            held: Vec::new(),
            found: 0,
            left_out: 0,
            first_left_out: None,
            first_error_left_out: None,
        }
    }

    /// Adds a diagnostic, its labels kept inside the text.
    pub(crate) fn push(&mut self, mut d: Diagnostic) {
        d.clamp_labels(self.source);
        let at = d.labels().first().map_or(usize::MAX, |l| l.span.start);
        self.held.push(((at, self.found), d));
        self.found += 1;
        if self.held.len() >= HELD {
            self.keep_first();
        }
    }

    /// Sorts the held diagnostics by place and counts out all but the first
    /// [`MAX_DIAGNOSTICS`].
    fn keep_first(&mut self) {
        // Places are distinct: an unstable sort keeps the order found among equal starts.
        self.held.sort_unstable_by_key(|&(place, _)| place);
        if self.held.len() <= MAX_DIAGNOSTICS {
            return;
        }
        for (place, d) in self.held.drain(MAX_DIAGNOSTICS..) {
            self.left_out += 1;
            if d.is_error() && self.first_error_left_out.is_none_or(|(p, _)| place < p) {
                self.first_error_left_out = Some((place, d.code()));
            }
            if self.first_left_out.as_ref().is_none_or(|(p, _)| place < *p) {
                self.first_left_out = Some((place, d));
            }
        }
    }

    /// The diagnostics in the letter's order, their spans located: the first
    /// [`MAX_DIAGNOSTICS`], and past them one more that counts the rest. That one is labelled at
    /// the first left out and has its code, or the code of the first error left out when there
    /// is one: a letter whose errors were all left out still has errors.
    pub(crate) fn finish(mut self, index: &LineIndex<'_>) -> Vec<Diagnostic> {
        // Most letters have none.
        if self.found == 0 {
            return Vec::new();
        }
        self.keep_first();
        let mut diags: Vec<Diagnostic> = self.held.into_iter().map(|(_, d)| d).collect();
        if let Some((_, first)) = self.first_left_out {
            let code = self.first_error_left_out.map_or(first.code(), |(_, c)| c);
            let mut more = Diagnostic::new(
                code,
                format!(
                    "{} more diagnostics from here on were left out, the first: {}",
                    self.left_out,
                    first.message()
                ),
            )
            .with_help("fix the problems shown and check the letter again");
            if let Some(l) = first.labels().first() {
                more = more.with_label(l.span, "the first diagnostic left out");
            }
            diags.push(more);
        }
        let mut spans: Vec<&mut Span> = diags
            .iter_mut()
            .flat_map(Diagnostic::label_spans_mut)
            .collect();
        index.locate_all(&mut spans);
        diags
    }

    /// The diagnostics held, in the order found (for tests of one production).
    #[cfg(test)]
    pub(crate) fn found(mut self) -> Vec<Diagnostic> {
        self.held.sort_unstable_by_key(|&((_, found), _)| found);
        self.held.into_iter().map(|(_, d)| d).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::LineIndex;

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
        let mut sink = Sink::new(&source);
        for (k, at) in (0..n).rev().enumerate() {
            if k == 7 {
                sink.push(
                    Diagnostic::new(Code::MissingRationale, "late error")
                        .with_label(Span::bytes(n + 5, n + 6), "here"),
                );
            }
            sink.push(warning(at));
        }
        sink.push(Diagnostic::new(Code::MissingItems, "no items"));
        let diags = sink.finish(&index);

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

    /// Pushed in a scrambled order, with many at the same places, errors among warnings and
    /// some without a label, ten times more diagnostics than it may hold give the report of
    /// holding them all: the first `MAX_DIAGNOSTICS` by place, then the count of the rest at
    /// the first left out, with the code of the first error left out. It never holds more than
    /// `HELD`.
    #[test]
    fn counting_out_as_it_goes_gives_the_report_of_holding_all() {
        let n = 10 * HELD;
        let source = "y".repeat(n);
        let index = LineIndex::new(&source);
        let make = |k: usize| {
            // Places repeat (k % 997), and the order of pushes is not theirs.
            let at = (k * 7919) % 997;
            let code = if k.is_multiple_of(13) {
                Code::MissingRationale
            } else {
                Code::UnexpectedText
            };
            let d = Diagnostic::new(code, format!("d{k}"));
            if k.is_multiple_of(101) {
                d
            } else {
                d.with_label(Span::bytes(at, at + 1), "here")
            }
        };
        let mut sink = Sink::new(&source);
        for k in 0..n {
            sink.push(make(k));
            assert!(sink.held.len() < HELD);
        }
        let got = sink.finish(&index);

        // Holding them all: a stable sort by the first label's start.
        let mut all: Vec<Diagnostic> = (0..n).map(make).collect();
        all.sort_by_key(|d| d.labels().first().map_or(usize::MAX, |l| l.span.start));
        let left = &all[MAX_DIAGNOSTICS..];
        let want_code = left
            .iter()
            .find(|d| d.is_error())
            .map_or(left[0].code(), Diagnostic::code);
        let messages = |ds: &[Diagnostic]| {
            ds.iter()
                .map(|d| d.message().to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            messages(&got[..MAX_DIAGNOSTICS]),
            messages(&all[..MAX_DIAGNOSTICS])
        );
        let more = &got[MAX_DIAGNOSTICS];
        assert_eq!(
            more.message(),
            format!(
                "{} more diagnostics from here on were left out, the first: {}",
                left.len(),
                left[0].message()
            )
        );
        assert_eq!(more.code(), want_code);
        assert_eq!(more.labels()[0].span.start, left[0].labels()[0].span.start);
    }

    #[test]
    fn under_the_limit_diagnostics_are_only_ordered() {
        let source = "abc\ndef";
        let index = LineIndex::new(source);
        let at = |a: usize| {
            Diagnostic::new(Code::UnexpectedText, "w").with_label(Span::bytes(a, a + 1), "here")
        };
        let mut sink = Sink::new(source);
        for d in [Diagnostic::new(Code::MissingItems, "none"), at(5), at(1)] {
            sink.push(d);
        }
        let diags = sink.finish(&index);
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
