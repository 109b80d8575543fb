//! The whole letter: its line tokens split at the section headings, each section parsed by its
//! own production.
//!
//! ```text
//! letter = [ BOM ] , preamble , { section } ;
//! ```
//!
//! Splitting at headings first is what lets a letter report all its problems: a section that is
//! missing, repeated or out of place is reported, and every section that is there is still
//! parsed. A heading not found as written may be misspelt: a line a few edits from it where
//! its section belongs is read as the heading and reported ([`misspelt_headings`]).

use nom::{
    Parser,
    bytes::complete::take_while,
    combinator::{map, map_opt},
    multi::many0,
    sequence::pair,
};

use crate::ast::Document;
use crate::diagnostic::{Code, Diagnostic};
use crate::header::case_header;
use crate::items::issues_section;
use crate::lex::tokens::{TResult, Tokens, is_heading, token};
use crate::lex::{
    Input, LineKind, Pos, Token, at_end, inline_ws, letter_input, lex, line, match_phrase,
    near_miss, split_at, text,
};
use crate::reviewer::how_section;
use crate::sink::ErrorSink;
use crate::span::{LineIndex, Span};
use crate::summary::summary_section;
use crate::template::FOREIGN_MARKERS;
pub(crate) use crate::template::SectionKind;

/// A section of the letter: its heading and the lines after it, up to the next heading.
struct Section<'t, 'a> {
    kind: SectionKind,
    /// The heading's text.
    heading: Span,
    body: Tokens<'t, 'a>,
}

/// Parses a letter.
///
/// ```text
/// letter = [ BOM ] , preamble , { section } ;
/// ```
pub(crate) fn letter<'a>(
    source: &'a str,
    index: &LineIndex<'a>,
    diags: &mut dyn ErrorSink,
) -> Document<'a> {
    let mut doc = Document {
        span: Span::bytes(0, source.len()),
        ..Document::default()
    };
    let input = letter_input(source);
    if at_end(input) {
        diags.push(
            Diagnostic::new(Code::EmptyInput, "the letter is empty")
                .with_label(Span::bytes(0, source.len()), "nothing but whitespace")
                .with_help("expected the text of an IMR Final Determination letter"),
        );
        return doc;
    }
    let bom = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let input = split_at(input, bom).0;
    let mut tokens = lex(input, index);
    misspelt_headings(&mut tokens, diags);
    let all = Tokens::new(&tokens, input);
    let Ok((_, (preamble, sections))) = pair(preamble, many0(section)).parse(all) else {
        return doc;
    };
    if sections.is_empty() {
        diags.push(no_heading(input, &tokens, bom));
        return doc;
    }
    doc.case_header = case_header(preamble.text(), diags);
    let used = check_order(&sections, diags);
    for kind in SectionKind::ALL {
        let Some(s) = used[kind as usize].map(|i| &sections[i]) else {
            diags.push(missing_section(source, kind, &sections, &used));
            continue;
        };
        let body = s.body.text();
        match kind {
            SectionKind::How => doc.reviewer = how_section(body, s.heading, diags),
            SectionKind::Summary => doc.case_summary = summary_section(body, s.heading, diags),
            SectionKind::Issues => doc.items = issues_section(s.body, s.heading, diags),
        }
    }
    doc
}

/// The text before the first heading.
///
/// ```text
/// preamble = { token - heading } ;
/// ```
fn preamble<'t, 'a>(input: Tokens<'t, 'a>) -> TResult<'t, 'a, Tokens<'t, 'a>> {
    take_while(|t: &Token<'a>| !is_heading(t)).parse(input)
}

/// A heading and the lines up to the next one.
///
/// ```text
/// section = heading , { token - heading } ;
/// ```
fn section<'t, 'a>(input: Tokens<'t, 'a>) -> TResult<'t, 'a, Section<'t, 'a>> {
    map(pair(heading, preamble), |((kind, heading), body)| Section {
        kind,
        heading,
        body,
    })
    .parse(input)
}

/// A heading alone on its line, as the template writes it, or a misspelling of it that
/// [`misspelt_headings`] let stand: its kind and the span of its text.
///
/// ```text
/// heading = "HOW THE IMR FINAL DETERMINATION WAS MADE" | "CLINICAL CASE SUMMARY"
///         | "IMR ISSUES, DECISIONS AND RATIONALES" | misspelt_heading ;
/// ```
fn heading<'t, 'a>(input: Tokens<'t, 'a>) -> TResult<'t, 'a, (SectionKind, Span)> {
    map_opt(token(is_heading), |t| match t.kind {
        LineKind::Heading { kind, .. } => Some((kind, text(t.line).span)),
        _ => None,
    })
    .parse(input)
}

/// Decides which misspelt headings stand for their heading, and reports them: for each
/// section whose heading is not written as the template writes it, the first line a few edits
/// from that heading where the section belongs (after the headings of the sections before it,
/// before those of the sections after it). Every other misspelt heading is a line of text.
fn misspelt_headings(tokens: &mut [Token<'_>], diags: &mut dyn ErrorSink) {
    // Most letters write every heading as the template does: there is nothing to decide.
    if !tokens
        .iter()
        .any(|t| matches!(t.kind, LineKind::Heading { misspelt: true, .. }))
    {
        return;
    }
    let stands = SectionKind::ALL
        .into_iter()
        .fold(Vec::new(), |mut stands, kind| {
            stands.extend(misspelt_heading_of(tokens, &stands, kind).map(|i| (i, kind)));
            stands
        });
    tokens.iter_mut().enumerate().for_each(|(i, t)| {
        if let LineKind::Heading { misspelt: true, .. } = t.kind
            && !stands.iter().any(|&(j, _)| j == i)
        {
            t.kind = LineKind::Text;
        }
    });
    stands.iter().for_each(|&(i, kind)| {
        let at = text(tokens[i].line).span;
        diags.push(
            Diagnostic::new(
                Code::MisspeltHeading,
                format!("the heading \"{}\" is misspelt", kind.heading()),
            )
            .with_label(at, "read as this heading")
            .with_help(format!(
                "did you mean \"{}\"? the text below it was read as that section",
                kind.heading()
            )),
        );
    });
}

/// The line of a misspelt heading of `kind` that stands for it (see [`misspelt_headings`]),
/// given those already standing for the headings before it.
fn misspelt_heading_of(
    tokens: &[Token<'_>],
    stands: &[(usize, SectionKind)],
    kind: SectionKind,
) -> Option<usize> {
    let heading_of = |i: usize, t: &Token<'_>| match t.kind {
        LineKind::Heading {
            kind,
            misspelt: false,
        } => Some(kind),
        LineKind::Heading { misspelt: true, .. } => {
            stands.iter().find(|&&(j, _)| j == i).map(|&(_, k)| k)
        }
        _ => None,
    };
    let headings: Vec<(usize, SectionKind)> = tokens
        .iter()
        .enumerate()
        .filter_map(|(i, t)| heading_of(i, t).map(|k| (i, k)))
        .collect();
    if headings.iter().any(|&(_, k)| k == kind) {
        return None;
    }
    let from = headings
        .iter()
        .filter(|&&(_, k)| k < kind)
        .map(|&(i, _)| i + 1)
        .max()
        .unwrap_or(0);
    let to = headings
        .iter()
        .filter(|&&(_, k)| k > kind)
        .map(|&(i, _)| i)
        .min()
        .unwrap_or(tokens.len());
    (from..to).find(
        |&i| matches!(tokens[i].kind, LineKind::Heading { kind: k, misspelt: true } if k == kind),
    )
}

/// Reports a heading that comes after a later one, or a second time. Returns, for each kind,
/// the index of the section read as it (the first of its kind).
fn check_order(sections: &[Section<'_, '_>], diags: &mut dyn ErrorSink) -> [Option<usize>; 3] {
    let (used, _) = sections.iter().enumerate().fold(
        ([None; 3], None::<SectionKind>),
        |(mut used, furthest), (i, s)| {
            let slot: &mut Option<usize> = &mut used[s.kind as usize];
            if slot.is_some() || furthest.is_some_and(|f| f > s.kind) {
                let what = if slot.is_some() {
                    "is repeated"
                } else {
                    "is out of order"
                };
                diags.push(
                    Diagnostic::new(
                        Code::SectionOrder,
                        format!("the section \"{}\" {what}", s.kind.heading()),
                    )
                    .with_label(s.heading, "misplaced heading")
                    .with_help(format!(
                        "the sections come once each, in this order: \"{}\", \"{}\", \"{}\"",
                        SectionKind::How.heading(),
                        SectionKind::Summary.heading(),
                        SectionKind::Issues.heading()
                    )),
                );
            }
            slot.get_or_insert(i);
            (used, furthest.max(Some(s.kind)))
        },
    );
    used
}

/// The diagnostic of a missing section: pointing at a misspelt heading if there is one, else
/// at where the section should have started (the next section that is there).
fn missing_section(
    source: &str,
    kind: SectionKind,
    sections: &[Section<'_, '_>],
    used: &[Option<usize>; 3],
) -> Diagnostic {
    let next = SectionKind::ALL
        .iter()
        .filter(|k| **k > kind)
        .find_map(|k| used[*k as usize])
        .map(|j| sections[j].heading)
        .unwrap_or_else(|| Span::bytes(source.len(), source.len()));
    let d = Diagnostic::new(
        Code::MissingSection,
        format!("the section \"{}\" is missing", kind.heading()),
    );
    match near_miss(source, 0, kind.heading()) {
        Some(at) => d
            .with_label(at, "a misspelt heading?")
            .with_help(format!("did you mean \"{}\"?", kind.heading())),
        None => d
            .with_label(next, "expected before this")
            .with_help(format!(
                "expected the heading \"{}\" on a line of its own",
                kind.heading()
            )),
    }
}

/// The diagnostic of a text without any heading: the marker of another layout, or not a
/// determination at all.
fn no_heading(input: Input<'_>, tokens: &[Token<'_>], bom: usize) -> Diagnostic {
    match tokens.iter().find_map(|t| foreign_marker(t.line)) {
        Some(m) => Diagnostic::new(
            Code::UnsupportedLayout,
            "this determination uses a layout this parser does not read",
        )
        .with_label(m, "marker of another layout")
        .with_help(format!(
            "only the Final Determination layout (sections \"{}\", \"{}\", \"{}\") is supported",
            SectionKind::How.heading(),
            SectionKind::Summary.heading(),
            SectionKind::Issues.heading()
        )),
        None => {
            let first = text(line(input).map(|(_, l)| l).unwrap_or(input));
            let end = input.pos() + input.fragment().len();
            let first = if first.is_empty() {
                Span::bytes(bom, end)
            } else {
                first.span
            };
            Diagnostic::new(
                Code::NotADetermination,
                "this is not an IMR Final Determination letter",
            )
            .with_label(first, "no section heading of a determination follows")
            .with_help(format!(
                "a Final Determination has the headings \"{}\", \"{}\" and \"{}\"",
                SectionKind::How.heading(),
                SectionKind::Summary.heading(),
                SectionKind::Issues.heading()
            ))
        }
    }
}

/// The marker of another layout at the start of a line, if there is one.
///
/// ```text
/// foreign_marker = "MAXIMUS FEDERAL SERVICES, INC." | "IMR DECISION(S) AND RATIONALE(S)"
///                | "MEDICAL PROFESSIONAL REVIEW" | "ISSUE AT DISPUTE:"
///                | "Notice of Independent Medical Review Determination"
///                | "INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE" ;
/// ```
fn foreign_marker(line: Input<'_>) -> Option<Span> {
    let (start, _) = inline_ws(line).ok()?;
    FOREIGN_MARKERS
        .iter()
        .find_map(|m| match_phrase(start.fragment(), m).map(|n| text(split_at(start, n).1).span))
}
