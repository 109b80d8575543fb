//! `IMR ISSUES, DECISIONS AND RATIONALES`: the disputed items.
//!
//! ```text
//! issues_section  := issues_intro item*
//! issues_intro    := "The Final Determination was based on decisions for the disputed
//!                     items/services set forth below:"
//! item            := item_header ca_guideline maximus_guideline rationale
//! item_header     := header_line{1,8} &guideline_label
//!                    (a run of lines, none ending a sentence, whose text is
//!                     treatment_part ":" decision, followed by a guideline label)
//! treatment_part  := modified_request | TREATMENT
//! modified_request := TEXT "was the original request."
//!                     ( TEXT "was authorized by the Claims Administrator."
//!                       "The remaining IMR eligible portion of the original request," TEXT "is"?
//!                     | "The Claims Administrator authorized" TEXT
//!                       ", leaving the original request IMR eligible."
//!                       "The original request," TEXT "is"? )
//! decision        := "Upheld" | "Overturned"
//! guideline_label := "Claims Administrator guideline:" | "MAXIMUS guideline:"
//!                  | misspelt_label (a few edits from one, up to its colon: reported)
//!                  | "Decision rationale:"
//! ca_guideline    := "Claims Administrator guideline:" guideline_body
//! maximus_guideline := "MAXIMUS guideline:" guideline_body
//! rationale       := "Decision rationale:" TEXT
//! ```
//!
//! Items are found by scanning lines: at each line a guideline label or an item header may
//! start; the text of a label runs to the next one. A header must be followed by a label within
//! [`MAX_HEADER_LINES`] non-blank lines; the label ahead of each line is read once, from the end
//! of the section, into the line table, so scanning stays linear in the size of the letter.

use nom::{Parser, branch::alt, combinator::value};

use crate::ast::{Decision, DecisionValue, Item, Modification};
use crate::citation::guideline_body;
use crate::diagnostic::{Code, Diagnostic};
use crate::lex::{
    Initials, Input, PResult, Pos, between, find_phrase, find_phrase_by, first_inner_line_ending,
    has_inner_line_ending_with, initials_of, inline_ws, letter_input, match_phrase, phrase,
    phrases_of, prefix, seek, skip_noise, split_at, text, trim_end_by, trim_start_by,
};
use crate::lex::{misspelt_label_of, near_miss, nearest};
use crate::sink::Sink;
use crate::span::{LineIndex, Span, Text, is_ws, skip_ws, trim_end_with, trim_start_with};
pub(crate) use crate::template::LabelKind;
use crate::template::modified::{
    AUTHORIZED_BY, CA_AUTHORIZED, LEAVING, ORIGINAL, PHRASES, REMAINING, THE_ORIGINAL,
};
use crate::template::{ISSUES_INTRO, OVERTURNED, UPHELD};

/// The most non-blank lines an item header may take.
pub(crate) const MAX_HEADER_LINES: usize = 8;

/// The first two letters of the labels.
const LABEL_INITIALS: Initials = initials_of!(LabelKind::ALL, LabelKind::as_str);

/// `guideline_label := "Claims Administrator guideline:" | "MAXIMUS guideline:"
/// | "Decision rationale:"`, at the start of a line. Returns the kind and the label's text.
pub(crate) fn guideline_label(input: Input<'_>) -> PResult<'_, (LabelKind, Input<'_>)> {
    let (input, _) = inline_ws(input)?;
    let (rest, kind) = alt((
        value(
            LabelKind::ClaimsAdministrator,
            phrase(LabelKind::ClaimsAdministrator.as_str()),
        ),
        value(LabelKind::Maximus, phrase(LabelKind::Maximus.as_str())),
        value(LabelKind::Rationale, phrase(LabelKind::Rationale.as_str())),
    ))
    .parse(input)?;
    Ok((rest, (kind, between(input, rest))))
}

/// `misspelt_label := inline_ws LABEL_LIKE ":"`: a line that starts with a misspelling of a
/// guideline label ([`misspelt_label_of`]: a few edits away, ignoring case), up to its first
/// colon. Returns the label's kind and the length of the line up to and with the colon. Only
/// tried on a line that starts like a label ([`LABEL_INITIALS`]) and is not one.
fn misspelt_label(line: &str) -> Option<(LabelKind, usize)> {
    const LABELS: [&str; LabelKind::ALL.len()] = phrases_of!(LabelKind::ALL, LabelKind::as_str);
    misspelt_label_of(line, &LABELS).map(|(i, len)| (LabelKind::ALL[i], len))
}

/// A recognised item header.
#[derive(Debug, Clone)]
pub(crate) struct Header<'a> {
    pub span: Span,
    pub treatment: Text<'a>,
    pub modification: Option<Modification<'a>>,
    /// The decision word as written.
    pub decision_word: Text<'a>,
    pub decision: Option<DecisionValue>,
}

/// `decision := "Upheld" | "Overturned"` (any case).
pub(crate) fn decision_value(word: &str) -> Option<DecisionValue> {
    if word.eq_ignore_ascii_case(UPHELD) {
        Some(DecisionValue::Upheld)
    } else if word.eq_ignore_ascii_case(OVERTURNED) {
        Some(DecisionValue::Overturned)
    } else {
        None
    }
}

/// What may follow a header for it to count: in a rationale any guideline label (so that an
/// item missing its first guideline is still found), and an unknown decision word only before
/// the `Claims Administrator guideline:` label.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    /// Scanning free text (a rationale, or before the first item).
    Free,
    /// Scanning a guideline's text: only a header with a known decision counts.
    Guideline,
}

/// `item_header := header_line{1,8} &guideline_label`: the header starting at line `first`
/// of the section's line table. Returns the header and the index of the label line after it,
/// or the offset before which no line starts a header (see [`header_text`]; 0 when only this
/// line is ruled out).
///
/// The look ahead is bounded ([`MAX_HEADER_LINES`] non-blank lines) and read from the line
/// table ([`LineInfo::label_ahead`]), so trying a header at every line of a rationale costs a
/// comparison per line.
fn item_header<'a>(
    lines: &[LineInfo],
    first: usize,
    ctx: Context,
    body: Input<'a>,
) -> Result<(usize, Header<'a>), usize> {
    let start_offset = lines.get(first).ok_or(0usize)?.offset;
    // The label after the header's lines (its first line is one of them).
    let Some((label_line, text_lines)) = lines.get(first + 1).and_then(|l| l.label_ahead) else {
        return Err(0);
    };
    if 1 + text_lines > MAX_HEADER_LINES {
        return Err(0);
    }
    let LineKind::Label(next_label, ..) = lines[label_line].kind else {
        return Err(0);
    };
    let start = seek(body, start_offset);
    let region = trim_end_by(
        prefix(start, lines[label_line].offset - start_offset),
        is_ws,
    );
    let header = header_text(region)?;
    let ok = match ctx {
        Context::Free => header.decision.is_some() || next_label == LabelKind::ClaimsAdministrator,
        Context::Guideline => header.decision.is_some(),
    };
    if ok { Ok((label_line, header)) } else { Err(0) }
}

/// Whether a blank line is a paragraph separator (a line holding a space) rather than a page
/// break or double spacing (an empty line, maybe with a form feed or carriage return).
fn is_paragraph_separator(content: &str) -> bool {
    content
        .chars()
        .any(|c| c == ' ' || c == '\t' || c == '\u{a0}')
}

/// `header_text := treatment_part ":" WS* decision`, split at the last colon; the decision is
/// one word.
///
/// When the region is not a header, says from where one ending at the same place could start:
/// `Err(at)`, no header of a region that ends where this one does starts before byte `at` (0
/// when only this region is ruled out). Without a colon followed by one word, or with nothing
/// before it, no such region is a header. With a sentence ending inside the treatment and no
/// "was the original request." up to it, no region starting on or before that line is one: each
/// holds the same sentence ending, and no more of the phrase.
fn header_text(region: Input<'_>) -> Result<Header<'_>, usize> {
    let s = region.fragment();
    let none = region.pos() + s.len();
    let colon = memchr::memrchr(b':', s.as_bytes()).ok_or(none)?;
    let (after, before) = split_at(region, colon);
    let word = trim_end_by(trim_start_by(split_at(after, 1).0, is_ws), is_ws);
    let w = word.fragment();
    if w.is_empty() || w.len() > 20 || !w.chars().all(|c| c.is_alphabetic()) {
        return Err(none);
    }
    let part = trim_end_by(before, is_ws);
    if part.fragment().is_empty() {
        return Err(none);
    }
    // A sentence ending inside the part is allowed only in a modified request, which must then
    // start its "was the original request." by the line after it.
    // Most treatments hold neither a period nor a colon: then there is neither a sentence
    // ending nor "was the original request." to look for.
    let (inner, original) = match memchr::memchr2(b'.', b':', part.fragment().as_bytes()) {
        None => (None, None),
        Some(_) => {
            let inner = first_inner_line_ending(part.fragment(), &['.', ':']);
            (
                inner,
                find_phrase_by(part, ORIGINAL, inner.unwrap_or(usize::MAX)),
            )
        }
    };
    let (treatment, modification) =
        match original.and_then(|(x, _, rest)| modified_request(x, rest)) {
            Some((m, z)) => (z, Some(m)),
            None => match inner {
                // The end of the line that ends the sentence.
                Some(next) if original.is_none() => {
                    return Err(part.pos() + trim_end_with(&part.fragment()[..next], is_ws).len());
                }
                Some(_) => return Err(0),
                None => (text(part), None),
            },
        };
    let decision_word = text(word);
    Ok(Header {
        span: Span::bytes(region.pos(), decision_word.span.end),
        treatment,
        modification,
        decision: decision_value(w),
        decision_word,
    })
}

/// Whether the treatment of an item that is not a modified request holds one of its phrases:
/// a modified request with one of its fixed sentences altered (or misspelt), read whole as the
/// treatment. Tried on the headers of items only, and searched only in a treatment holding a
/// period or a colon, as each wording of a modified request does.
fn altered_modification(treatment: &str) -> bool {
    memchr::memchr2(b'.', b':', treatment.as_bytes()).is_some()
        && PHRASES
            .iter()
            .any(|p| find_phrase(letter_input(treatment), p).is_some())
}

/// `modified_request := TEXT "was the original request." ( TEXT "was authorized by the Claims
/// Administrator." "The remaining IMR eligible portion of the original request," TEXT "is"? |
/// "The Claims Administrator authorized" TEXT ", leaving the original request IMR eligible."
/// "The original request," TEXT "is"? )`, given the text before and after the first "was the
/// original request." (which [`header_text`] finds). Returns the modification and the disputed
/// treatment.
fn modified_request<'a>(x: Input<'a>, rest: Input<'a>) -> Option<(Modification<'a>, Text<'a>)> {
    if x.fragment().trim().is_empty() || has_inner_line_ending_with(x.fragment(), &['.', ':']) {
        return None;
    }
    let rest = trim_start_by(rest, is_ws);
    let (y, z) = if let Some(n) = match_phrase(rest.fragment(), CA_AUTHORIZED) {
        let (y, _, after) = find_phrase(split_at(rest, n).0, LEAVING)?;
        let after = trim_start_by(after, is_ws);
        let n = match_phrase(after.fragment(), THE_ORIGINAL)?;
        (y, split_at(after, n).0)
    } else {
        let (y, _, after) = find_phrase(rest, AUTHORIZED_BY)?;
        let after = trim_start_by(after, is_ws);
        let n = match_phrase(after.fragment(), REMAINING)?;
        (y, split_at(after, n).0)
    };
    let z = strip_trailing_is(z);
    let (y, z) = (text(y), text(z));
    if y.is_empty() || z.is_empty() {
        return None;
    }
    Some((
        Modification {
            original_request: text(x),
            authorized: y,
        },
        z,
    ))
}

/// `TEXT "is"?`: the disputed treatment without the closing "is" of "Z is: Upheld".
fn strip_trailing_is(z: Input<'_>) -> Input<'_> {
    let t = trim_end_by(z, is_ws);
    let s = t.fragment();
    if s.len() > 3 && s.ends_with("is") && s[..s.len() - 2].ends_with(is_ws) {
        return prefix(t, s.len() - 2);
    }
    t
}

/// A structural mark found while scanning the section.
enum Mark<'a> {
    Header(Header<'a>),
    Label {
        kind: LabelKind,
        label: Input<'a>,
        /// The label is a misspelling of `kind`'s.
        misspelt: bool,
        /// The text after the label, to the next mark.
        content: Input<'a>,
    },
}

/// `issues_section := issues_intro item*`: the body of the section, without its heading.
pub(crate) fn issues_section<'a>(
    body: Input<'a>,
    heading: Span,
    index: &LineIndex<'a>,
    diags: &mut Sink<'_>,
) -> Vec<Item<'a>> {
    let body = skip_noise(body);
    let marks = scan_marks(body, index);
    let before = marks.first().map_or(body, |(at, _)| between(body, *at));
    if find_phrase(before, ISSUES_INTRO).is_none() {
        diags.push(
            Diagnostic::new(
                Code::MissingBoilerplate,
                "the issues section does not open with the template's sentence",
            )
            .with_label(heading, "section starts here")
            .with_help(format!("expected \"{ISSUES_INTRO}\"")),
        );
    }
    let items = assemble(marks, diags);
    if items.is_empty() {
        diags.push(
            Diagnostic::new(Code::MissingItems, "the letter decides no disputed item")
                .with_label(heading, "no item in this section")
                .with_help(
                    "expected items such as \"TREATMENT: Upheld\" followed by \
                     \"Claims Administrator guideline:\", \"MAXIMUS guideline:\" and \"Decision rationale:\"",
                ),
        );
    }
    items
}

/// One line of the issues section, classified once.
struct LineInfo {
    /// Byte offset of the line's start in the letter.
    offset: usize,
    kind: LineKind,
    /// The label line that a header's lines running on through this one would reach, and how
    /// many text lines that takes: the next label line, unless a text line follows a paragraph
    /// separator before it (a header does not run across a paragraph).
    label_ahead: Option<(usize, usize)>,
}

#[derive(Clone, Copy)]
enum LineKind {
    /// Only whitespace; a paragraph separator when it holds a space.
    Blank { separator: bool },
    /// Starts with a guideline label, which ends at this byte offset of the letter; `true` when
    /// it is misspelt ([`misspelt_label`]).
    Label(LabelKind, usize, bool),
    /// Anything else.
    Text,
}

/// The section's lines, each classified as blank, label or text (a plain string scan: the
/// label is recognised with the phrases of [`guideline_label`], which parses it at the mark).
fn line_table(body: Input<'_>, index: &LineIndex<'_>) -> Vec<LineInfo> {
    let s = body.fragment();
    let mut lines = Vec::with_capacity(s.len() / 48 + 1);
    for (at, content) in index.lines_in(body.pos(), body.pos() + s.len()) {
        // Most lines start with a word: not blank.
        let starts_word = content
            .as_bytes()
            .first()
            .is_some_and(u8::is_ascii_alphanumeric);
        let kind = if !starts_word && trim_start_with(content, is_ws).is_empty() {
            LineKind::Blank {
                separator: is_paragraph_separator(content),
            }
        } else if LABEL_INITIALS.may_start(content) {
            // A label on one line: a line break inside it does not make one.
            match guideline_label(prefix(seek(body, at), content.len())) {
                Ok((rest, (kind, _))) => LineKind::Label(kind, rest.pos(), false),
                Err(_) => match misspelt_label(content) {
                    Some((kind, len)) => LineKind::Label(kind, at + len, true),
                    None => LineKind::Text,
                },
            }
        } else {
            LineKind::Text
        };
        lines.push(LineInfo {
            offset: at,
            kind,
            label_ahead: None,
        });
    }
    // From the end: the label ahead of each line, and the one ahead once a separator was
    // passed (no text line may come before the label then).
    let (mut ahead, mut ahead_past_separator) = (None, None);
    for (k, line) in lines.iter_mut().enumerate().rev() {
        match line.kind {
            LineKind::Label(..) => {
                ahead = Some((k, 0));
                ahead_past_separator = ahead;
            }
            LineKind::Text => {
                ahead = ahead.map(|(l, n)| (l, n + 1));
                ahead_past_separator = None;
            }
            LineKind::Blank { separator: true } => ahead = ahead_past_separator,
            LineKind::Blank { separator: false } => {}
        }
        line.label_ahead = ahead;
    }
    lines
}

/// Scans the section line by line for guideline labels and item headers. Each mark comes with
/// the input at its start.
fn scan_marks<'a>(body: Input<'a>, index: &LineIndex<'a>) -> Vec<(Input<'a>, Mark<'a>)> {
    let lines = line_table(body, index);
    // A mark is a label or the header before one: at most two per label line.
    let labels = lines
        .iter()
        .filter(|l| matches!(l.kind, LineKind::Label(..)))
        .count();
    let mut marks: Vec<(Input<'_>, Mark<'_>)> = Vec::with_capacity(2 * labels);
    let mut ctx = Context::Free;
    let mut i = 0;
    while let Some(l) = lines.get(i) {
        match l.kind {
            LineKind::Blank { .. } => i += 1,
            LineKind::Label(kind, end, misspelt) => {
                let at = seek(body, l.offset);
                let rest = seek(body, end);
                // The label without the whitespace before it, as `guideline_label` gave it.
                let label = trim_start_by(between(at, rest), is_ws);
                end_content(&mut marks, at);
                marks.push((
                    at,
                    Mark::Label {
                        kind,
                        label,
                        misspelt,
                        content: rest,
                    },
                ));
                ctx = if kind == LabelKind::Rationale {
                    Context::Free
                } else {
                    Context::Guideline
                };
                i += 1;
            }
            LineKind::Text => match item_header(&lines, i, ctx, body) {
                Ok((label_line, header)) => {
                    let at = seek(body, l.offset);
                    end_content(&mut marks, at);
                    marks.push((at, Mark::Header(header)));
                    ctx = Context::Free;
                    i = label_line;
                }
                Err(no_header_before) => {
                    i += 1;
                    while lines.get(i).is_some_and(|l| l.offset < no_header_before) {
                        i += 1;
                    }
                }
            },
        }
    }
    let end = seek(body, body.pos() + body.fragment().len());
    end_content(&mut marks, end);
    marks
}

/// Ends the content of the last label (if the last mark is one) at `at`.
fn end_content<'a>(marks: &mut [(Input<'a>, Mark<'a>)], at: Input<'a>) {
    if let Some((_, Mark::Label { content, .. })) = marks.last_mut() {
        *content = between(*content, at);
    }
}

/// Builds items from the marks, reporting missing and misplaced labels.
fn assemble<'a>(marks: Vec<(Input<'a>, Mark<'a>)>, diags: &mut Sink<'_>) -> Vec<Item<'a>> {
    // Most items have three labels and a header.
    let mut items: Vec<Item<'a>> = Vec::with_capacity(marks.len() / 4 + 1);
    let mut open: Option<(Item<'a>, Option<LabelKind>)> = None;
    for (at, mark) in marks {
        match mark {
            Mark::Header(h) => {
                if let Some(done) = open.take() {
                    items.push(finish(done.0, diags));
                }
                if h.modification.is_none() && altered_modification(h.treatment.raw()) {
                    diags.push(
                        Diagnostic::new(
                            Code::MissingBoilerplate,
                            "the item header reads like a modified request, but its wording is \
                             not the template's",
                        )
                        .with_label(h.treatment.span, "read whole as the treatment")
                        .with_help(format!(
                            "expected \"X {ORIGINAL} Y {AUTHORIZED_BY} {REMAINING} Z: Upheld\" or \
                             \"X {ORIGINAL} {CA_AUTHORIZED} Y{LEAVING} {THE_ORIGINAL} Z is: Upheld\""
                        )),
                    );
                }
                if h.decision.is_none() {
                    let w = h.decision_word.text();
                    let suggestion = nearest(&w, &[UPHELD, OVERTURNED]);
                    diags.push(
                        Diagnostic::new(
                            Code::UnknownDecision,
                            format!("`{w}` is not a decision"),
                        )
                        .with_label(h.decision_word.span, "unknown decision")
                        .with_help(format!(
                            "a decision is `Upheld` or `Overturned`; did you mean `{suggestion}`?"
                        )),
                    );
                }
                let item = Item {
                    span: h.span,
                    treatment: h.treatment,
                    modification: h.modification,
                    decision: h.decision.map(|value| Decision {
                        value,
                        span: h.decision_word.span,
                    }),
                    ..Item::default()
                };
                open = Some((item, None));
            }
            Mark::Label {
                kind,
                label,
                misspelt,
                content,
            } => {
                let label_span = text(label).span;
                if misspelt {
                    diags.push(Diagnostic::misspelt_label(
                        kind.as_str(),
                        label_span,
                        "text",
                    ));
                }
                // A guideline label after a rationale starts an item whose header is missing.
                let ended = matches!(open, Some((_, Some(LabelKind::Rationale))));
                if ended
                    && kind != LabelKind::Rationale
                    && let Some(done) = open.take()
                {
                    items.push(finish(done.0, diags));
                }
                let (item, last) = open.get_or_insert_with(|| {
                    diags.push(
                        Diagnostic::new(
                            Code::MissingItemHeader,
                            format!("`{}` has no item header before it", kind.as_str()),
                        )
                        .with_label(label_span, "label without an item")
                        .with_help(
                            "expected an item header such as \"MRI of the right shoulder: Upheld\" \
                             (treatment, colon, Upheld or Overturned) on the lines before",
                        ),
                    );
                    let item = Item {
                        span: Span::bytes(at.pos(), at.pos()),
                        treatment: Text::new("", label_span.start),
                        ..Item::default()
                    };
                    (item, None)
                });
                if last.is_some_and(|l| l >= kind) {
                    diags.push(
                        Diagnostic::new(
                            Code::LabelOrder,
                            format!("`{}` is out of order or repeated", kind.as_str()),
                        )
                        .with_label(label_span, "misplaced label")
                        .with_help(
                            "each item has \"Claims Administrator guideline:\", \
                             \"MAXIMUS guideline:\" and \"Decision rationale:\", once each, in that order",
                        ),
                    );
                }
                *last = Some(kind);
                let t = text(content);
                if !t.is_empty() {
                    item.span.end = item.span.end.max(t.span.end);
                } else {
                    item.span.end = item.span.end.max(label_span.end);
                }
                match kind {
                    LabelKind::ClaimsAdministrator => {
                        if item.claims_administrator_guideline.is_none() {
                            item.claims_administrator_guideline =
                                Some(guideline_body(content, diags));
                        }
                    }
                    LabelKind::Maximus => {
                        if item.maximus_guideline.is_none() {
                            item.maximus_guideline = Some(guideline_body(content, diags));
                        }
                    }
                    LabelKind::Rationale => {
                        if item.rationale.is_none() && !t.is_empty() {
                            item.rationale = Some(t);
                        }
                    }
                }
            }
        }
    }
    if let Some(done) = open.take() {
        items.push(finish(done.0, diags));
    }
    items
}

/// Reports the labels an item lacks, and lints its rationale against its decision.
fn finish<'a>(item: Item<'a>, diags: &mut Sink<'_>) -> Item<'a> {
    let at = item.treatment.span;
    // Normalised only for a diagnostic: most items have none.
    let name = || item.treatment.text();
    for (present, label) in [
        (
            item.claims_administrator_guideline.is_some(),
            LabelKind::ClaimsAdministrator,
        ),
        (item.maximus_guideline.is_some(), LabelKind::Maximus),
    ] {
        if !present {
            let d = Diagnostic::new(
                Code::MissingGuideline,
                format!("item `{}` has no `{}`", name(), label.as_str()),
            )
            .with_label(at, "item without this guideline");
            diags.push(with_near_miss(d, &item, label, "after the item header"));
        }
    }
    match &item.rationale {
        None => {
            let d = Diagnostic::new(
                Code::MissingRationale,
                format!("item `{}` has no decision rationale", name()),
            )
            .with_label(at, "item without a rationale");
            diags.push(with_near_miss(
                d,
                &item,
                LabelKind::Rationale,
                "and its text after the MAXIMUS guideline",
            ));
        }
        Some(r) => {
            if let (Some(d), Some(concl)) = (item.decision, conclusion(r.raw())) {
                let mismatch = match d.value {
                    DecisionValue::Upheld => concl.necessary,
                    DecisionValue::Overturned => !concl.necessary,
                };
                if mismatch {
                    let start = r.span.start + concl.offset;
                    diags.push(
                        Diagnostic::new(
                            Code::DecisionRationaleMismatch,
                            format!(
                                "item `{}` is {} but its rationale concludes the request is {}medically necessary",
                                name(),
                                d.value.as_str(),
                                if concl.necessary { "" } else { "not " }
                            ),
                        )
                        .with_label(d.span, "decision")
                        .with_label(
                            Span::bytes(start, start + concl.len),
                            "conclusion",
                        )
                        .with_help(format!(
                            "an {} item's rationale concludes the request is {}medically necessary; \
                             check the decision or the rationale",
                            d.value.as_str(),
                            if d.value == DecisionValue::Upheld { "not " } else { "" }
                        )),
                    );
                }
            }
        }
    }
    item
}

/// Adds to a missing-label diagnostic a label on a misspelling of the label in the item's
/// text, if there is one, or the help saying where the label was expected.
fn with_near_miss(d: Diagnostic, item: &Item<'_>, label: LabelKind, place: &str) -> Diagnostic {
    let texts = [
        item.claims_administrator_guideline.as_ref().map(|g| g.text),
        item.maximus_guideline.as_ref().map(|g| g.text),
        item.rationale,
    ];
    let miss = texts
        .iter()
        .flatten()
        .find_map(|t| near_miss(t.raw(), t.span.start, label.as_str()));
    match miss {
        Some(at) => d
            .with_label(at, "a misspelt label?")
            .with_help(format!("did you mean \"{}\"?", label.as_str())),
        None => d.with_help(format!(
            "expected a line starting \"{}\" {place}",
            label.as_str()
        )),
    }
}

/// The conclusion of a rationale: whether it finds the request medically necessary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Conclusion {
    pub necessary: bool,
    /// Byte offset and length, in the rationale, of the words that say so.
    pub offset: usize,
    pub len: usize,
}

/// Whether `w` is `lower`, lower-case ASCII letters, in any case: an ASCII letter's cases differ
/// only in bit 0x20, which makes no other byte a lower-case letter.
fn is_letters(w: &[u8], lower: &[u8]) -> bool {
    w.len() == lower.len() && w.iter().zip(lower).all(|(&c, &l)| c | 0x20 == l)
}

/// Where the word of `s` that ends at `end` starts: after the whitespace before it, or at 0.
fn word_start(s: &str, end: usize) -> usize {
    let b = s.as_bytes();
    let mut i = end;
    // Only a space, an ASCII control or a non-ASCII character can be whitespace. The bytes
    // after the one found are ASCII, so it ends a character.
    while let Some(j) = b[..i].iter().rposition(|&c| c <= b' ' || !c.is_ascii()) {
        let (ws, len) = match b[j] {
            c if c.is_ascii() => (is_ws(char::from(c)), 1),
            _ => s[..=j]
                .chars()
                .next_back()
                .map_or((false, 1), |c| (is_ws(c), c.len_utf8())),
        };
        if ws {
            return j + 1;
        }
        i = j + 1 - len;
    }
    0
}

/// Whether a character is punctuation around a word: neither a letter, a digit, '-' nor '\''.
fn is_punctuation(c: char) -> bool {
    !c.is_alphanumeric() && c != '-' && c != '\''
}

/// A word without the punctuation around it.
fn bare(w: &str) -> &str {
    // Most words have none: an ASCII letter or digit at an end needs no trimming.
    let kept = |c: &u8| c.is_ascii_alphanumeric() || *c == b'-' || *c == b'\'';
    let w = match w.as_bytes().first() {
        Some(c) if kept(c) => w,
        _ => trim_start_with(w, is_punctuation),
    };
    match w.as_bytes().last() {
        Some(c) if kept(c) => w,
        _ => trim_end_with(w, is_punctuation),
    }
}

/// Whether a word, without the punctuation around it, is "not", "never", "cannot", "neither",
/// "nor" or ends in "n't". All have an "n": the words without one are not read further.
fn is_negation(w: &str) -> bool {
    if !w.bytes().any(|c| c == b'n' || c == b'N') {
        return false;
    }
    let w = bare(w).as_bytes();
    ["not", "never", "cannot", "neither", "nor"]
        .iter()
        .any(|n| is_letters(w, n.as_bytes()))
        || w.len() >= 3 && w[w.len() - 3..].eq_ignore_ascii_case(b"n't")
}

/// Whether whitespace at `at` in `s` is followed by the word "necessary" or "unnecessary", with
/// only punctuation around it: then where "necessary" ends, and whether it is "unnecessary".
fn necessary_after(s: &str, at: usize) -> Option<(usize, bool)> {
    const NECESSARY: &[u8] = b"necessary";
    // Punctuation within a word, which ends at whitespace.
    let inner = |c: char| is_punctuation(c) && !is_ws(c);
    let word = skip_ws(s, at);
    if word == at {
        return None;
    }
    // The rest of `s` from the word's first letter.
    let w = trim_start_with(&s[word..], inner).as_bytes();
    let unnecessary = w.len() >= 2 && is_letters(&w[..2], b"un");
    let w = if unnecessary { &w[2..] } else { w };
    if !(w.len() >= NECESSARY.len() && is_letters(&w[..NECESSARY.len()], NECESSARY)) {
        return None;
    }
    let end = s.len() - w.len() + NECESSARY.len();
    trim_start_with(&s[end..], inner)
        .chars()
        .next()
        .is_none_or(is_ws)
        .then_some((end, unnecessary))
}

/// Reads the last "medically necessary" of a rationale: negated when one of the four words
/// before it, in the same sentence, is "not" (or it is written "not-medically" or "medically
/// unnecessary"). Returns `None` when the rationale has no such phrase, so the lint says nothing
/// on the long tail of wordings.
pub(crate) fn conclusion(rationale: &str) -> Option<Conclusion> {
    const MEDICALLY: &[u8] = b"medically";
    let s = rationale;
    let bytes = s.as_bytes();
    // The last "medically" (maybe "not-medically") followed by "necessary" or "unnecessary",
    // going back from one "m" to the one before. Positions are bytes of `s`.
    let mut end = bytes.len().checked_sub(MEDICALLY.len())? + 1;
    let (at, end, unnecessary) = loop {
        let i = memchr::memrchr2(b'm', b'M', &bytes[..end])?;
        // `i + MEDICALLY.len() <= bytes.len()`, since the search ends before that.
        if is_letters(&bytes[i..i + MEDICALLY.len()], MEDICALLY)
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
        {
            // "medically" is ASCII, so it ends a character.
            if let Some((end, unnecessary)) = necessary_after(s, i + MEDICALLY.len()) {
                break (i, end, unnecessary);
            }
        }
        end = i;
    };
    // The word holding "medically"; "medically" ends it, so only its start is bare.
    let word_start = word_start(s, at);
    let mut negated = unnecessary
        || word_start < at && {
            let prefix = trim_start_with(&s[word_start..at], is_punctuation).as_bytes();
            prefix.len() >= 4 && prefix[..4].eq_ignore_ascii_case(b"not-")
        };
    // Up to four words before it, in the same sentence.
    let mut first = word_start;
    for _ in 0..4 {
        let end = trim_end_with(&s[..first], is_ws).len();
        if end == 0 || matches!(bytes[end - 1], b'.' | b';' | b'?' | b'!') {
            break;
        }
        let start = self::word_start(s, end);
        negated |= is_negation(&s[start..end]);
        first = start;
    }
    Some(Conclusion {
        necessary: !negated,
        offset: first,
        len: end - first,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lex::letter_input;

    fn header(s: &str) -> Option<Header<'_>> {
        let input = letter_input(s);
        let lines = line_table(input, &LineIndex::new(s));
        item_header(&lines, 0, Context::Free, input)
            .ok()
            .map(|(_, h)| h)
    }

    #[test]
    fn an_altered_modified_request_is_read_whole_and_flagged() {
        for (region, altered) in [
            ("Acupuncture, QTY: 8: Upheld", false),
            ("Lidopro 4%-27.5%-0.0325% 121gm #1: Upheld", false),
            (
                "Acupuncture 12 visits was the orignal request. Acupuncture 6 visits was \
                 authorized by the Claims Administrator. The remaining IMR eligible portion of \
                 the original request, Acupuncture 6 visits is: Upheld",
                true,
            ),
            (
                "Acupuncture 12 visits was the original request. The Claims Administrator \
                 authorised Acupuncture 6 visits, leaving the original request IMR eligible. \
                 The original request, Acupuncture 12 visits is: Upheld",
                true,
            ),
        ] {
            let h = header_text(letter_input(region)).expect(region);
            assert!(h.modification.is_none(), "{region}");
            assert_eq!(altered_modification(h.treatment.raw()), altered, "{region}");
        }
    }

    #[test]
    fn plain_header_with_colons() {
        let h =
            header("Acupuncture, QTY: 8:  Upheld \n \nClaims Administrator guideline: x").unwrap();
        assert_eq!(h.treatment.text(), "Acupuncture, QTY: 8");
        assert_eq!(h.decision, Some(DecisionValue::Upheld));
    }

    #[test]
    fn wrapped_header_with_decision_alone() {
        let h = header("MRI of the right shoulder\nwithout contrast:\n\nOverturned\nClaims Administrator guideline: x").unwrap();
        assert_eq!(
            h.treatment.text(),
            "MRI of the right shoulder without contrast"
        );
        assert_eq!(h.decision, Some(DecisionValue::Overturned));
    }

    #[test]
    fn rationale_sentence_is_not_a_header() {
        assert!(
            header(
                "is not medically\nnecessary.\nValium: Upheld\nClaims Administrator guideline: x"
            )
            .is_none()
        );
        assert!(header("necessary.\nClaims Administrator guideline: x").is_none());
    }

    #[test]
    fn modified_request_first_wording() {
        let h = header(
            "Cyclobenzaprine 7.5mg #90 was the original request. Cyclobenzaprine 7.5mg #63 was \n\n\
             authorized by the Claims Administrator. The remaining IMR eligible portion of the \n\
             original request, Cyclobenzaprine 7.5mg #27 is: Upheld \n \nClaims Administrator guideline: x",
        )
        .unwrap();
        let m = h.modification.unwrap();
        assert_eq!(m.original_request.text(), "Cyclobenzaprine 7.5mg #90");
        assert_eq!(m.authorized.text(), "Cyclobenzaprine 7.5mg #63");
        assert_eq!(h.treatment.text(), "Cyclobenzaprine 7.5mg #27");
    }

    #[test]
    fn modified_request_second_wording() {
        let h = header(
            "Norco 10/325mg #120 was the original request.\nThe Claims Administrator authorized Norco 10/325mg #60, leaving the original request IMR eligible.\n\
             The original request, Norco 10/325mg #120 is: Overturned\nClaims Administrator guideline: x",
        )
        .unwrap();
        let m = h.modification.unwrap();
        assert_eq!(m.authorized.text(), "Norco 10/325mg #60");
        assert_eq!(h.treatment.text(), "Norco 10/325mg #120");
    }

    #[test]
    fn word_runs() {
        for s in [
            "",
            "a",
            "ab cd",
            "ab\u{a0}cd",
            "é ü",
            "x é\u{2003}ñú",
            "a b ",
            "é",
            " \u{3000}é",
            "a\u{1}b\u{85}c\x0bd",
        ] {
            let last_start = s
                .rfind(is_ws)
                .map_or(0, |j| j + s[j..].chars().next().unwrap().len_utf8());
            assert_eq!(word_start(s, s.len()), last_start, "{s:?}");

            let leading = s.len() - s.trim_start().len();
            assert_eq!(skip_ws(s, 0), leading, "{s:?}");
        }
    }

    #[test]
    fn letters_in_any_case() {
        for c in 0..=u8::MAX {
            for l in b'a'..=b'z' {
                assert_eq!(
                    is_letters(&[c], &[l]),
                    c.eq_ignore_ascii_case(&l),
                    "{c} {l}"
                );
            }
        }
        assert!(is_letters(b"MedicaLLy", b"medically"));
        assert!(!is_letters(b"medical", b"medically"));
    }

    #[test]
    fn conclusions() {
        let c = |s| conclusion(s).map(|c| c.necessary);
        assert_eq!(
            c("As such, the request is not medically necessary."),
            Some(false)
        );
        assert_eq!(
            c("Therefore the request is medically necessary."),
            Some(true)
        );
        assert_eq!(
            c("is determined to be not medically\n\nnecessary."),
            Some(false)
        );
        assert_eq!(c("the request is medically\r\nunnecessary."), Some(false));
        assert_eq!(
            c("The request is determined to not be medically necessary."),
            Some(false)
        );
        assert_eq!(c("is not-medically necessary"), Some(false));
        assert_eq!(
            c("the quantity requested cannot be deemed medically necessary without"),
            Some(false)
        );
        assert_eq!(c("Weaning is recommended."), None);
        assert_eq!(c("medically necessary"), Some(true));
        assert_eq!(c("not medically\u{2003}necessary"), Some(false));
        assert_eq!(c("it isn't medically necessaryé"), None);
        assert_eq!(c("is not medically necessary-"), None);
        assert_eq!(c("Never. It is medically \"necessary\""), Some(true));
        let at = |s| conclusion(s).map(|c| (c.offset, c.len));
        let s = "Thus, it is not medically necessary.";
        assert_eq!(at(s), Some((0, s.len() - 1)));
        let s = "No. It is not (Medically NECESSARY\u{2026} per MTUS";
        assert_eq!(at(s), Some((4, 30)));
        assert_eq!(at("is not (Medically) necessary"), None);
    }
}
