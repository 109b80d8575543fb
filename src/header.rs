//! The case header table (`Case Number:`, dates, priority).
//!
//! Extractors emit the table as label/value rows (`Date Assigned: 11/09/2016 Date of Injury:
//! 10/13/2016`) or column by column (four labels, their four values, three labels, their three
//! values). Both are a sequence of labels and values; each value belongs to the oldest label
//! still waiting for one, which pairs rows and columns alike.
//!
//! ```text
//! case_header  := ( WS | header_label | header_value )*
//! header_label := "Case Number:" | "Date Assigned:" | "Date of Injury:" | "Decision Date:"
//!               | "UR Denial Date:" | "Priority:" | "Application" WS+ "Received:"
//!               | misspelt_header_label
//! header_value := ( !header_label !"\n" CHAR )+
//! ```
//!
//! A misspelt label (a few edits from one, up to a colon on its line) is read as the label and
//! reported; a header without one of the seven labels is reported.

use crate::ast::CaseHeader;
use crate::diagnostic::{Code, Diagnostic};
use crate::lex::{
    Input, PResult, Pos, fail, is_inline_ws, match_phrase, pair_key, phrases_of, split_at, text,
    trim_start_by,
};
use crate::lex::{misspelt_label_of, reach};
use crate::sink::Sink;
use crate::span::{Span, Text, is_ws, trim_start_with};
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

/// `header_label := "Case Number:" | "Date Assigned:" | ... | "Application" WS+ "Received:"
/// | misspelt_header_label`: the field, and whether its label is misspelt (tried only when
/// `recover` is set).
pub(crate) fn header_label(input: Input<'_>, recover: bool) -> PResult<'_, (Field, bool)> {
    match any_label_at(input.fragment(), recover) {
        Some((f, n, misspelt)) => Ok((split_at(input, n).0, (f, misspelt))),
        None => fail(input, "a case header label"),
    }
}

/// The labels as the template writes them, in the order of [`Field::ALL`].
const LABELS: [&str; Field::ALL.len()] = phrases_of!(Field::ALL, Field::label);

/// The label at the start of `s`, as written or, when `recover` is set, misspelt (`true`), and
/// its length.
fn any_label_at(s: &str, recover: bool) -> Option<(Field, usize, bool)> {
    label_at(s).map(|(f, n)| (f, n, false)).or_else(|| {
        recover
            .then(|| misspelt_header_label(s).map(|(f, n)| (f, n, true)))
            .flatten()
    })
}

/// `misspelt_header_label := LETTER TEXT ":"`: a misspelt label at the start of `s`
/// ([`misspelt_label_of`]: a few edits away, up to a colon with at most one line break before
/// it, as `Application` / `Received:` wraps), and its length. Only a text starting with a
/// letter is tried.
fn misspelt_header_label(s: &str) -> Option<(Field, usize)> {
    if !s.as_bytes().first()?.is_ascii_alphabetic() {
        return None;
    }
    misspelt_label_of(s, &LABELS).map(|(i, n)| (Field::ALL[i], n))
}

/// The [`pair_key`] of each label, in the order of [`Field::ALL`].
const LABEL_KEYS: [[u8; 2]; Field::ALL.len()] = {
    let mut keys = [[0; 2]; Field::ALL.len()];
    let mut i = 0;
    while i < keys.len() {
        let b = Field::ALL[i].label().as_bytes();
        keys[i] = pair_key(b[0], b[1]);
        i += 1;
    }
    keys
};

/// The label at the start of `s` and its length. Only the labels with the text's first two
/// letters are tried (one, or two for "Da"): no two labels match the same text, so the order
/// they are tried in does not matter.
fn label_at(s: &str) -> Option<(Field, usize)> {
    let [a, b, ..] = *s.as_bytes() else {
        return None;
    };
    let key = pair_key(a, b);
    Field::ALL
        .into_iter()
        .zip(LABEL_KEYS)
        .filter(|&(_, k)| k == key)
        .find_map(|(f, _)| match_phrase(s, f.label()).map(|n| (f, n)))
}

/// `header_value := ( !header_label !"\n" CHAR )+`: a value runs to the end of its line or to
/// the next label on it. It is returned without its trailing whitespace, which `case_header`
/// skips as `WS`.
pub(crate) fn header_value(input: Input<'_>, recover: bool) -> PResult<'_, Input<'_>> {
    match value_end(input.fragment(), recover) {
        0 => fail(input, "a header value"),
        end => Ok(split_at(input, end)),
    }
}

/// Where the value at the start of `s` ends, before the whitespace after its last word: at
/// the end of its line or at a label. 0 when no word is there.
///
/// A label can only start a word: the text is read word by word, and each word after
/// whitespace is tried as a label (its first two letters first), and as a misspelt one when a
/// colon comes close enough after it. The next colon is looked for again only once it is
/// passed, and a misspelling reads a bounded window, so the cost stays linear however many
/// labels or words a line holds.
fn value_end(s: &str, recover: bool) -> usize {
    /// The farthest a misspelt label's colon may be from its start ([`misspelt_label_of`]).
    const REACH: usize = reach(Field::ApplicationReceived.label().len());
    let b = s.as_bytes();
    let mut end = 0;
    let mut i = 0;
    // The next colon at or after `i` (or the end).
    let mut colon: Option<usize> = None;
    loop {
        i = s.len() - trim_start_with(&s[i..], is_inline_ws).len();
        match b.get(i) {
            None | Some(b'\n') => return end,
            Some(_) if i > 0 && label_at(&s[i..]).is_some() => return end,
            Some(_) if i > 0 && recover => {
                let k = match colon {
                    Some(k) if k >= i => k,
                    _ => memchr::memchr(b':', &b[i..]).map_or(s.len(), |k| i + k),
                };
                colon = Some(k);
                if k - i < REACH && misspelt_header_label(&s[i..]).is_some() {
                    return end;
                }
            }
            Some(_) => {}
        }
        // Not whitespace at `i`: the word takes at least one character.
        // The word: a run of characters other than whitespace.
        end = s.len() - trim_start_with(&s[i..], |c| !is_ws(c)).len();
        i = end;
    }
}

/// The labels read, in order, each with its span: the first eight in place, any more (a text
/// repeating the labels) on the heap.
struct Labels {
    first: [(Field, Span); 8],
    more: Vec<(Field, Span)>,
    len: usize,
}

impl Labels {
    fn new() -> Self {
        Labels {
            first: [(Field::CaseNumber, Span::default()); 8],
            more: Vec::new(),
            len: 0,
        }
    }

    fn push(&mut self, label: (Field, Span)) {
        match self.first.get_mut(self.len) {
            Some(slot) => *slot = label,
            None => self.more.push(label),
        }
        self.len += 1;
    }

    /// The `k`-th label read.
    fn get(&self, k: usize) -> Option<(Field, Span)> {
        if k >= self.len {
            return None;
        }
        match self.first.get(k) {
            Some(&l) => Some(l),
            None => self.more.get(k - self.first.len()).copied(),
        }
    }
}

/// `case_header := ( WS | header_label | header_value )*` over the text before the first
/// section heading. Returns the header (when any label is there) and warnings for text that is
/// not part of it.
pub(crate) fn case_header<'a>(preamble: Input<'a>, diags: &mut Sink<'_>) -> Option<CaseHeader<'a>> {
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
struct Table<'a> {
    header: CaseHeader<'a>,
    /// The labels; those from `next_pending` on wait for a value, oldest first.
    labels: Labels,
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
    /// `( WS | header_label | header_value )*`, with misspelt labels when `recover` is set.
    fn read(preamble: Input<'a>, recover: bool) -> Self {
        let mut t = Table {
            header: CaseHeader::default(),
            labels: Labels::new(),
            next_pending: 0,
            first: None,
            last: 0,
            stray: Vec::new(),
            misspelt: Vec::new(),
        };
        let mut input = preamble;
        loop {
            input = trim_start_by(input, is_ws);
            if input.fragment().is_empty() {
                break;
            }
            if let Ok((rest, (f, misspelt))) = header_label(input, recover) {
                t.first.get_or_insert(input.pos());
                t.last = t.last.max(rest.pos());
                let at = Span::bytes(input.pos(), rest.pos());
                if misspelt {
                    t.misspelt.push((f, at));
                }
                t.labels.push((f, at));
                input = rest;
            } else if let Ok((rest, v)) = header_value(input, recover) {
                match t.labels.get(t.next_pending) {
                    Some((f, _)) => {
                        t.next_pending += 1;
                        // Neither leading (skipped above) nor trailing whitespace to trim.
                        let v = Text::new(v.fragment(), v.pos());
                        t.last = t.last.max(v.span.end);
                        *f.slot(&mut t.header) = Some(v);
                    }
                    None => t.stray.push(v),
                }
                input = rest;
            } else {
                break;
            }
        }
        t
    }

    /// The fields whose label was read.
    fn found(&self) -> [bool; Field::ALL.len()] {
        let mut found = [false; Field::ALL.len()];
        for (f, _) in (0..self.labels.len).filter_map(|k| self.labels.get(k)) {
            found[f as usize] = true;
        }
        found
    }

    /// Whether nothing is amiss: no text outside the table, every label with its value, and,
    /// when there is a table, all seven labels.
    fn is_whole(&self) -> bool {
        self.stray.is_empty()
            && self.next_pending == self.labels.len
            && (self.first.is_none() || self.found().iter().all(|&f| f))
    }

    /// The header (when any label is there), and the diagnostics: misspelt labels, labels
    /// without a value, text that is not part of the table, labels missing.
    fn report(self, diags: &mut Sink<'_>) -> Option<CaseHeader<'a>> {
        let found = self.found();
        let Table {
            mut header,
            labels,
            next_pending,
            first,
            last,
            stray,
            misspelt,
        } = self;
        for (f, at) in misspelt {
            diags.push(Diagnostic::misspelt_label(f.label(), at, "value"));
        }
        for (f, at) in (next_pending..labels.len).filter_map(|k| labels.get(k)) {
            diags.push(
                Diagnostic::new(
                    Code::UnexpectedText,
                    format!("the case header's `{}` has no value", f.label()),
                )
                .with_label(at, "label without a value")
                .with_help("each header label is followed by its value, in rows or in columns"),
            );
        }
        for v in stray {
            let t = text(v);
            diags.push(
                Diagnostic::new(
                    Code::UnexpectedText,
                    "text before the first section is not part of the letter template",
                )
                .with_label(t.span, "not a case header label or value")
                .with_help(
                    "expected the case header (`Case Number: ...`) or the heading `HOW THE IMR FINAL DETERMINATION WAS MADE`",
                ),
            );
        }
        // A label is text other than whitespace: with one, the preamble is not blank.
        let start = first?;
        header.span = Span::bytes(start, last.max(start));
        let missing: Vec<String> = Field::ALL
            .into_iter()
            .filter(|&f| !found[f as usize])
            .map(|f| format!("`{}`", f.label()))
            .collect();
        if let (Some((last, rest)), Some((_, first_label))) = (missing.split_last(), labels.get(0))
        {
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
        Some(header)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lex::letter_input;

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
