//! `HOW THE IMR FINAL DETERMINATION WAS MADE`: the boilerplate and the reviewer's credentials.
//!
//! The credentials come as a block (2016-17: an intro sentence, then a `State(s) of
//! Licensure:` row and a `Certification(s)/Specialty:` row) or as one sentence (2014-15: "The
//! expert reviewer is Board Certified in X, has a subspecialty in Y and is licensed to practice
//! in Z."). Every fixed text is a phrase, so it may wrap anywhere, and no rule depends on a
//! line's length or on where a line ends: a row's list runs word by word over as many lines as
//! it takes, to the next row label, the summary's intro sentence, or the end of a sentence
//! ([`credential_list`]). The grammar is in `grammar.md`, section 4.
//!
//! A misspelt row label, and a misspelt "has a subspecialty in", are read as spelt right and
//! reported; a block without one of its rows is reported; text that reads on past the end of a
//! list, and a sentence end that could also be an abbreviation's, are reported.

use nom::Parser;
use nom::branch::alt;
use nom::bytes::complete::{is_not, tag, take_till1};
use nom::character::complete::{char, satisfy};
use nom::combinator::{cond, eof, map, not, opt, peek, value, verify};
use nom::multi::{many0, many0_count, many1_count};
use nom::sequence::{pair, preceded, terminated};

use crate::ast::Reviewer;
use crate::diagnostic::{Code, Diagnostic};
use crate::lex::{
    Input, PResult, Pos, any_phrase, comma_list, misspelt_of, misspelt_phrase, phrase, phrases_of,
    recognized, rest, text, until_phrase, with_consumed, word, ws, ws1,
};
use crate::sink::ErrorSink;
use crate::span::{Span, is_ws};
use crate::template::{
    AFTER_CREDENTIALS, BLOCK_INTRO, BOARD, BOILERPLATE_START, INLINE_INTRO, LICENSED, RowKind,
    SUBSPECIALTY, SUMMARY_INTRO,
};

/// Reads the body of the section (without its heading): checks that the boilerplate opens it,
/// and reads the credentials in either form; both missing are reported.
///
/// ```text
/// how_section = boilerplate , credentials ;
/// boilerplate = "MAXIMUS Federal Services sent the complete case file to an expert reviewer." , TEXT ;
/// credentials = credential_block | inline_credentials ;
/// ```
pub(crate) fn how_section<'a>(
    body: Input<'a>,
    heading: Span,
    diags: &mut dyn ErrorSink,
) -> Option<Reviewer<'a>> {
    if preceded(ws, phrase(BOILERPLATE_START)).parse(body).is_err() {
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

/// The row labels, in the order of [`RowKind::ALL`].
const ROW_LABELS: [&str; RowKind::ALL.len()] = phrases_of!(RowKind::ALL, RowKind::label);

/// One row of the block as read: its kind, its label when misspelt, its list, and any text
/// after the list's sentence end.
struct Row<'a> {
    kind: RowKind,
    misspelt: Option<Span>,
    list: Input<'a>,
    after: Option<Input<'a>>,
}

/// Reads the credentials block: the intro sentence, anywhere in the section, and the rows
/// after it. A misspelt row label is reported, and so are a row missing and text after a row's
/// list.
///
/// ```text
/// credential_block = TEXT , "The Expert Reviewer has the following credentials:" , { row } ;
/// ```
pub(crate) fn credential_block<'a>(
    body: Input<'a>,
    diags: &mut dyn ErrorSink,
) -> Option<Reviewer<'a>> {
    let (_, (intro, rows)) = preceded(
        until_phrase(BLOCK_INTRO),
        pair(phrase(BLOCK_INTRO), many0(row)),
    )
    .parse(body)
    .ok()?;
    let intro_span = Span::bytes(intro.pos(), intro.pos() + intro.fragment().len());
    let mut reviewer = Reviewer::default();
    let mut end = intro_span.end;
    let mut seen = [false; RowKind::ALL.len()];
    for row in rows {
        if let Some(at) = row.misspelt {
            diags.push(Diagnostic::misspelt_label(row.kind.label(), at, "list"));
        }
        if let Some(after) = row.after {
            diags.push(text_after_list(after, row.kind.label()));
        }
        let list = comma_list(row.list);
        end = list.last().map_or(end, |t| end.max(t.span.end));
        seen[row.kind as usize] = true;
        match row.kind {
            RowKind::Licensure => reviewer.licensure = list,
            RowKind::Certification => reviewer.certifications = list,
        }
    }
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
    reviewer.span = Span::bytes(intro_span.start, end);
    Some(reviewer)
}

/// The warning for text that reads on past the end of a row's list.
fn text_after_list(after: Input<'_>, label: &str) -> Diagnostic {
    Diagnostic::new(
        Code::UnexpectedText,
        format!("the credentials row `{label}` reads on past the end of a sentence"),
    )
    .with_label(text(after).span, "not read as credentials")
    .with_help(
        "a credentials row is a comma-separated list; the text after a sentence's end may belong \
         to a section whose heading is missing",
    )
}

/// Reads one row of the block: its label, as written or misspelt, and its list.
///
/// ```text
/// row = WS , row_label , row_text ;
/// ```
fn row(input: Input<'_>) -> PResult<'_, Row<'_>> {
    let (input, (label, (kind, misspelt))) = preceded(ws, with_consumed(row_label)).parse(input)?;
    let (input, all) = row_text(input)?;
    let (after, (list, _)) = credential_list(all)?;
    let row = Row {
        kind,
        misspelt: misspelt.then(|| Span::bytes(label.pos(), label.pos() + label.fragment().len())),
        list,
        after: (!after.fragment().chars().all(is_ws)).then_some(after),
    };
    Ok((input, row))
}

/// A row label, as written or misspelt ([`misspelt_of`]: its text up to its colon a few edits
/// from a label); `true` when misspelt.
///
/// ```text
/// row_label = "State(s) of Licensure:" | "Certification(s)/Specialty:"
///           | misspelling(row_label) ;
/// ```
fn row_label(input: Input<'_>) -> PResult<'_, (RowKind, bool)> {
    alt((
        map(any_phrase(&ROW_LABELS), |(i, _)| (RowKind::ALL[i], false)),
        map(misspelt_of(&ROW_LABELS), |i| (RowKind::ALL[i], true)),
    ))
    .parse(input)
}

/// The text of a row: its words up to another row label or the summary's intro sentence
/// (whose heading may be missing), or the end of the section, wherever they stand on a line.
/// Blank lines and page breaks inside are kept: the list may wrap across them.
///
/// ```text
/// row_text = { row_gap , word } ;
/// ```
fn row_text(input: Input<'_>) -> PResult<'_, Input<'_>> {
    recognized(many0_count(preceded(row_gap, word))).parse(input)
}

/// The whitespace before a word of a row, when no row end follows it. A misspelt row label is
/// only looked for at the start of a line, where the template puts the labels (so the words
/// of a list are not each compared with the labels).
///
/// ```text
/// row_gap = WS , !row_end ;
/// ```
fn row_gap(input: Input<'_>) -> PResult<'_, ()> {
    let (rest, gap) = ws(input)?;
    let line_start = gap.fragment().contains('\n');
    not(|i| row_end(i, line_start)).parse(rest)?;
    Ok((rest, ()))
}

/// What ends a row's text: another row label (misspelt only when `misspelt` is set), or the
/// first sentence of the clinical case summary.
///
/// ```text
/// row_end = row_label | "The expert reviewer developed the following clinical case summary
///           based on a review of the case file, including all medical records:" ;
/// ```
fn row_end(input: Input<'_>, misspelt: bool) -> PResult<'_, ()> {
    alt((
        value((), any_phrase(&ROW_LABELS)),
        value((), cond(misspelt, misspelt_of(&ROW_LABELS)).map_opt(|m| m)),
        value((), phrase(SUMMARY_INTRO)),
    ))
    .parse(input)
}

/// How a credentials list ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum End {
    /// At a word ending with a period (the period is not part of the list).
    Period,
    /// At initials (`D.C.`) followed by a capitalised word: their period may also end the
    /// sentence, so the list ends there.
    Initials,
    /// At the end of the input, without a sentence end.
    Open,
}

/// A list of credentials, up to the end of its sentence: the text to split on commas (without
/// the sentence's period) and how it ended. Initials (`Washington D.C.`) do not end it, unless a
/// capitalised word or the end of the text follows them.
///
/// ```text
/// credential_list = { WS } , { ( plain_word | !sentence_end , word ) , { WS } } ,
///                   [ sentence_end , [ "." ] ] ;
/// ```
fn credential_list(input: Input<'_>) -> PResult<'_, (Input<'_>, End)> {
    let list_word = alt((plain_word, preceded(not(sentence_end), word)));
    let (input, (list, end)) = with_consumed(preceded(
        pair(ws, many0_count(pair(list_word, ws))),
        opt(sentence_end),
    ))
    .parse(input)?;
    let (input, _) = opt(char('.')).parse(input)?;
    Ok((input, (list, end.unwrap_or(End::Open))))
}

/// A word without a period, which cannot end a sentence (most words of a list: read at once).
///
/// ```text
/// plain_word = { CHAR - WS - "." }+ , &( WS | EOF ) ;
/// ```
fn plain_word(input: Input<'_>) -> PResult<'_, Input<'_>> {
    verify(word, |w: &Input<'_>| !w.fragment().contains('.')).parse(input)
}

/// The last word of a sentence, without its period (left to read), or initials with theirs.
///
/// ```text
/// sentence_end = initials , &( WS+ , UPPER | { WS } , EOF )
///              | !initials , word_body , &( "." , ( WS | EOF ) ) ;
/// ```
fn sentence_end(input: Input<'_>) -> PResult<'_, End> {
    alt((
        value(
            End::Initials,
            terminated(
                initials,
                peek(alt((
                    preceded(ws1, satisfy(char::is_uppercase)),
                    preceded(ws, value(' ', eof)),
                ))),
            ),
        ),
        value(
            End::Period,
            preceded(
                not(initials),
                terminated(word_body, peek(pair(char('.'), end_of_word))),
            ),
        ),
    ))
    .parse(input)
}

/// Initials forming a whole word, as `D.C.` or `U.S.`.
///
/// ```text
/// initials = ( LETTER , "." )+ , &( WS | EOF ) ;
/// ```
fn initials(input: Input<'_>) -> PResult<'_, Input<'_>> {
    terminated(
        recognized(many1_count(pair(satisfy(char::is_alphabetic), char('.')))),
        peek(end_of_word),
    )
    .parse(input)
}

/// A word up to the period that ends it, periods inside it (`St.Louis`) included.
///
/// ```text
/// word_body = { CHAR - WS - "." | "." , !( WS | EOF ) }+ ;
/// ```
fn word_body(input: Input<'_>) -> PResult<'_, Input<'_>> {
    recognized(many1_count(alt((
        take_till1(|c| c == '.' || is_ws(c)),
        terminated(tag("."), not(end_of_word)),
    ))))
    .parse(input)
}

/// The end of a word: whitespace or the end of the input, not consumed.
fn end_of_word(input: Input<'_>) -> PResult<'_, ()> {
    peek(alt((value((), satisfy(is_ws)), value((), eof)))).parse(input)
}

/// Reads the inline credentials sentence, wherever it starts in the section. A misspelt "has
/// a subspecialty in" after a comma is read as spelt right and reported, and so is a sentence
/// whose end could be an abbreviation's.
///
/// ```text
/// inline_credentials = TEXT , "Board Certified in" , certifications ,
///                      "and is licensed to practice in" , credential_list ;
/// ```
pub(crate) fn inline_credentials<'a>(
    body: Input<'a>,
    diags: &mut dyn ErrorSink,
) -> Option<Reviewer<'a>> {
    let (after, (board, certs, (states, end))) = (
        preceded(until_phrase(BOARD), phrase(BOARD)),
        terminated(until_phrase(LICENSED), phrase(LICENSED)),
        credential_list,
    )
        .parse(body)
        .ok()?;
    let (_, (certs, subs)) = certifications(certs).ok()?;
    if let Some((Some(misspelt), _)) = subs {
        diags.push(misspelt_subspecialty(misspelt));
    }
    let sentence_end = after.pos();
    if end == End::Initials
        && preceded(ws, phrase(AFTER_CREDENTIALS))
            .parse(after)
            .is_err()
    {
        diags.push(ambiguous_end(states, sentence_end));
    }
    Some(Reviewer {
        span: Span::bytes(board.pos(), sentence_end),
        certifications: comma_list(certs),
        subspecialties: subs.map(|(_, s)| comma_list(s)).unwrap_or_default(),
        licensure: comma_list(states),
    })
}

/// The certifications of the inline sentence, and the subspecialties after them, if any (with
/// the misspelt opening phrase, if it is misspelt).
///
/// ```text
/// certifications = { CHAR - "," | "," , !subspecialty_opening } ,
///                  [ subspecialty_opening , TEXT ] ;
/// ```
#[allow(clippy::type_complexity)]
fn certifications(
    input: Input<'_>,
) -> PResult<'_, (Input<'_>, Option<(Option<Input<'_>>, Input<'_>)>)> {
    pair(
        recognized(many0_count(alt((
            is_not(","),
            preceded(not(subspecialty_opening), tag(",")),
        )))),
        opt(pair(subspecialty_opening, rest)),
    )
    .parse(input)
}

/// The phrase that opens the subspecialties, as written or misspelt after its comma (the
/// misspelling is given).
///
/// ```text
/// subspecialty_opening = ", has a subspecialty in"
///                      | "," , { WS } , misspelling("has a subspecialty in") ;
/// ```
fn subspecialty_opening(input: Input<'_>) -> PResult<'_, Option<Input<'_>>> {
    let words = SUBSPECIALTY.trim_start_matches([',', ' ']);
    alt((
        value(None, phrase(SUBSPECIALTY)),
        map(preceded(pair(char(','), ws), misspelt_phrase(words)), Some),
    ))
    .parse(input)
}

/// The warning for a misspelt "has a subspecialty in".
fn misspelt_subspecialty(misspelt: Input<'_>) -> Diagnostic {
    Diagnostic::new(
        Code::MissingBoilerplate,
        "the credentials sentence's \"has a subspecialty in\" is altered",
    )
    .with_label(text(misspelt).span, "read as \"has a subspecialty in\"")
    .with_help(format!(
        "expected \"{INLINE_INTRO} {BOARD} X{SUBSPECIALTY} Y {LICENSED} Z.\""
    ))
}

/// The warning for a credentials sentence ending with initials followed by a capitalised word
/// other than the template's next sentence: the period may end the sentence, or only the
/// abbreviation.
fn ambiguous_end(states: Input<'_>, end: usize) -> Diagnostic {
    let states = text(states);
    Diagnostic::new(
        Code::UnexpectedText,
        "the credentials sentence may end after the states of licensure, or go on",
    )
    .with_label(
        Span::bytes(states.span.start, end.max(states.span.end)),
        "read as the last states of licensure",
    )
    .with_help(format!(
        "the period after the initials was read as the sentence's end; the template's next \
         sentence is \"{AFTER_CREDENTIALS}\""
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lex::letter_input;
    use crate::sink::Sink;

    fn names(list: &[crate::span::Text<'_>]) -> Vec<String> {
        list.iter().map(|t| t.text().into_owned()).collect()
    }

    fn block(s: &str) -> (Reviewer<'_>, Vec<Diagnostic>) {
        let body = letter_input(s);
        let mut sink = Sink::new(s);
        let r = credential_block(body, &mut sink).expect("block");
        (r, sink.found())
    }

    fn inline(s: &str) -> (Reviewer<'_>, Vec<Diagnostic>) {
        let body = letter_input(s);
        let mut sink = Sink::new(s);
        let r = inline_credentials(body, &mut sink).expect("inline");
        (r, sink.found())
    }

    #[test]
    fn block_style_with_wrapped_certifications() {
        let s = "Review determinations.\n \nThe Expert Reviewer has the following credentials:\n\
             State(s) of Licensure: Texas,New York,California\n\
             Certification(s)/Specialty: Preventive Medicine, Occupational Medicine, Public Health &\n\
             General Preventive Medicine\n \n";
        let (r, d) = block(s);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(names(&r.licensure), ["Texas", "New York", "California"]);
        assert_eq!(
            names(&r.certifications),
            [
                "Preventive Medicine",
                "Occupational Medicine",
                "Public Health & General Preventive Medicine"
            ]
        );
        assert!(s[r.span.start..r.span.end].ends_with("Medicine"));
    }

    #[test]
    fn a_list_wraps_anywhere_and_across_page_breaks() {
        for s in [
            "The Expert Reviewer has the\nfollowing credentials:\nState(s) of\nLicensure: Washington D.C.,\n\
             Virginia\nCertification(s)/Specialty: Family Practice, Internal\nMedicine\n",
            "The Expert Reviewer has the following credentials: \n\nState(s) of Licensure: Washington \n\n\
             D.C., Virginia \n\n\u{c}Certification(s)/Specialty: Family Practice, \n\n \n\nInternal \
             \n\u{c}\nMedicine \n\n \n",
        ] {
            let (r, d) = block(s);
            assert!(d.is_empty(), "{d:?}");
            assert_eq!(
                names(&r.licensure),
                ["Washington D.C.", "Virginia"],
                "{s:?}"
            );
            assert_eq!(
                names(&r.certifications),
                ["Family Practice", "Internal Medicine"]
            );
        }
    }

    #[test]
    fn text_after_a_row_is_reported_not_read() {
        let (r, d) = block(
            "The Expert Reviewer has the following credentials:\nState(s) of Licensure: Utah\n\
             Certification(s)/Specialty: Family Practice\nThe injured worker is a 50-year-old \
             male. He was injured.\n",
        );
        assert_eq!(
            names(&r.certifications),
            ["Family Practice The injured worker is a 50-year-old male"]
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].code(), Code::UnexpectedText);
        // The summary's intro ends a row, even without the heading before it.
        let (r, d) = block(
            "The Expert Reviewer has the following credentials:\nState(s) of Licensure: Utah\n\
             Certification(s)/Specialty: Family Practice\nThe expert reviewer developed the following \
             clinical case summary based on a review of the case file, including all medical records:\n",
        );
        assert_eq!(names(&r.certifications), ["Family Practice"]);
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn rows_on_one_line() {
        let (r, d) = block(
            "The Expert Reviewer has the following credentials: State(s) of Licensure: Utah, \
             Ohio Certification(s)/Specialty: Family Practice\n",
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(names(&r.licensure), ["Utah", "Ohio"]);
        assert_eq!(names(&r.certifications), ["Family Practice"]);
    }

    #[test]
    fn misspelt_and_missing_rows_are_reported() {
        let s = "The Expert Reviewer has the following credentials:\n\
             State(s) of Licnsure: Texas,California\n \n";
        let (r, diags) = block(s);
        assert_eq!(names(&r.licensure), ["Texas", "California"]);
        assert!(r.certifications.is_empty());
        let codes: Vec<_> = diags.iter().map(Diagnostic::code).collect();
        assert_eq!(codes, [Code::MisspeltLabel, Code::MissingCredentials]);
        let at = s.find("State").expect("row");
        assert_eq!(diags[0].labels()[0].span.range(), at..at + 21);
        assert!(diags[1].message().contains(RowKind::Certification.label()));
    }

    #[test]
    fn row_labels_as_written_or_misspelt() {
        let label = |s| row_label(letter_input(s)).map(|(rest, k)| (k, rest.pos()));
        assert_eq!(
            label("state(s) of\nLicensure: Texas"),
            Ok((RowKind::Licensure, false)).map(|k| (k, 22))
        );
        assert_eq!(
            label("Certification(s)/Specality: X"),
            Ok(((RowKind::Certification, true), 27))
        );
        for line in ["Certification(s): x", "States", "", "\u{e9}", "Surgery"] {
            assert!(label(line).is_err(), "{line:?}");
        }
    }

    #[test]
    fn inline_style_with_subspecialty() {
        let s = "claims administrator. The expert \n\nreviewer is Board Certified in Anesthesiology, has a subspecialty in Pain Management and is \n\
             licensed to practice in California. He/she has been";
        let (r, d) = inline(s);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(names(&r.certifications), ["Anesthesiology"]);
        assert_eq!(names(&r.subspecialties), ["Pain Management"]);
        assert_eq!(names(&r.licensure), ["California"]);
        assert!(s[r.span.start..r.span.end].ends_with("California."));
    }

    #[test]
    fn inline_style_with_a_misspelt_subspecialty() {
        let s = "The expert reviewer is Board Certified in Anesthesiology, has a subspeciality in Pain \
             Management and is licensed to practice in California.";
        let (r, diags) = inline(s);
        assert_eq!(names(&r.certifications), ["Anesthesiology"]);
        assert_eq!(names(&r.subspecialties), ["Pain Management"]);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code(), Code::MissingBoilerplate);
        let span = diags[0].labels()[0].span;
        assert_eq!(&s[span.start..span.end], "has a subspeciality in");
    }

    #[test]
    fn inline_style_keeps_and_inside_a_specialty() {
        let (r, _) = inline(
            "is Board Certified in Physical Medicine and Rehabilitation and is licensed to practice in California.",
        );
        assert_eq!(
            names(&r.certifications),
            ["Physical Medicine and Rehabilitation"]
        );
    }

    #[test]
    fn a_state_with_periods() {
        // The template's next sentence after initials: their period ends the sentence.
        let s = "is Board Certified in Surgery and is licensed to practice in Washington\nD.C. He/she has been in\nactive clinical practice";
        let (r, d) = inline(s);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(names(&r.licensure), ["Washington D.C."]);
        assert!(s[..r.span.end].ends_with("D.C."));
        // Initials inside the list do not end it.
        let (r, d) = inline(
            "is Board Certified in Surgery and is licensed to practice in Washington D.C., \
             Virginia and St.Louis. He/she",
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(
            names(&r.licensure),
            ["Washington D.C.", "Virginia and St.Louis"]
        );
        // Initials followed by another capitalised word: read as the end, and reported.
        let (r, d) = inline(
            "is Board Certified in Surgery and is licensed to practice in Washington D.C. Virginia.",
        );
        assert_eq!(names(&r.licensure), ["Washington D.C."]);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].code(), Code::UnexpectedText);
    }
}
