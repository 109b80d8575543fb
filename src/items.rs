//! `IMR ISSUES, DECISIONS AND RATIONALES`: the disputed items.
//!
//! The section's lines are read as tokens ([`issues_section`]): at each line a guideline label
//! or an item header may start, and a label's text runs to the next of them. An item header is
//! a run of text lines right before a label whose text is a treatment, a colon and a decision
//! ([`header_text`], an in-line grammar over the located text). Items are then assembled from
//! these marks ([`assemble`]), which reports what is missing or misplaced.

use nom::{
    Parser,
    branch::alt,
    bytes::complete::{take_while, take_while1},
    character::complete::char,
    combinator::{all_consuming, eof, map, map_opt, not, opt, peek, recognize, verify},
    multi::{fold_many0, many0, many0_count},
    sequence::{delimited, pair, preceded, terminated},
};

use crate::ast::{Decision, DecisionValue, Item, Modification, ModificationForm};
use crate::citation::guideline_body;
use crate::diagnostic::{Code, Diagnostic};
use crate::lex::tokens::{TResult, Tokens, text_run, token};
use crate::lex::{
    Expected, Input, LineKind, PResult, Pos, Token, find_phrase, has_inner_line_ending_with,
    last_colon, letter_input, near_miss, nearest, phrase, take_until_phrase, text, trim_end_by, ws,
};
use crate::sink::ErrorSink;
use crate::span::{Span, Text, is_ws};
pub(crate) use crate::template::LabelKind;
use crate::template::modified::{
    AUTHORIZED_BY, CA_AUTHORIZED, LEAVING, ORIGINAL, PHRASES, REMAINING, THE_ORIGINAL,
};
use crate::template::{ISSUES_INTRO, OVERTURNED, UPHELD};

/// The most bytes an item header may take: a modified request names three treatments.
pub(crate) const MAX_HEADER_BYTES: usize = 1200;

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

/// A structural mark of the section: an item header, or a label and its text.
enum Mark<'a> {
    Header(Header<'a>),
    Label(LabelMark<'a>),
}

/// A label found in the section, and its text.
struct LabelMark<'a> {
    kind: LabelKind,
    /// The label's text.
    label: Input<'a>,
    /// The label is a misspelling of `kind`'s.
    misspelt: bool,
    /// The text after the label, to the next mark.
    content: Input<'a>,
    /// Where the label's line starts.
    at: usize,
}

/// What may follow a header for it to count: in a rationale any guideline label (so that an
/// item missing its first guideline is still found), and an unknown decision word only before
/// the `Claims Administrator guideline:` label.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    /// Reading free text (a rationale, or before the first item).
    Free,
    /// Reading a guideline's text: only a header with a known decision counts.
    Guideline,
}

/// The body of the section, without its heading.
///
/// ```text
/// issues_section = issues_intro , { item } ;
/// item           = item_header , ca_guideline , maximus_guideline , rationale ;
/// ```
pub(crate) fn issues_section<'a>(
    body: Tokens<'_, 'a>,
    heading: Span,
    diags: &mut dyn ErrorSink,
) -> Vec<Item<'a>> {
    let (body, intro) = issues_intro(body);
    let marks = marks(body).map_or_else(|_| Vec::new(), |(_, (_, marks))| marks);
    if intro.is_none() {
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
                .with_help(format!(
                    "expected items such as \"TREATMENT: {UPHELD}\" followed by \"{}\", \"{}\" \
                     and \"{}\"",
                    LabelKind::ClaimsAdministrator.as_str(),
                    LabelKind::Maximus.as_str(),
                    LabelKind::Rationale.as_str()
                )),
        );
    }
    items
}

/// The lines of the section's fixed first sentence, when it is there before the first label
/// (the rest of the section is then read after them, so that the sentence, which ends with a
/// colon, is never read as part of an item header).
///
/// ```text
/// issues_intro = "The Final Determination was based on decisions for the disputed
///                 items/services set forth below:" ;
/// ```
fn issues_intro<'t, 'a: 't>(input: Tokens<'t, 'a>) -> (Tokens<'t, 'a>, Option<Input<'a>>) {
    let mut before_label =
        take_while::<_, _, ()>(|t: &Token<'a>| !matches!(t.kind, LineKind::Label { .. }));
    let Ok((_, head)) = before_label.parse(input) else {
        return (input, None);
    };
    let Some((_, intro, _)) = find_phrase(head.text(), ISSUES_INTRO) else {
        return (input, None);
    };
    let end = intro.pos() + intro.fragment().len();
    let mut lines = take_while::<_, _, ()>(|t: &Token<'a>| t.line.pos() < end);
    match lines.parse(input) {
        Ok((rest, _)) => (rest, Some(intro)),
        Err(_) => (input, Some(intro)),
    }
}

/// The marks of the section, in order, after the text before the first of them.
///
/// ```text
/// marks = content(free) , [ item_header(free) ] , { label , content(ctx) , [ item_header(ctx) ] } ;
/// ```
#[allow(clippy::type_complexity)]
fn marks<'t, 'a: 't>(input: Tokens<'t, 'a>) -> TResult<'t, 'a, (Tokens<'t, 'a>, Vec<Mark<'a>>)> {
    let labelled = |input| {
        let (rest, (kind, misspelt, t)) = label(input)?;
        let ctx = match kind {
            LabelKind::Rationale => Context::Free,
            _ => Context::Guideline,
        };
        let (rest, (content, header)) = pair(content(ctx), opt(item_header(ctx))).parse(rest)?;
        let (label, after) = label_parts(t);
        let content = content.text_after(after);
        let mark = Mark::Label(LabelMark {
            kind,
            label,
            misspelt,
            content,
            at: t.line.pos(),
        });
        Ok((rest, (mark, header)))
    };
    map(
        pair(
            pair(content(Context::Free), opt(item_header(Context::Free))),
            many0(labelled),
        ),
        |((intro, first), rest)| {
            let marks = first
                .map(Mark::Header)
                .into_iter()
                .chain(rest.into_iter().flat_map(|(label, header)| {
                    std::iter::once(label).chain(header.map(Mark::Header))
                }))
                .collect();
            (intro, marks)
        },
    )
    .parse(input)
}

/// The lines up to the next mark: a label, or a header that counts in `ctx`.
///
/// ```text
/// content(ctx) = { token - label - item_header(ctx) } ;
/// ```
fn content<'t, 'a: 't>(ctx: Context) -> impl Fn(Tokens<'t, 'a>) -> TResult<'t, 'a, Tokens<'t, 'a>> {
    move |input| {
        let line = preceded(
            not(alt((map(label, |_| ()), map(item_header(ctx), |_| ())))),
            token(|_| true),
        );
        recognize(fold_many0(line, || (), |(), _| ())).parse(input)
    }
}

/// An item label at the start of a line, as written or misspelt: its kind, whether it is
/// misspelt, and its token.
///
/// ```text
/// label = "Claims Administrator guideline:" | "MAXIMUS guideline:" | "Decision rationale:"
///       | misspelt_label ;
/// ```
fn label<'t, 'a: 't>(input: Tokens<'t, 'a>) -> TResult<'t, 'a, (LabelKind, bool, &'t Token<'a>)> {
    map_opt(token(|_| true), |t: &'t Token<'a>| match t.kind {
        LineKind::Label { kind, misspelt, .. } => Some((kind, misspelt, t)),
        _ => None,
    })
    .parse(input)
}

/// A label token's label text (without the whitespace before it) and the rest of its line.
fn label_parts<'a>(t: &Token<'a>) -> (Input<'a>, Input<'a>) {
    let end = match t.kind {
        LineKind::Label { end, .. } => end,
        _ => t.line.pos(),
    };
    let (after, label) = crate::lex::split_at(t.line, end - t.line.pos());
    (crate::lex::trim_start_by(label, is_ws), after)
}

/// An item header: a run of text lines right before a label or the end of the section (no
/// paragraph separator between them, at most [`MAX_HEADER_BYTES`]), starting on a line that
/// may open a paragraph ([`Token::opens`]), whose text is a header ([`header_text`]). A header
/// with a known decision counts anywhere (at the end of the section, it is that of a letter cut
/// short after it); one with another decision word counts only before the `Claims
/// Administrator guideline:` label, outside a guideline's text (`ctx`).
///
/// ```text
/// item_header(ctx) = &opening_line , text_run(1200) , { blank } , ( &label | EOF ) ;
/// ```
fn item_header<'t, 'a: 't>(ctx: Context) -> impl Fn(Tokens<'t, 'a>) -> TResult<'t, 'a, Header<'a>> {
    move |input| {
        let blank = token(|t: &Token<'_>| matches!(t.kind, LineKind::Blank { .. }));
        let opening = token(|t: &Token<'_>| t.kind == LineKind::Text && t.opens);
        let lines = preceded(peek(opening), text_run(MAX_HEADER_BYTES));
        let next = alt((
            map(peek(label), |(kind, ..)| Some(kind)),
            map(eof, |_| None),
        ));
        let (rest, (region, (_, next))) =
            pair(lines, pair(many0_count(blank), next)).parse(input)?;
        let header = header_text(region.text()).map_err(|_| nom::Err::Error(()))?;
        let counts = header.decision.is_some()
            || ctx == Context::Free && next == Some(LabelKind::ClaimsAdministrator);
        if counts {
            Ok((rest, header))
        } else {
            Err(nom::Err::Error(()))
        }
    }
}

/// The text of an item header.
///
/// ```text
/// header_text    = treatment_part , ":" , WS* , decision_word , [ "." ] ;
/// treatment_part = modified_request | TEXT ;
/// decision_word  = LETTER , { LETTER } ;
/// ```
///
/// The treatment is all the text before the last colon: "Acupuncture, QTY: 8: Upheld". A
/// plain treatment ends no sentence inside it, so a rationale's last lines are never read as
/// one; a modified request's sentences end where its fixed phrases end.
fn header_text(region: Input<'_>) -> Result<Header<'_>, ()> {
    let region = trim_end_by(region, is_ws);
    let (part, after) = last_colon(region).ok_or(())?;
    let (_, word) = decision_word(after).map_err(|_| ())?;
    let part = trim_end_by(part, is_ws);
    if part.fragment().trim().is_empty() {
        return Err(());
    }
    let (treatment, modification) = match modified_request(part) {
        Ok((_, (m, z))) => (z, Some(m)),
        Err(_) if has_inner_line_ending_with(part.fragment(), &['.']) => return Err(()),
        Err(_) => (text(part), None),
    };
    let decision_word = text(word);
    Ok(Header {
        span: Span::bytes(region.pos(), decision_word.span.end),
        treatment,
        modification,
        decision: decision_value(word.fragment()),
        decision_word,
    })
}

/// The decision word after the header's last colon: one word of letters, maybe closed by a
/// period, and nothing else.
fn decision_word(input: Input<'_>) -> PResult<'_, Input<'_>> {
    let word = verify(take_while1(char::is_alphabetic), |w: &Input<'_>| {
        w.fragment().len() <= 20
    });
    all_consuming(delimited(ws, word, terminated(opt(char('.')), ws))).parse(input)
}

/// The decision a word states (in any case).
///
/// ```text
/// decision = "Upheld" | "Overturned" ;
/// ```
pub(crate) fn decision_value(word: &str) -> Option<DecisionValue> {
    if word.eq_ignore_ascii_case(UPHELD) {
        Some(DecisionValue::Upheld)
    } else if word.eq_ignore_ascii_case(OVERTURNED) {
        Some(DecisionValue::Overturned)
    } else {
        None
    }
}

/// A modified request, in either of its two wordings: the modification and the disputed
/// treatment. Each of the three texts it holds (the original request, what was authorized, the
/// disputed part) ends no sentence inside it.
///
/// ```text
/// modified_request = TEXT , "was the original request." , ( first_form | second_form ) ;
/// first_form  = TEXT , "was authorized by the Claims Administrator." ,
///               "The remaining IMR eligible portion of the original request," , TEXT , [ "is" ] ;
/// second_form = "The Claims Administrator authorized" , TEXT ,
///               ", leaving the original request IMR eligible." ,
///               "The original request," , TEXT , [ "is" ] ;
/// ```
fn modified_request(input: Input<'_>) -> PResult<'_, (Modification<'_>, Text<'_>)> {
    let (rest, x) = terminated(take_until_phrase(ORIGINAL), phrase(ORIGINAL)).parse(input)?;
    let (z, (y, form)) = preceded(
        ws,
        alt((
            map(
                terminated(
                    take_until_phrase(AUTHORIZED_BY),
                    (phrase(AUTHORIZED_BY), ws, phrase(REMAINING)),
                ),
                |y| (y, ModificationForm::AuthorizedBy),
            ),
            map(
                delimited(
                    (phrase(CA_AUTHORIZED), ws),
                    take_until_phrase(LEAVING),
                    (phrase(LEAVING), ws, phrase(THE_ORIGINAL)),
                ),
                |y| (y, ModificationForm::ClaimsAdministratorAuthorized),
            ),
        )),
    )
    .parse(rest)?;
    let (_, z) = disputed(z)?;
    let sentence = |t: &Input<'_>| has_inner_line_ending_with(t.fragment(), &['.']);
    let (x, y) = (trimmed(x), trimmed(y));
    if x.is_empty() || y.is_empty() || z.is_empty() || sentence(&x) || sentence(&y) {
        return fail_at(input);
    }
    let modification = Modification {
        original_request: text(x),
        authorized: text(y),
        form,
    };
    Ok((rest, (modification, text(z))))
}

/// The disputed part of a modified request: its text without the closing "is" of "Z is:
/// Upheld", ending no sentence inside it.
fn disputed(input: Input<'_>) -> PResult<'_, Input<'_>> {
    let z = trimmed(input);
    let without_is = z
        .fragment()
        .strip_suffix("is")
        .filter(|s| s.len() > 1 && s.ends_with(is_ws))
        .map_or(z, |s| crate::lex::split_at(z, s.len()).1);
    let z = trimmed(without_is);
    if has_inner_line_ending_with(z.fragment(), &['.']) {
        return fail_at(input);
    }
    Ok((crate::lex::split_at(input, input.fragment().len()).0, z))
}

/// The input without the whitespace around it.
fn trimmed(input: Input<'_>) -> Input<'_> {
    crate::lex::trim_start_by(trim_end_by(input, is_ws), is_ws)
}

/// Fails at `input`.
fn fail_at<O>(input: Input<'_>) -> PResult<'_, O> {
    Err(nom::Err::Error(Expected {
        offset: input.pos(),
        what: "a modified request",
    }))
}

/// Whether the treatment of an item that is not a modified request holds one of its phrases:
/// a modified request with one of its fixed sentences altered (or misspelt), read whole as the
/// treatment. Tried on the headers of items only.
fn altered_modification(treatment: &str) -> bool {
    treatment.contains(['.', ':'])
        && PHRASES
            .iter()
            .any(|p| find_phrase(letter_input(treatment), p).is_some())
}

/// Builds items from the marks, reporting missing and misplaced labels: a label's text is
/// read as its part of the item.
///
/// ```text
/// ca_guideline      = "Claims Administrator guideline:" , guideline_body ;
/// maximus_guideline = "MAXIMUS guideline:" , guideline_body ;
/// rationale         = "Decision rationale:" , TEXT ;
/// ```
fn assemble<'a>(marks: Vec<Mark<'a>>, diags: &mut dyn ErrorSink) -> Vec<Item<'a>> {
    // Most items have three labels and a header.
    let items = Vec::with_capacity(marks.len() / 4 + 1);
    let (mut items, open) = marks
        .into_iter()
        .fold((items, None), |(mut items, open), mark| match mark {
            Mark::Header(h) => {
                items.extend(open.map(|(item, _)| finish(item, diags)));
                (items, Some((header_item(h, diags), None)))
            }
            Mark::Label(label) => {
                let open = add_label(open, &mut items, label, diags);
                (items, Some(open))
            }
        });
    items.extend(open.map(|(item, _)| finish(item, diags)));
    items
}

/// An item being assembled, and the last label it was given.
type Open<'a> = (Item<'a>, Option<LabelKind>);

/// The item a header opens, reporting an altered modified request and an unknown decision.
fn header_item<'a>(h: Header<'a>, diags: &mut dyn ErrorSink) -> Item<'a> {
    if h.modification.is_none() && altered_modification(h.treatment.raw()) {
        diags.push(
            Diagnostic::new(
                Code::MissingBoilerplate,
                "the item header reads like a modified request, but its wording is not the \
                 template's",
            )
            .with_label(h.treatment.span, "read whole as the treatment")
            .with_help(format!(
                "expected \"X {ORIGINAL} Y {AUTHORIZED_BY} {REMAINING} Z: {UPHELD}\" or \
                 \"X {ORIGINAL} {CA_AUTHORIZED} Y{LEAVING} {THE_ORIGINAL} Z is: {UPHELD}\""
            )),
        );
    }
    if h.decision.is_none() {
        let w = h.decision_word.text();
        let suggestion = nearest(&w, &[UPHELD, OVERTURNED]);
        diags.push(
            Diagnostic::new(Code::UnknownDecision, format!("`{w}` is not a decision"))
                .with_label(h.decision_word.span, "unknown decision")
                .with_help(format!(
                    "a decision is `{UPHELD}` or `{OVERTURNED}`; did you mean `{suggestion}`?"
                )),
        );
    }
    Item {
        span: h.span,
        treatment: h.treatment,
        modification: h.modification,
        decision: h.decision.map(|value| Decision {
            value,
            span: h.decision_word.span,
        }),
        ..Item::default()
    }
}

/// Gives a label's text to the open item, or to a new one when there is none or the open one
/// is done (a guideline label after its rationale starts an item whose header is missing),
/// reporting a misspelt, misplaced or repeated label. Returns the item still open.
fn add_label<'a>(
    open: Option<Open<'a>>,
    items: &mut Vec<Item<'a>>,
    mark: LabelMark<'a>,
    diags: &mut dyn ErrorSink,
) -> Open<'a> {
    let LabelMark {
        kind,
        label,
        misspelt,
        content,
        at,
    } = mark;
    let label_span = text(label).span;
    if misspelt {
        diags.push(Diagnostic::misspelt_label(
            kind.as_str(),
            label_span,
            "text",
        ));
    }
    let open = match open {
        Some((item, Some(LabelKind::Rationale))) if kind != LabelKind::Rationale => {
            items.push(finish(item, diags));
            None
        }
        open => open,
    };
    let (mut item, last) =
        open.unwrap_or_else(|| (headless_item(kind, label_span, at, diags), None));
    if last.is_some_and(|l| l >= kind) {
        diags.push(
            Diagnostic::new(
                Code::LabelOrder,
                format!("`{}` is out of order or repeated", kind.as_str()),
            )
            .with_label(label_span, "misplaced label")
            .with_help(format!(
                "each item has \"{}\", \"{}\" and \"{}\", once each, in that order",
                LabelKind::ClaimsAdministrator.as_str(),
                LabelKind::Maximus.as_str(),
                LabelKind::Rationale.as_str()
            )),
        );
    }
    fill(&mut item, kind, label_span, content, diags);
    (item, Some(kind))
}

/// An item for a label with no item header before it, reported.
fn headless_item<'a>(
    kind: LabelKind,
    label_span: Span,
    at: usize,
    diags: &mut dyn ErrorSink,
) -> Item<'a> {
    diags.push(
        Diagnostic::new(
            Code::MissingItemHeader,
            format!("`{}` has no item header before it", kind.as_str()),
        )
        .with_label(label_span, "label without an item")
        .with_help(format!(
            "expected an item header such as \"MRI of the right shoulder: {UPHELD}\" \
             (treatment, colon, {UPHELD} or {OVERTURNED}) on the lines before"
        )),
    );
    Item {
        span: Span::bytes(at, at),
        treatment: Text::new("", label_span.start),
        ..Item::default()
    }
}

/// Reads a label's text into its part of the item (the first of each kind is kept).
fn fill<'a>(
    item: &mut Item<'a>,
    kind: LabelKind,
    label_span: Span,
    content: Input<'a>,
    diags: &mut dyn ErrorSink,
) {
    let t = text(content);
    let end = if t.is_empty() {
        label_span.end
    } else {
        t.span.end
    };
    item.span.end = item.span.end.max(end);
    match kind {
        LabelKind::ClaimsAdministrator if item.claims_administrator_guideline.is_none() => {
            item.claims_administrator_guideline = Some(guideline_body(content, diags));
        }
        LabelKind::Maximus if item.maximus_guideline.is_none() => {
            item.maximus_guideline = Some(guideline_body(content, diags));
        }
        LabelKind::Rationale if item.rationale.is_none() && !t.is_empty() => {
            item.rationale = Some(t);
        }
        _ => {}
    }
}

/// Reports the labels an item lacks, and lints its rationale against its decision.
fn finish<'a>(item: Item<'a>, diags: &mut dyn ErrorSink) -> Item<'a> {
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
        Some(r) => crate::conclusion::check(r, item.decision, &item.treatment, diags),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lex::letter_input;
    use crate::span::skip_ws;

    fn header(s: &str) -> Option<Header<'_>> {
        let input = letter_input(s);
        let tokens = crate::lex::lex(input, &crate::span::LineIndex::new(s));
        item_header(Context::Free)(Tokens::new(&tokens, input))
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
    fn a_treatment_wrapped_after_its_own_colon_is_one_treatment() {
        let h = header(
            "Lidoderm patch 5% #30, DOS:\n11/11/2016:  Upheld\n \nClaims Administrator guideline: x",
        )
        .unwrap();
        assert_eq!(h.treatment.text(), "Lidoderm patch 5% #30, DOS: 11/11/2016");
        assert_eq!(h.decision, Some(DecisionValue::Upheld));
    }

    #[test]
    fn a_page_break_before_the_decision() {
        // A form feed is whitespace to the letter, though not to nom's multispace0.
        let h = header("Norco #60:\n\u{c}\n\u{a0}Overturned\nClaims Administrator guideline: x")
            .unwrap();
        assert_eq!(h.treatment.text(), "Norco #60");
        assert_eq!(h.decision, Some(DecisionValue::Overturned));
    }

    #[test]
    fn a_decision_may_end_with_a_period() {
        let h = header("Valium 5mg #30: Upheld.\nClaims Administrator guideline: x").unwrap();
        assert_eq!(h.treatment.text(), "Valium 5mg #30");
        assert_eq!(h.decision, Some(DecisionValue::Upheld));
    }

    #[test]
    fn a_rationale_quoting_a_modified_request_is_not_a_header() {
        let s = "Lidoderm #30 was the original request. Lidoderm #15 was authorized by the\n\
                 Claims Administrator. The remaining IMR eligible portion of the original\n\
                 request, Lidoderm #15 is not medically necessary.\n\
                 Valium 5mg #30: Upheld\n\
                 Claims Administrator guideline: x";
        assert!(header(s).is_none());
        let tail = &s[s.find("Valium").unwrap()..];
        let h = header(tail).unwrap();
        assert_eq!(h.treatment.text(), "Valium 5mg #30");
        assert!(h.modification.is_none());
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
            let leading = s.len() - s.trim_start().len();
            assert_eq!(skip_ws(s, 0), leading, "{s:?}");
        }
    }
}
