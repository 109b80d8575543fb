//! The whole letter: sections found by their headings, each parsed by its own production.
//!
//! ```text
//! letter   := BOM? preamble section*
//! preamble := case_header                      (the text before the first heading)
//! section  := heading body                     (the body runs to the next heading)
//! heading  := inline_ws heading_text inline_ws ( "\n" | EOF )
//! heading_text := "HOW THE IMR FINAL DETERMINATION WAS MADE"
//!               | "CLINICAL CASE SUMMARY"
//!               | "IMR ISSUES, DECISIONS AND RATIONALES"
//! foreign_marker := "MAXIMUS FEDERAL SERVICES, INC." | "IMR DECISION(S) AND RATIONALE(S)"
//!               | "MEDICAL PROFESSIONAL REVIEW" | "ISSUE AT DISPUTE:"
//!               | "Notice of Independent Medical Review Determination"
//!               | "INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE"
//! ```
//!
//! Splitting at headings first is what lets a letter report all its problems: a section that is
//! missing, repeated or out of place is reported, and every section that is there is still
//! parsed. A heading the outline does not find may be misspelt: a line a few edits from it
//! where its section belongs is read as the heading and reported ([`recover_misspelt`]).

use nom::{Parser, branch::alt, combinator::value};

use crate::ast::Document;
use crate::diagnostic::{Code, Diagnostic};
use crate::header::case_header;
use crate::items::issues_section;
use crate::lex::near_miss;
use crate::lex::{
    Initials, Input, PResult, Pos, at_end, between, fail, initials_of, inline_ws, letter_input,
    line, phrase, prefix, seek, split_at, text,
};
use crate::reviewer::how_section;
use crate::sink::Sink;
use crate::span::{LineIndex, Span};
use crate::summary::summary_section;
use crate::template::FOREIGN_MARKERS;
pub(crate) use crate::template::SectionKind;

/// The first two letters of the headings.
const HEADING_INITIALS: Initials = initials_of!(SectionKind::ALL, SectionKind::heading);

/// `heading := inline_ws heading_text inline_ws ( "\n" | EOF )`: a whole line.
pub(crate) fn heading(input: Input<'_>) -> PResult<'_, (SectionKind, Input<'_>)> {
    let (start, _) = inline_ws(input)?;
    let (after, kind) = alt((
        value(SectionKind::How, phrase(SectionKind::How.heading())),
        value(SectionKind::Summary, phrase(SectionKind::Summary.heading())),
        value(SectionKind::Issues, phrase(SectionKind::Issues.heading())),
    ))
    .parse(start)?;
    let (rest, tail) = line(after).unwrap_or((after, after));
    if !tail.fragment().chars().all(crate::lex::is_inline_ws) {
        return fail(input, "a heading alone on its line");
    }
    Ok((rest, (kind, between(start, after))))
}

/// `foreign_marker := "MAXIMUS FEDERAL SERVICES, INC." | "IMR DECISION(S) AND RATIONALE(S)" | ...`
/// (one of [`FOREIGN_MARKERS`]), at the start of a line.
fn foreign_marker(input: Input<'_>) -> Option<Input<'_>> {
    let (start, _) = inline_ws(input).ok()?;
    FOREIGN_MARKERS
        .iter()
        .find_map(|m| crate::lex::match_phrase(start.fragment(), m).map(|n| prefix(start, n)))
}

/// A heading found in the letter, and the body that follows it.
struct Section<'a> {
    kind: SectionKind,
    /// The input at the start of the heading's line, where the section before it ends.
    start: Input<'a>,
    heading: Span,
    body: Input<'a>,
}

/// `letter := BOM? preamble section*`
pub(crate) fn letter<'a>(
    source: &'a str,
    index: &LineIndex<'a>,
    diags: &mut Sink<'_>,
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

    // Outline: headings and foreign markers, line by line.
    let mut sections: Vec<Section<'a>> = Vec::new();
    for (at, content) in index.lines_in(input.pos(), source.len()) {
        // Lines that cannot start a heading are skipped without trying them.
        if !HEADING_INITIALS.may_start(content) {
            continue;
        }
        let cur = seek(input, at);
        if let Ok((rest, (kind, h))) = heading(cur) {
            if let Some(last) = sections.last_mut() {
                last.body = between(last.body, cur);
            }
            sections.push(Section {
                kind,
                start: cur,
                heading: text(h).span,
                body: rest,
            });
        }
    }
    // A section whose heading is misspelt is reported and read as if it were spelt right.
    for kind in SectionKind::ALL {
        if let Some(at) = recover_misspelt(source, input, &mut sections, kind) {
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
        }
    }
    // Without a heading, look for the marker of another layout.
    let mut foreign: Option<Input<'a>> = None;
    let mut cur = input;
    while sections.is_empty() && foreign.is_none() && !cur.fragment().is_empty() {
        foreign = foreign_marker(cur);
        cur = match line(cur) {
            Ok((rest, _)) => rest,
            Err(_) => break,
        };
    }

    if sections.is_empty() {
        match foreign {
            Some(m) => diags.push(
                Diagnostic::new(
                    Code::UnsupportedLayout,
                    "this determination uses a layout this parser does not read",
                )
                .with_label(text(m).span, "marker of another layout")
                .with_help(
                    "only the Final Determination layout (sections \"HOW THE IMR FINAL \
                     DETERMINATION WAS MADE\", \"CLINICAL CASE SUMMARY\", \"IMR ISSUES, DECISIONS \
                     AND RATIONALES\") is supported",
                ),
            ),
            None => {
                let first = text(line(input).map(|(_, l)| l).unwrap_or(input));
                let first = if first.is_empty() {
                    Span::bytes(bom, source.len())
                } else {
                    first.span
                };
                diags.push(
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
                    )),
                );
            }
        }
        return doc;
    }

    let preamble = between(input, sections[0].start);
    doc.case_header = case_header(preamble, diags);

    // Order: report a heading that comes after a later one, or a second time.
    let mut furthest: Option<SectionKind> = None;
    let mut used: [Option<usize>; 3] = [None; 3];
    for (i, s) in sections.iter().enumerate() {
        let slot = &mut used[s.kind as usize];
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
        if slot.is_none() {
            *slot = Some(i);
        }
        furthest = furthest.max(Some(s.kind));
    }

    for kind in SectionKind::ALL {
        let Some(i) = used[kind as usize] else {
            // Point at where the section should have started: the next section that is there.
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
            // A misspelt heading is the likeliest cause: point at it.
            let d = match near_miss(source, 0, kind.heading()) {
                Some(at) => d
                    .with_label(at, "a misspelt heading?")
                    .with_help(format!("did you mean \"{}\"?", kind.heading())),
                None => d
                    .with_label(next, "expected before this")
                    .with_help(format!(
                        "expected the heading \"{}\" on a line of its own",
                        kind.heading()
                    )),
            };
            diags.push(d);
            continue;
        };
        let s = &sections[i];
        match kind {
            SectionKind::How => doc.reviewer = how_section(s.body, s.heading, diags),
            SectionKind::Summary => doc.case_summary = summary_section(s.body, s.heading, diags),
            SectionKind::Issues => doc.items = issues_section(s.body, s.heading, index, diags),
        }
    }
    doc
}

/// The heading of a section `kind` that the outline did not find, misspelt: the first line a
/// few edits away from it ([`near_miss`]) where the section belongs, after the headings of the
/// sections before it and before those of the sections after it (anywhere after the BOM when
/// no heading was found). The section it opens is inserted into `sections` in its place,
/// ending the body of the section before it. Returns the misspelt heading's span.
fn recover_misspelt<'a>(
    source: &'a str,
    input: Input<'a>,
    sections: &mut Vec<Section<'a>>,
    kind: SectionKind,
) -> Option<Span> {
    if sections.iter().any(|s| s.kind == kind) {
        return None;
    }
    let from = sections
        .iter()
        .filter(|s| s.kind < kind)
        .map(|s| s.heading.end)
        .fold(input.pos(), usize::max);
    let to = sections
        .iter()
        .filter(|s| s.kind > kind)
        .map(|s| s.start.pos())
        .fold(source.len(), usize::min);
    if from >= to {
        return None;
    }
    let at = near_miss(&source[from..to], from, kind.heading())?;
    let line_start = source[..at.start]
        .rfind('\n')
        .map_or(0, |i| i + 1)
        .max(input.pos());
    let start = seek(input, line_start);
    let (rest, _) = line(start).ok()?;
    let i = sections.partition_point(|s| s.heading.start < at.start);
    let body = match sections.get(i) {
        Some(next) => between(rest, next.start),
        None => rest,
    };
    if let Some(before) = i.checked_sub(1).map(|j| &mut sections[j]) {
        before.body = between(before.body, start);
    }
    sections.insert(
        i,
        Section {
            kind,
            start,
            heading: at,
            body,
        },
    );
    Some(at)
}
