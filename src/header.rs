//! The case header table (`Case Number:`, dates, priority).
//!
//! Extractors emit the table as label/value rows (`Date Assigned: 11/09/2016 Date of Injury:
//! 10/13/2016`) or column by column (four labels, their four values, three labels, their three
//! values). Both are a sequence of labels and values; each value belongs to the oldest label
//! still waiting for one, which pairs rows and columns alike.
//!
//! The grammar is in `grammar.md`, section 3: each production is shown on its function here.
//! A label is a phrase, so it may wrap (`Application` / `Received:`, `Date of` / `Injury:`);
//! a value is one or more words on a line, up to the next label.
//!
//! A misspelt label (a few edits from one, up to a colon on its line) is read as the label and
//! reported; a header without one of the seven labels is reported.

use nom::Parser;
use nom::branch::alt;
use nom::character::complete::satisfy;
use nom::combinator::{cond, map, map_opt, not, peek};
use nom::multi::{many0, many0_count};
use nom::sequence::{pair, preceded};

use crate::ast::CaseHeader;
use crate::diagnostic::{Code, Diagnostic};
use crate::lex::{
    Input, PResult, Pos, any_phrase, inline_ws1, misspelt_of, phrases_of, recognized, text,
    with_consumed, word, ws,
};
use crate::sink::ErrorSink;
use crate::span::{Span, Text};
pub(crate) use crate::template::Field;

impl Field {
    fn slot<'h, 'a>(self, h: &'h mut CaseHeader<'a>) -> &'h mut Option<Text<'a>> {
        match self {
            Field::CaseNumber => &mut h.case_number,
            Field::DateAssigned => &mut h.date_assigned,
            Field::DateOfInjury => &mut h.date_of_injury,
            Field::DecisionDate => &mut h.decision_date,
            Field::UrDenialDate => &mut h.ur_denial_date,
            Field::Priority => &mut h.priority,
            Field::ApplicationReceived => &mut h.application_received,
        }
    }

    /// The field's value in a header.
    pub(crate) fn get<'h, 'a>(self, h: &'h CaseHeader<'a>) -> &'h Option<Text<'a>> {
        match self {
            Field::CaseNumber => &h.case_number,
            Field::DateAssigned => &h.date_assigned,
            Field::DateOfInjury => &h.date_of_injury,
            Field::DecisionDate => &h.decision_date,
            Field::UrDenialDate => &h.ur_denial_date,
            Field::Priority => &h.priority,
            Field::ApplicationReceived => &h.application_received,
        }
    }
}

/// The labels as the template writes them, in the order of [`Field::ALL`].
const LABELS: [&str; Field::ALL.len()] = phrases_of!(Field::ALL, Field::label);

/// Reads a case header label: the field, and whether its label is misspelt (tried only when
/// `recover` is set).
///
/// ```text
/// header_label = "Case Number:" | "Date Assigned:" | "Date of Injury:" | "Decision Date:"
///              | "UR Denial Date:" | "Priority:" | "Application Received:"
///              | misspelt_header_label ;
/// ```
pub(crate) fn header_label(input: Input<'_>, recover: bool) -> PResult<'_, (Field, bool)> {
    alt((
        map(any_phrase(&LABELS), |(i, _)| (Field::ALL[i], false)),
        map_opt(cond(recover, misspelt_header_label), |f| {
            f.map(|f| (f, true))
        }),
    ))
    .parse(input)
}

/// Reads a misspelt label: a text starting with a letter whose words up to a colon (with at
/// most one line break before it, as `Application` / `Received:` wraps) are a few edits from a
/// label ([`misspelt_of`]).
///
/// ```text
/// misspelt_header_label = &LETTER , misspelling(header_label) ;
/// ```
fn misspelt_header_label(input: Input<'_>) -> PResult<'_, Field> {
    preceded(
        peek(satisfy(|c| c.is_ascii_alphabetic())),
        map(misspelt_of(&LABELS), |i| Field::ALL[i]),
    )
    .parse(input)
}

/// Reads a value: its words up to the end of its line or to the next label on it, without the
/// whitespace after its last word (which `case_header` skips as `WS`).
///
/// ```text
/// header_value = word , { inline_ws , !header_label , word } ;
/// ```
pub(crate) fn header_value(input: Input<'_>, recover: bool) -> PResult<'_, Input<'_>> {
    recognized(pair(
        word,
        many0_count(preceded(
            pair(inline_ws1, not(|i| header_label(i, recover))),
            word,
        )),
    ))
    .parse(input)
}

/// What the table is made of.
enum Token<'a> {
    /// A label, where it is, and whether it is misspelt.
    Label(Input<'a>, (Field, bool)),
    Value(Input<'a>),
}

/// Reads the case header table in the text before the first section heading. Returns the
/// header (when any label is there) and warnings for text that is not part of it.
///
/// ```text
/// case_header = { WS | header_label | header_value } ;
/// ```
pub(crate) fn case_header<'a>(
    preamble: Input<'a>,
    diags: &mut dyn ErrorSink,
) -> Option<CaseHeader<'a>> {
    // Labels as written first; only a header that is not whole, or text that is not part of
    // it, is read again looking for misspelt labels (most letters never need it).
    let strict = Table::read(preamble, false);
    let table = if strict.is_whole() {
        strict
    } else {
        Table::read(preamble, true)
    };
    table.report(diags)
}

/// A reading of the text before the first heading as a case header table.
#[derive(Default)]
struct Table<'a> {
    header: CaseHeader<'a>,
    /// The labels read, in order; those from `next_pending` on wait for a value, oldest first.
    labels: Vec<(Field, Span)>,
    next_pending: usize,
    /// Where the first label starts, and the end of the last label or value.
    first: Option<usize>,
    last: usize,
    /// Values without a label.
    stray: Vec<Input<'a>>,
    /// The labels read as misspelt, as they should be, and where they are.
    misspelt: Vec<(Field, Span)>,
}

impl<'a> Table<'a> {
    /// `{ WS | header_label | header_value }`, with misspelt labels when `recover` is set.
    fn read(preamble: Input<'a>, recover: bool) -> Self {
        let token = preceded(
            ws,
            alt((
                map(
                    with_consumed(move |i| header_label(i, recover)),
                    |(at, l)| Token::Label(at, l),
                ),
                map(move |i| header_value(i, recover), Token::Value),
            )),
        );
        let mut table = Table::default();
        if let Ok((_, tokens)) = many0(token).parse(preamble) {
            tokens.into_iter().for_each(|t| table.add(t));
        }
        table
    }

    /// Adds a label or a value: a value goes to the oldest label still waiting for one.
    fn add(&mut self, token: Token<'a>) {
        match token {
            Token::Label(at, (f, misspelt)) => {
                let at = Span::bytes(at.pos(), at.pos() + at.fragment().len());
                self.first.get_or_insert(at.start);
                self.last = self.last.max(at.end);
                if misspelt {
                    self.misspelt.push((f, at));
                }
                self.labels.push((f, at));
            }
            Token::Value(v) => match self.labels.get(self.next_pending) {
                Some(&(f, _)) => {
                    self.next_pending += 1;
                    // Neither leading (skipped as `WS`) nor trailing whitespace to trim.
                    let v = Text::new(v.fragment(), v.pos());
                    self.last = self.last.max(v.span.end);
                    *f.slot(&mut self.header) = Some(v);
                }
                None => self.stray.push(v),
            },
        }
    }

    /// The fields whose label was read.
    fn found(&self) -> [bool; Field::ALL.len()] {
        let mut found = [false; Field::ALL.len()];
        for &(f, _) in &self.labels {
            found[f as usize] = true;
        }
        found
    }

    /// Whether nothing is amiss: no text outside the table, every label with its value, and,
    /// when there is a table, all seven labels.
    fn is_whole(&self) -> bool {
        self.stray.is_empty()
            && self.next_pending == self.labels.len()
            && (self.first.is_none() || self.found().iter().all(|&f| f))
    }

    /// The header (when any label is there), and the diagnostics: misspelt labels, labels
    /// without a value, text that is not part of the table, labels missing.
    fn report(self, diags: &mut dyn ErrorSink) -> Option<CaseHeader<'a>> {
        let found = self.found();
        for &(f, at) in &self.misspelt {
            diags.push(Diagnostic::misspelt_label(f.label(), at, "value"));
        }
        for &(f, at) in &self.labels[self.next_pending..] {
            diags.push(
                Diagnostic::new(
                    Code::UnexpectedText,
                    format!("the case header's `{}` has no value", f.label()),
                )
                .with_label(at, "label without a value")
                .with_help("each header label is followed by its value, in rows or in columns"),
            );
        }
        for &v in &self.stray {
            diags.push(
                Diagnostic::new(
                    Code::UnexpectedText,
                    "text before the first section is not part of the letter template",
                )
                .with_label(text(v).span, "not a case header label or value")
                .with_help(
                    "expected the case header (`Case Number: ...`) or the heading `HOW THE IMR FINAL DETERMINATION WAS MADE`",
                ),
            );
        }
        // A label is text other than whitespace: with one, the preamble is not blank.
        let start = self.first?;
        if let Some(&(_, first_label)) = self.labels.first() {
            report_missing(&found, first_label, diags);
        }
        let mut header = self.header;
        header.span = Span::bytes(start, self.last.max(start));
        Some(header)
    }
}

/// One warning for all the labels a header lacks, on its first label.
fn report_missing(found: &[bool; Field::ALL.len()], first_label: Span, diags: &mut dyn ErrorSink) {
    let missing: Vec<String> = Field::ALL
        .into_iter()
        .filter(|&f| !found[f as usize])
        .map(|f| format!("`{}`", f.label()))
        .collect();
    let Some((last, rest)) = missing.split_last() else {
        return;
    };
    let list = if rest.is_empty() {
        last.clone()
    } else {
        format!("{} or {last}", rest.join(", "))
    };
    diags.push(
        Diagnostic::new(
            Code::MissingHeaderField,
            format!("the case header has no {list}"),
        )
        .with_label(first_label, "case header starts here")
        .with_help(format!(
            "a case header has seven labels, each with its value: \"{}\"",
            LABELS.join("\", \"")
        )),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lex::letter_input;
    use crate::sink::Sink;

    fn parse(s: &str) -> (Option<CaseHeader<'_>>, Vec<Diagnostic>) {
        let mut d = Sink::new(s);
        (case_header(letter_input(s), &mut d), d.found())
    }

    #[test]
    fn rows() {
        let (h, d) = parse(
            " \nCase Number: CM16-0213037  \nDate Assigned: 11/09/2016 Date of Injury:  10/13/2016 \n\
             Decision Date: 12/09/2016 UR Denial Date:  11/03/2016 \nPriority:  Standard Application \n\
             Received:  \n11/03/2016 \n",
        );
        let h = h.expect("header");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(h.case_number.unwrap().text(), "CM16-0213037");
        assert_eq!(h.date_of_injury.unwrap().text(), "10/13/2016");
        assert_eq!(h.priority.unwrap().text(), "Standard");
        assert_eq!(h.application_received.unwrap().text(), "11/03/2016");
    }

    #[test]
    fn columns() {
        let (h, d) = parse(
            "Case Number:\nDate Assigned:\nDecision Date:\nPriority:\n\nCM16-0213037\n11/09/2016\n\
             12/09/2016\nStandard\n\nDate of Injury:\nUR Denial Date:\nApplication\nReceived:\n\n\
             10/13/2016\n11/03/2016\n11/03/2016\n",
        );
        let h = h.expect("header");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(h.decision_date.unwrap().text(), "12/09/2016");
        assert_eq!(h.priority.unwrap().text(), "Standard");
        assert_eq!(h.ur_denial_date.unwrap().text(), "11/03/2016");
        assert_eq!(h.application_received.unwrap().text(), "11/03/2016");
    }

    #[test]
    fn misspelt_labels_are_read_and_missing_ones_reported() {
        let (h, d) = parse(
            "Case Number: CM16-0213037\nDate Assigned: 11/09/2016 Date o Injury:  10/13/2016\n\
             Decision Date: 12/09/2016 UR Denial Date: 11/03/2016\nPriority:  Standard\n",
        );
        let h = h.expect("header");
        assert_eq!(h.date_assigned.unwrap().text(), "11/09/2016");
        assert_eq!(h.date_of_injury.unwrap().text(), "10/13/2016");
        let codes: Vec<_> = d.iter().map(Diagnostic::code).collect();
        assert_eq!(codes, [Code::MisspeltLabel, Code::MissingHeaderField]);
        assert_eq!(
            d[1].message(),
            "the case header has no `Application Received:`"
        );
        // One diagnostic for all the labels missing, on the first label.
        let (_, d) = parse("Priority: Standard\n");
        assert_eq!(d.len(), 1);
        assert!(
            d[0].message()
                .ends_with("`UR Denial Date:` or `Application Received:`"),
            "{d:?}"
        );
        assert_eq!(d[0].labels()[0].span, Span::bytes(0, 9));
        // A label that wraps once may be misspelt too, in rows and in columns.
        for text in [
            "Case Number: C\nDate Assigned: 1 Date of Injury: 2\nDecision Date: 3 UR Denial \
             Date: 4\nPriority: Standard Aplication \nReceived: \n5\n",
            "Case Number:\nDate Assigned:\nDecision Date:\nPriority:\n\nC\n1\n3\nStandard\n\n\
             Date of Injury:\nUR Denial Date:\nAplication\nReceived:\n\n2\n4\n5\n",
        ] {
            let (h, d) = parse(text);
            let h = h.expect("header");
            assert_eq!(h.priority.unwrap().text(), "Standard", "{text}");
            assert_eq!(h.application_received.unwrap().text(), "5", "{text}");
            let codes: Vec<_> = d.iter().map(Diagnostic::code).collect();
            assert_eq!(codes, [Code::MisspeltLabel], "{text}");
        }
        // A colon on the next line does not make a label of the words before it.
        let (h, d) = parse("Case Number: CM16-0213037 Date Asigned\n: 11/09/2016\n");
        assert_eq!(
            h.expect("header").case_number.unwrap().text(),
            "CM16-0213037 Date Asigned"
        );
        assert!(d.iter().all(|d| d.code() != Code::MisspeltLabel), "{d:?}");
    }

    #[test]
    fn no_header() {
        let (h, d) = parse("\n \n\u{c}\n");
        assert!(h.is_none() && d.is_empty());
        let (h, d) = parse("Some cover text\n");
        assert!(h.is_none());
        assert_eq!(d[0].code(), Code::UnexpectedText);
    }
}
