//! `HOW THE IMR FINAL DETERMINATION WAS MADE`: the boilerplate and the reviewer's credentials.
//!
//! ```text
//! how_section        := boilerplate credentials
//! credentials        := credential_block | inline_credentials
//! credential_block   := "The Expert Reviewer has the following credentials:"
//!                       ( licensure_row | certification_row )*
//! licensure_row      := "State(s) of Licensure:" list
//! certification_row  := "Certification(s)/Specialty:" list
//! inline_credentials := "is Board Certified in" list
//!                       ( "," "has a subspecialty in" list )?
//!                       "and is licensed to practice in" list "."
//! ```
//!
//! A block states both rows (one missing is reported); a misspelt row label, and a misspelt
//! "has a subspecialty in", are read as spelt right and reported.

use crate::ast::Reviewer;
use crate::diagnostic::{Code, Diagnostic};
use crate::lex::{
    Input, Pos, comma_list, find_phrase, lines_of, match_phrase, phrase_start, phrases_of, slice,
    split_at,
};
use crate::lex::{misspelt_label_of, misspelt_words};
use crate::sink::Sink;
use crate::span::Span;
use crate::span::{is_ws, trim_end_with, trim_start_with};
use crate::template::{
    BLOCK_INTRO, BOARD, BOILERPLATE_START, INLINE_INTRO, LICENSED, RowKind, SUBSPECIALTY,
};

/// `how_section := boilerplate credentials`: the body of the section, without its heading.
pub(crate) fn how_section<'a>(
    body: Input<'a>,
    heading: Span,
    diags: &mut Sink<'_>,
) -> Option<Reviewer<'a>> {
    let start = trim_start_with(body.fragment(), is_ws);
    if match_phrase(start, BOILERPLATE_START).is_none() {
        diags.push(
            Diagnostic::new(
                Code::MissingBoilerplate,
                "the reviewer section does not open with the template's boilerplate",
            )
            .with_label(heading, "section starts here")
            .with_help(format!(
                "expected the paragraph starting \"{BOILERPLATE_START}\""
            )),
        );
    }
    let reviewer = credential_block(body, diags).or_else(|| inline_credentials(body, diags));
    if reviewer.is_none() {
        diags.push(
            Diagnostic::new(
                Code::MissingCredentials,
                "the reviewer's credentials are missing",
            )
            .with_label(heading, "no credentials in this section")
            .with_help(format!(
                "expected \"{INLINE_INTRO} {BOARD} X {LICENSED} Y.\" or the block \"{BLOCK_INTRO}\" \
                 / \"{} ...\" / \"{} ...\"",
                RowKind::Licensure.label(),
                RowKind::Certification.label()
            )),
        );
    }
    reviewer
}

/// `credential_block := "The Expert Reviewer has the following credentials:"
/// ( licensure_row | certification_row )*`
///
/// A row's list runs to the end of its line, and on to the next line only when the line
/// ends mid-list (with `,`, `&`, `/`, `-` or "and") or is a full printed line: that is how a PDF
/// wraps a long list, and it keeps a missing heading's text out of the list. A row label
/// misspelt ([`misspelt_label_of`]) is read as the label and reported; a block without one of
/// the rows is reported.
pub(crate) fn credential_block<'a>(body: Input<'a>, diags: &mut Sink<'_>) -> Option<Reviewer<'a>> {
    let (intro, rest) = find_block_intro(body)?;
    let mut reviewer = Reviewer::default();
    let mut end = intro.pos() + intro.fragment().len();
    let mut row: Option<Row<'_>> = None;
    // Whether each row was read, in the order of `RowKind::ALL`.
    let mut seen = [false; RowKind::ALL.len()];
    // The lines after the intro's.
    for (at, content) in lines_of(rest.fragment()).skip(1) {
        let trimmed = trim_start_with(content, is_ws);
        if trimmed.is_empty() {
            // A blank line (`noise`).
            continue;
        }
        let line_end = rest.pos() + at + content.len();
        if let Some((kind, n, misspelt)) = row_label(trimmed) {
            let start = line_end - trimmed.len();
            if misspelt {
                diags.push(Diagnostic::misspelt_label(
                    kind.label(),
                    Span::bytes(start, start + n),
                    "list",
                ));
            }
            close_row(body, row.take(), &mut reviewer, &mut end);
            seen[kind as usize] = true;
            row = Some(Row {
                kind,
                start: start + n,
                last: content,
                end: line_end,
            });
        } else if let Some(r) = row.as_mut().filter(|r| wraps(r.last)) {
            r.last = content;
            r.end = line_end;
        } else {
            break;
        }
    }
    close_row(body, row, &mut reviewer, &mut end);
    let intro_span = Span::bytes(intro.pos(), intro.pos() + intro.fragment().len());
    for (label, _) in ROW_LABELS.into_iter().zip(seen).filter(|(_, seen)| !seen) {
        diags.push(
            Diagnostic::new(
                Code::MissingCredentials,
                format!("the credentials block has no `{label}` row"),
            )
            .with_label(intro_span, "credentials block without this row")
            .with_help(format!(
                "expected a line starting \"{label}\" after \"{BLOCK_INTRO}\""
            )),
        );
    }
    reviewer.span = Span::bytes(intro.pos(), end);
    Some(reviewer)
}

/// The row labels, in the order of [`RowKind::ALL`].
const ROW_LABELS: [&str; RowKind::ALL.len()] = phrases_of!(RowKind::ALL, RowKind::label);

/// The row label at the start of `line`: its kind, its length, and whether it is misspelt
/// ([`misspelt_label_of`]). The labels start with different letters: only the one with the
/// line's first letter is tried as written.
fn row_label(line: &str) -> Option<(RowKind, usize, bool)> {
    let initial = line.as_bytes().first()?.to_ascii_uppercase();
    RowKind::ALL
        .into_iter()
        .find(|k| k.label().as_bytes()[0] == initial)
        .and_then(|k| match_phrase(line, k.label()).map(|n| (k, n, false)))
        .or_else(|| misspelt_label_of(line, &ROW_LABELS).map(|(i, n)| (RowKind::ALL[i], n, true)))
}

/// The first match of [`BLOCK_INTRO`] in `body`: `(matched, after)`, as
/// [`find_phrase`] finds it.
///
/// The intro ends with the section's first colon in real letters (the boilerplate has none),
/// so the colons are looked up, not the many "the" of the boilerplate, and the phrase is read
/// backwards from each colon that ends "credentials". Two matches cannot overlap, so the first
/// to end is the first to start.
fn find_block_intro(body: Input<'_>) -> Option<(Input<'_>, Input<'_>)> {
    let s = body.fragment();
    let mut from = 0;
    while let Some(k) = memchr::memchr(b':', &s.as_bytes()[from..]) {
        let end = from + k + 1;
        from = end;
        // Most colons end some other word: look at the letter before first.
        let before = end.checked_sub(2).map(|j| s.as_bytes()[j]);
        let intro_before = BLOCK_INTRO.as_bytes()[BLOCK_INTRO.len() - 2];
        if before.is_some_and(|b| b.eq_ignore_ascii_case(&intro_before))
            && let Some(start) = phrase_start(s, end, BLOCK_INTRO)
        {
            debug_assert_eq!(match_phrase(&s[start..], BLOCK_INTRO), Some(end - start));
            let (after, matched) = split_at(split_at(body, start).0, end - start);
            return Some((matched, after));
        }
    }
    None
}

/// The row being read: its kind, where its value starts, and its last line so far (the text
/// and where it ends).
struct Row<'a> {
    kind: RowKind,
    start: usize,
    last: &'a str,
    end: usize,
}

/// Stores a finished row's list in the reviewer; `body` is the section the row lies in.
fn close_row<'a>(body: Input<'a>, row: Option<Row<'a>>, r: &mut Reviewer<'a>, end: &mut usize) {
    if let Some(row) = row {
        let base = body.pos();
        let list = comma_list(slice(body, row.start - base, row.end - base));
        if let Some(t) = list.last() {
            *end = (*end).max(t.span.end);
        }
        match row.kind {
            RowKind::Licensure => r.licensure = list,
            RowKind::Certification => r.certifications = list,
        }
    }
}

/// Whether a list line goes on to the next line.
fn wraps(line: &str) -> bool {
    let l = trim_end_with(line, is_ws);
    l.ends_with([',', '&', '/', '-']) || l.ends_with(" and") || l.chars().count() >= 75
}

/// `inline_credentials := "is Board Certified in" list ( "," "has a subspecialty in" list )?
/// "and is licensed to practice in" list "."`
///
/// A misspelt "has a subspecialty in" after a comma ([`misspelt_words`]) still starts the
/// subspecialties, and is reported.
pub(crate) fn inline_credentials<'a>(
    body: Input<'a>,
    diags: &mut Sink<'_>,
) -> Option<Reviewer<'a>> {
    let (_, board, rest) = find_phrase(body, BOARD)?;
    let (certs, _, rest) = find_phrase(rest, LICENSED)?;
    let (certs, subs) = match find_phrase(certs, SUBSPECIALTY) {
        Some((certs, _, subs)) => (certs, Some(subs)),
        None => match misspelt_subspecialty(certs) {
            Some((before, phrase, subs)) => {
                diags.push(
                    Diagnostic::new(
                        Code::MissingBoilerplate,
                        "the credentials sentence's \"has a subspecialty in\" is altered",
                    )
                    .with_label(phrase, "read as \"has a subspecialty in\"")
                    .with_help(format!(
                        "expected \"{INLINE_INTRO} {BOARD} X{SUBSPECIALTY} Y {LICENSED} Z.\""
                    )),
                );
                (before, Some(subs))
            }
            None => (certs, None),
        },
    };
    let dot = rest.fragment().find('.').unwrap_or(rest.fragment().len());
    let (_, states) = split_at(rest, dot);
    let end = states.pos() + states.fragment().len() + usize::from(dot < rest.fragment().len());
    Some(Reviewer {
        span: Span::bytes(board.pos(), end),
        certifications: comma_list(certs),
        subspecialties: subs.map(comma_list).unwrap_or_default(),
        licensure: comma_list(states),
    })
}

/// A misspelling of "has a subspecialty in" after a comma of the certifications: the text
/// before the comma, the misspelling's span and the text after it.
fn misspelt_subspecialty(certs: Input<'_>) -> Option<(Input<'_>, Span, Input<'_>)> {
    // The phrase without its comma.
    let phrase = SUBSPECIALTY.trim_start_matches([',', ' ']);
    let s = certs.fragment();
    memchr::memchr_iter(b',', s.as_bytes()).find_map(|comma| {
        let start = s.len() - trim_start_with(&s[comma + 1..], is_ws).len();
        let end = misspelt_words(s, start, s.len(), phrase)?;
        let at = certs.pos();
        Some((
            slice(certs, 0, comma),
            Span::bytes(at + start, at + end),
            slice(certs, end, s.len()),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lex::letter_input;

    fn names(list: &[crate::span::Text<'_>]) -> Vec<String> {
        list.iter().map(|t| t.text().into_owned()).collect()
    }

    #[test]
    fn block_style_with_wrapped_certifications() {
        let body = letter_input(
            "Review determinations.\n \nThe Expert Reviewer has the following credentials:\n\
             State(s) of Licensure: Texas,New York,California\n\
             Certification(s)/Specialty: Preventive Medicine, Occupational Medicine, Public Health &\n\
             General Preventive Medicine\n \n",
        );
        let r = credential_block(body, &mut Sink::new(body.fragment())).expect("block");
        assert_eq!(names(&r.licensure), ["Texas", "New York", "California"]);
        assert_eq!(
            names(&r.certifications),
            [
                "Preventive Medicine",
                "Occupational Medicine",
                "Public Health & General Preventive Medicine"
            ]
        );
        assert!(body.fragment()[r.span.start..r.span.end].ends_with("Medicine"));
    }

    #[test]
    fn misspelt_and_missing_rows_are_reported() {
        let body = letter_input(
            "The Expert Reviewer has the following credentials:\n\
             State(s) of Licnsure: Texas,California\n \n",
        );
        let mut sink = Sink::new(body.fragment());
        let r = credential_block(body, &mut sink).expect("block");
        let diags = sink.found();
        assert_eq!(names(&r.licensure), ["Texas", "California"]);
        assert!(r.certifications.is_empty());
        let codes: Vec<_> = diags.iter().map(Diagnostic::code).collect();
        assert_eq!(codes, [Code::MisspeltLabel, Code::MissingCredentials]);
        let at = body.fragment().find("State").expect("row");
        assert_eq!(diags[0].labels()[0].span.range(), at..at + 21);
        assert!(diags[1].message().contains(RowKind::Certification.label()));
    }

    #[test]
    fn row_labels_by_their_first_letter() {
        assert_eq!(
            row_label("state(s) of\nLicensure: Texas"),
            Some((RowKind::Licensure, 22, false))
        );
        assert_eq!(
            row_label(RowKind::Certification.label()),
            Some((
                RowKind::Certification,
                RowKind::Certification.label().len(),
                false
            ))
        );
        assert_eq!(
            row_label("Certification(s)/Specality: X"),
            Some((RowKind::Certification, 27, true))
        );
        for line in ["Certification(s): x", "States", "", "\u{e9}", "Surgery"] {
            assert_eq!(row_label(line), None, "{line:?}");
        }
    }

    #[test]
    fn inline_style_with_subspecialty() {
        let body = letter_input(
            "claims administrator. The expert \n\nreviewer is Board Certified in Anesthesiology, has a subspecialty in Pain Management and is \n\
             licensed to practice in California. He/she has been",
        );
        let r = inline_credentials(body, &mut Sink::new(body.fragment())).expect("inline");
        assert_eq!(names(&r.certifications), ["Anesthesiology"]);
        assert_eq!(names(&r.subspecialties), ["Pain Management"]);
        assert_eq!(names(&r.licensure), ["California"]);
        assert!(body.fragment()[r.span.start..r.span.end].ends_with("California."));
    }

    #[test]
    fn inline_style_with_a_misspelt_subspecialty() {
        let body = letter_input(
            "The expert reviewer is Board Certified in Anesthesiology, has a subspeciality in Pain \
             Management and is licensed to practice in California.",
        );
        let mut sink = Sink::new(body.fragment());
        let r = inline_credentials(body, &mut sink).expect("inline");
        let diags = sink.found();
        assert_eq!(names(&r.certifications), ["Anesthesiology"]);
        assert_eq!(names(&r.subspecialties), ["Pain Management"]);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code(), Code::MissingBoilerplate);
        let span = diags[0].labels()[0].span;
        assert_eq!(
            &body.fragment()[span.start..span.end],
            "has a subspeciality in"
        );
    }

    #[test]
    fn inline_style_keeps_and_inside_a_specialty() {
        let body = letter_input(
            "is Board Certified in Physical Medicine and Rehabilitation and is licensed to practice in California.",
        );
        let r = inline_credentials(body, &mut Sink::new(body.fragment())).expect("inline");
        assert_eq!(
            names(&r.certifications),
            ["Physical Medicine and Rehabilitation"]
        );
    }
}
