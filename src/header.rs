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
//! header_value := ( !header_label !"\n" CHAR )+
//! ```

use std::collections::VecDeque;

use nom::{Input as _, Parser, branch::alt, combinator::value};

use crate::ast::CaseHeader;
use crate::diagnostic::{Code, Diagnostic};
use crate::scan::{
    Input, PResult, Pos, at_end, fail, may_start_one_of, phrase, seek, split_at, text,
};
use crate::span::{Span, Text, is_ws};

/// Which field of the header a label names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Field {
    CaseNumber,
    DateAssigned,
    DateOfInjury,
    DecisionDate,
    UrDenialDate,
    Priority,
    ApplicationReceived,
}

impl Field {
    /// The label as the template writes it.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Field::CaseNumber => "Case Number:",
            Field::DateAssigned => "Date Assigned:",
            Field::DateOfInjury => "Date of Injury:",
            Field::DecisionDate => "Decision Date:",
            Field::UrDenialDate => "UR Denial Date:",
            Field::Priority => "Priority:",
            Field::ApplicationReceived => "Application Received:",
        }
    }

    /// Every field, in the order the rows form writes them.
    pub(crate) const ALL: [Field; 7] = [
        Field::CaseNumber,
        Field::DateAssigned,
        Field::DateOfInjury,
        Field::DecisionDate,
        Field::UrDenialDate,
        Field::Priority,
        Field::ApplicationReceived,
    ];

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

/// `header_label := "Case Number:" | "Date Assigned:" | ... | "Application" WS+ "Received:"`
pub(crate) fn header_label(input: Input<'_>) -> PResult<'_, Field> {
    // A word that cannot start any label fails without trying them.
    if !may_start_one_of(input.fragment(), Field::ALL.map(Field::label)) {
        return fail(input, "a case header label");
    }
    alt((
        value(Field::CaseNumber, phrase("Case Number:")),
        value(Field::DateAssigned, phrase("Date Assigned:")),
        value(Field::DateOfInjury, phrase("Date of Injury:")),
        value(Field::DecisionDate, phrase("Decision Date:")),
        value(Field::UrDenialDate, phrase("UR Denial Date:")),
        value(Field::Priority, phrase("Priority:")),
        value(Field::ApplicationReceived, phrase("Application Received:")),
    ))
    .parse(input)
}

/// `header_value := ( !header_label !"\n" CHAR )+`: a value runs to the end of its line or to
/// the next label on it.
pub(crate) fn header_value(input: Input<'_>) -> PResult<'_, Input<'_>> {
    let s = input.fragment();
    let mut end = s.len();
    // A label can only start a word: try each word start after the first. The end of the line
    // is found in the same walk: looking it up first would scan the rest of the line for every
    // value on it, which is quadratic on a line holding many labels.
    // Only words starting with the first letter of a label are tried.
    let mut prev_ws = false;
    for (i, c) in s.char_indices() {
        if c == '\n' {
            end = i;
            break;
        }
        if prev_ws
            && matches!(c.to_ascii_uppercase(), 'C' | 'D' | 'U' | 'P' | 'A')
            && header_label(seek(input, input.pos() + i)).is_ok()
        {
            end = i;
            break;
        }
        prev_ws = is_ws(c);
    }
    if s[..end].trim_matches(is_ws).is_empty() {
        return fail(input, "a header value");
    }
    Ok(split_at(input, end))
}

/// A header token.
enum Token<'a> {
    Label(Field, Input<'a>),
    Value(Input<'a>),
}

/// `case_header := ( WS | header_label | header_value )*` over the text before the first
/// section heading. Returns the header (when any label is there) and warnings for text that is
/// not part of it.
pub(crate) fn case_header<'a>(
    preamble: Input<'a>,
    diags: &mut Vec<Diagnostic>,
) -> Option<CaseHeader<'a>> {
    let mut header = CaseHeader::default();
    let mut pending: VecDeque<(Field, Input<'a>)> = VecDeque::new();
    let mut first: Option<usize> = None;
    let mut last = 0;
    let mut seen_label = false;
    let mut stray: Vec<Input<'a>> = Vec::new();
    let mut input = preamble;
    loop {
        let skip = input.fragment().len() - input.fragment().trim_start_matches(is_ws).len();
        input = split_at(input, skip).0;
        if input.fragment().is_empty() {
            break;
        }
        let (rest, token) = match header_label(input) {
            Ok((rest, f)) => (rest, Token::Label(f, input.take(rest.pos() - input.pos()))),
            Err(_) => match header_value(input) {
                Ok((rest, v)) => (rest, Token::Value(v)),
                Err(_) => break,
            },
        };
        match token {
            Token::Label(f, at) => {
                seen_label = true;
                first.get_or_insert(at.pos());
                last = last.max(at.pos() + at.fragment().len());
                pending.push_back((f, at));
            }
            Token::Value(v) => match pending.pop_front() {
                Some((f, _)) => {
                    let t = text(v);
                    last = last.max(t.span.end);
                    *f.slot(&mut header) = Some(t);
                }
                None => stray.push(v),
            },
        }
        input = rest;
    }
    for (f, at) in pending {
        diags.push(
            Diagnostic::new(
                Code::UnexpectedText,
                format!("the case header's `{}` has no value", f.label()),
            )
            .with_label(text(at).span, "label without a value")
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
    if !seen_label || at_end(preamble) {
        return None;
    }
    let start = first.unwrap_or(last);
    header.span = Span::bytes(start, last.max(start));
    Some(header)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::letter_input;

    fn parse(s: &str) -> (Option<CaseHeader<'_>>, Vec<Diagnostic>) {
        let mut d = Vec::new();
        (case_header(letter_input(s), &mut d), d)
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
    fn no_header() {
        let (h, d) = parse("\n \n\u{c}\n");
        assert!(h.is_none() && d.is_empty());
        let (h, d) = parse("Some cover text\n");
        assert!(h.is_none());
        assert_eq!(d[0].code(), Code::UnexpectedText);
    }
}
