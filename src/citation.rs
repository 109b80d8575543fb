//! Guideline texts: the fixed sentences and the `Decision based on ...` citations.
//!
//! The grammar of section 7 of `grammar.md`, written in nom over [`Input`]: each production is
//! a function whose doc comment shows it, and the tree is built from what the productions
//! recognise. Whitespace (line and page breaks too) may stand between any two parts of a
//! production, so no rule depends on where a line ends. The searches some productions need
//! ("the text up to the next detail marker") are the lexer's ([`take_until_at`],
//! [`take_until_phrase`]).

use nom::{
    Parser,
    branch::alt,
    bytes::complete::{tag, take_till, take_while_m_n},
    character::complete::{char, one_of, satisfy},
    combinator::{iterator, map, map_opt, not, opt, peek, value},
    multi::{fold_many0, many_till, many0_count, separated_list1},
    sequence::{preceded, terminated},
};

use crate::ast::{Citation, Guideline, Source};
use crate::diagnostic::{Code, Diagnostic};
use crate::lex::{
    Expected, Initials, Input, PResult, any_phrase, between, comma_list, fail, hyphen_phrase,
    misspelling, phrase, rest, split_before, take_until_at, take_until_phrase, text, till, till1,
    trim_end_by, trim_start_by, ws, ws1,
};
use crate::sink::ErrorSink;
use crate::span::{Span, Text, is_ws};
use crate::template::MTUS_TITLES;
use crate::template::citation::{
    ACTORS, AND, DECISION_BASED_ON, DETAIL_MARKERS, GUIDELINES, MTUS, NO_EVIDENCE, NON_MTUS,
    OUTSIDE_MTUS, PAGE_AND, PAGE_WORDS,
};

/// Reads the text after a guideline label: its fixed sentences, then its citations. Text that
/// is neither ([`stray_text`]), and a sentence of a citation that opens with a misspelt
/// "Decision based on" ([`misspelt_opening`]), are reported.
///
/// ```text
/// guideline_body = preamble , { citation } ;
/// ```
pub(crate) fn guideline_body<'a>(body: Input<'a>, diags: &mut dyn ErrorSink) -> Guideline<'a> {
    let whole = text(body);
    let body = trim_end_by(trim_start_by(body, is_ws), is_ws);
    let (cited, pre) = preamble(body);
    let mut citations = Vec::new();
    let mut texts = iterator(cited, preceded(phrase(DECISION_BASED_ON), citation_text));
    for one in &mut texts {
        citation(one, &mut citations, diags);
    }
    // The citations run to the end: nothing is left after them.
    let _ = texts.finish();
    if !pre.fixed && citations.is_empty() && !whole.is_empty() {
        diags.push(no_statement(whole));
    } else if let Some(stray) = pre.stray {
        diags.push(stray_statement(stray));
    }
    Guideline {
        text: whole,
        no_evidence_cited: pre.no_evidence,
        citations,
    }
}

/// What the fixed sentences before the first citation state, and the first stray text
/// among them.
#[derive(Default)]
struct Preamble<'a> {
    fixed: bool,
    no_evidence: bool,
    stray: Option<Input<'a>>,
}

impl<'a> Preamble<'a> {
    /// This preamble with the stretch `gap` read after it, and the fixed sentence after that.
    fn with(self, gap: Input<'a>, fixed: Option<Fixed>) -> Self {
        Preamble {
            fixed: self.fixed || fixed.is_some(),
            no_evidence: self.no_evidence || fixed == Some(Fixed::NoEvidence),
            stray: self.stray.or_else(|| stray_text(gap)),
        }
    }
}

/// Reads the fixed sentences of a guideline text and the stretches around them, up to its
/// first citation or its end; infallible.
///
/// ```text
/// preamble = { stray_text , fixed_sentence } , stray_text ;
/// ```
fn preamble(input: Input<'_>) -> (Input<'_>, Preamble<'_>) {
    let sentences = fold_many0(
        (statement_gap, fixed_sentence),
        Preamble::default,
        |p, (gap, fixed)| p.with(gap, Some(fixed)),
    );
    let tail = alt((take_until_phrase(DECISION_BASED_ON), rest));
    match (sentences, tail).parse(input) {
        Ok((cited, (p, gap))) => (cited, p.with(gap, None)),
        Err(_) => (input, Preamble::default()),
    }
}

/// The initials of the statements a guideline text may hold, in both cases: the fixed
/// sentences (their actor, or their predicate when the actor is altered) and the citations.
const STATEMENT_INITIALS: &str = "tTdDbB";

/// The first two letters of the statements: of the actors, the predicates and the citations.
const STATEMENT_STARTS: Initials = Initials::NONE
    .with(ACTORS[0])
    .with(ACTORS[1])
    .with(NO_EVIDENCE)
    .with(OUTSIDE_MTUS)
    .with(DECISION_BASED_ON);

/// The text up to the next fixed sentence or citation (not consumed).
fn statement_gap(input: Input<'_>) -> PResult<'_, Input<'_>> {
    let statement = alt((
        value((), fixed_sentence),
        value((), phrase(DECISION_BASED_ON)),
    ));
    take_until_at(STATEMENT_INITIALS, statement).parse(input)
}

/// Text between the statements of a guideline text that belongs to none: what is left of
/// `gap` once whitespace and punctuation are trimmed off its ends, if anything.
///
/// ```text
/// stray_text = TEXT ;
/// ```
fn stray_text(gap: Input<'_>) -> Option<Input<'_>> {
    let blank = |c: char| is_ws(c) || matches!(c, '.' | ',' | ';' | ':');
    let left = trim_end_by(trim_start_by(gap, blank), blank);
    (!left.fragment().is_empty()).then_some(left)
}

/// Which fixed sentence a guideline text states.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fixed {
    NoEvidence,
    OutsideMtus,
}

/// Reads a fixed sentence. Its actor may be altered (a misspelt actor is then stray text
/// before the sentence, and reported): the predicate decides what it states.
///
/// ```text
/// fixed_sentence = [ actor ] , ( no_evidence | outside_mtus ) ;
/// actor          = "The Claims Administrator" | "The Expert Reviewer" ;
/// no_evidence    = "did not cite any medical evidence for its decision." ;
/// outside_mtus   = "based their decision on recommendation(s) outside of the MTUS Guidelines." ;
/// ```
fn fixed_sentence(input: Input<'_>) -> PResult<'_, Fixed> {
    const PREDICATES: [&str; 2] = [NO_EVIDENCE, OUTSIDE_MTUS];
    if !STATEMENT_STARTS.may_start(input.fragment()) {
        return fail(input, "a fixed sentence");
    }
    let predicate = map(any_phrase(&PREDICATES), |(k, _)| {
        [Fixed::NoEvidence, Fixed::OutsideMtus][k]
    });
    preceded(opt(terminated(any_phrase(&ACTORS), ws1)), predicate).parse(input)
}

/// The text of a citation after its "Decision based on": up to the next one, or the end.
fn citation_text(input: Input<'_>) -> PResult<'_, Input<'_>> {
    alt((take_until_phrase(DECISION_BASED_ON), rest)).parse(input)
}

/// Reads one citation (`body`, the text after its "Decision based on") into `out`: a chain of
/// MTUS titles gives one citation per title. A citation that names neither source
/// (`unnamed`) is kept as a Non-MTUS one and reported.
///
/// ```text
/// citation = "Decision based on" , ( non_mtus | mtus_chain | unnamed ) ;
/// unnamed  = TEXT ;
/// ```
fn citation<'a>(body: Input<'a>, out: &mut Vec<Citation<'a>>, diags: &mut dyn ErrorSink) {
    if let Some(misspelt) = misspelt_opening(body) {
        diags.push(misspelt_citation(misspelt));
    }
    let body = trim_start_by(body, is_ws);
    if let Some(c) = non_mtus(body, diags) {
        out.push(c);
    } else if !mtus_chain(body, out, diags) {
        let t = text(body);
        if !t.is_empty() {
            diags.push(unnamed_source(t));
        }
        out.push(new_citation(body, Source::NonMtus));
    }
}

/// The first sentence of a citation's text, after the first, that opens with a misspelling of
/// "Decision based on": a citation of its own, read as part of this one.
///
/// ```text
/// misspelt_opening = TEXT , "." , { TEXT , "." } , WS+ , misspelling("Decision based on") ;
/// ```
fn misspelt_opening(body: Input<'_>) -> Option<Input<'_>> {
    let opening = preceded(ws1, misspelling(DECISION_BASED_ON));
    preceded(sentence, many_till(sentence, opening))
        .parse(body)
        .ok()
        .map(|(_, (_, misspelt))| misspelt)
}

/// A sentence: the text up to and with its period.
fn sentence(input: Input<'_>) -> PResult<'_, ()> {
    value((), (till(b'.'), phrase("."))).parse(input)
}

/// Reads an MTUS citation, one per title of a chain, into `out`; `false` when `body` does not
/// open with "MTUS". Each part runs to the next joint.
///
/// ```text
/// mtus_chain = "MTUS" , mtus_part , { joint , mtus_part } ;
/// ```
fn mtus_chain<'a>(body: Input<'a>, out: &mut Vec<Citation<'a>>, diags: &mut dyn ErrorSink) -> bool {
    let Ok((rest, part)) = preceded((phrase(MTUS), ws), part_text).parse(body) else {
        return false;
    };
    // The first part's text is the citation's text from "MTUS" on.
    out.push(mtus_part(between(body, rest), part, diags));
    let mut later = iterator(rest, preceded(joint, part_text));
    for part in &mut later {
        out.push(mtus_part(part, part, diags));
    }
    // The parts run to the end: nothing is left after them.
    let _ = later.finish();
    true
}

/// The text of a part of a chain of MTUS titles: up to the next joint, or the end.
fn part_text(input: Input<'_>) -> PResult<'_, Input<'_>> {
    let piece = alt((till1(b','), preceded(not(joint), phrase(","))));
    let (rest, _) = many0_count(piece).parse(input)?;
    Ok((rest, between(input, rest)))
}

/// Where a chain of MTUS titles goes on: ", and" before a known title. Titles and sections
/// hold commas and "and" too ("Forearm, Wrist, and Hand Complaints"), so the title decides.
///
/// ```text
/// joint = ", and" , & known_title ;
/// ```
fn joint(input: Input<'_>) -> PResult<'_, Input<'_>> {
    terminated(phrase(AND), (ws, peek(known_title))).parse(input)
}

/// Reads one title of an MTUS citation and its details; `whole` is the citation's text (with
/// "MTUS" for the first title of a chain), `part` the same from the title on.
///
/// ```text
/// mtus_part = mtus_title , [ year ] , [ "Guidelines" ] , citation_details ;
/// ```
fn mtus_part<'a>(whole: Input<'a>, part: Input<'a>, diags: &mut dyn ErrorSink) -> Citation<'a> {
    let end = |c: char| is_ws(c) || c == ',';
    let (whole, part) = (trim_end_by(whole, end), trim_end_by(part, end));
    let (rest, title) = mtus_title(part, diags);
    let (rest, year) = optional(preceded(ws, year), rest);
    let (rest, _) = optional(preceded(ws, phrase(GUIDELINES)), rest);
    let mut c = new_citation(whole, Source::Mtus);
    c.guideline = Some(text(title));
    c.year = year;
    details(&mut c, rest, diags);
    c
}

/// Reads the title of an MTUS citation: a known one, or else the text up to where the details
/// start, reported as unknown.
///
/// ```text
/// mtus_title = known_title | unknown_title ;
/// ```
fn mtus_title<'a>(part: Input<'a>, diags: &mut dyn ErrorSink) -> (Input<'a>, Input<'a>) {
    if let Ok(known) = known_title(part) {
        return known;
    }
    let (rest, title) = unknown_title(part);
    diags.push(unknown_title_found(text(title)));
    (rest, title)
}

/// Reads a known MTUS title, the longest of [`MTUS_TITLES`] that matches (a line may break
/// after a hyphen of it), ending a word.
///
/// ```text
/// known_title = MTUS_TITLE , ! ( LETTER | DIGIT ) ;
/// ```
fn known_title(input: Input<'_>) -> PResult<'_, Input<'_>> {
    let first = input.fragment().bytes().next().unwrap_or_default();
    let ends_word = |rest: &Input<'_>| !rest.fragment().starts_with(char::is_alphanumeric);
    MTUS_TITLES
        .iter()
        .filter(|title| title.as_bytes()[0].eq_ignore_ascii_case(&first))
        .filter_map(|title| hyphen_phrase(title)(input).ok())
        .filter(|(rest, _)| ends_word(rest))
        .max_by_key(|(_, title)| title.fragment().len())
        .map_or_else(|| fail(input, "an MTUS title"), Ok)
}

/// Reads a title that is not a known one: up to a comma, a year or a detail marker; infallible.
///
/// ```text
/// unknown_title = TEXT ;
/// ```
fn unknown_title(input: Input<'_>) -> (Input<'_>, Input<'_>) {
    let end = alt((
        value((), tag(",")),
        value((), year),
        value((), detail_marker),
    ));
    let (rest, title) = split_before(input, TITLE_END_INITIALS, end);
    (
        rest,
        trim_end_by(title, |c| is_ws(c) || c == '.' || c == ','),
    )
}

/// The initials of what ends an unknown title: a comma, a year, a detail marker.
const TITLE_END_INITIALS: &str = ",0123456789SCP(p";

/// Reads the year of an edition.
///
/// ```text
/// year = DIGIT , DIGIT , DIGIT , DIGIT , ! DIGIT ;
/// ```
fn year(input: Input<'_>) -> PResult<'_, u16> {
    let digits = terminated(take_while_m_n(4, 4, is_digit), not(satisfy(is_digit)));
    map_opt(digits, |d: Input<'_>| d.fragment().parse().ok()).parse(input)
}

/// Reads a Non-MTUS citation (`body`, from its source on); `None` when `body` does not open
/// with a Non-MTUS source. A line may break after the hyphen of "Non-MTUS". The title runs to
/// the first detail marker.
///
/// ```text
/// non_mtus       = ( "Non-MTUS Citation" | "Non-MTUS" | "Non MTUS" ) , non_mtus_title ,
///                  citation_details ;
/// non_mtus_title = TEXT ;
/// ```
fn non_mtus<'a>(body: Input<'a>, diags: &mut dyn ErrorSink) -> Option<Citation<'a>> {
    let source = alt((
        hyphen_phrase(NON_MTUS[0]),
        hyphen_phrase(NON_MTUS[1]),
        hyphen_phrase(NON_MTUS[2]),
    ));
    let (rest, _) = preceded(source, ws).parse(body).ok()?;
    let (rest, title) = split_before(rest, DETAIL_INITIALS, detail_marker);
    let mut c = new_citation(body, Source::NonMtus);
    let title = trimmed(title);
    if !title.fragment().is_empty() {
        c.guideline = Some(text(title));
    }
    details(&mut c, rest, diags);
    Some(c)
}

/// A citation of `source` written as `whole`, its title and details still to be read.
fn new_citation(whole: Input<'_>, source: Source) -> Citation<'_> {
    Citation {
        text: text(whole),
        source,
        guideline: None,
        year: None,
        chapter: None,
        topic: None,
        sections: Vec::new(),
        updated: None,
        updated_value: None,
        pages: Vec::new(),
    }
}

/// Reads the details that follow a title into `c`: the text before the first detail marker is
/// the topic; each detail's value runs to the next marker.
///
/// ```text
/// citation_details = [ topic ] , { detail } ;
/// ```
fn details<'a>(c: &mut Citation<'a>, input: Input<'a>, diags: &mut dyn ErrorSink) {
    let (markers, before) = split_before(input, DETAIL_INITIALS, detail_marker);
    c.topic = topic(before, diags);
    let value = alt((take_until_at(DETAIL_INITIALS, detail_marker), rest));
    let mut found = iterator(markers, (detail_marker, value));
    for (marker, value) in &mut found {
        detail(c, marker, value, diags);
    }
    // The values run to the end: nothing is left after them.
    let _ = found.finish();
}

/// What a detail marker opens.
#[derive(Clone, Copy)]
enum Marker {
    Sections,
    Chapter,
    Pages,
    Updated,
}

/// The first two letters of the detail markers.
const MARKER_STARTS: Initials = Initials::NONE
    .with(DETAIL_MARKERS[0])
    .with(DETAIL_MARKERS[1])
    .with(DETAIL_MARKERS[2])
    .with(DETAIL_MARKERS[3])
    .with(PAGE_WORDS[0]);

/// The initials of the detail markers, as letters write them (the template's case).
const DETAIL_INITIALS: &str = "SCP(p";

/// Reads a detail marker. "page" is one only before a number, as in "Benzodiazepines page 24".
///
/// ```text
/// detail_marker = "Section(s):" | "Chapter:" | "Page(s):" | "(updated"
///               | ( "pages" | "page" ) , WS+ , & DIGIT ;
/// ```
fn detail_marker(input: Input<'_>) -> PResult<'_, Marker> {
    // Most places the search tries are words that only start like a marker: passed over at
    // once by their first two letters.
    if !MARKER_STARTS.may_start(input.fragment()) {
        return fail(input, "a detail marker");
    }
    // In the order of DETAIL_MARKERS.
    const MARKERS: [Marker; 4] = [
        Marker::Sections,
        Marker::Chapter,
        Marker::Pages,
        Marker::Updated,
    ];
    let page_word = (any_phrase(&PAGE_WORDS), ws1, peek(satisfy(is_digit)));
    alt((
        map(any_phrase(&DETAIL_MARKERS), |(k, _)| MARKERS[k]),
        value(Marker::Pages, page_word),
    ))
    .parse(input)
}

/// Reads the value of one detail into `c`. The value (`value`, up to the next marker) of
/// "(updated" goes on after its closing parenthesis with the topic, when none came before:
/// "(updated 03/25/15) Benzodiazepine".
///
/// ```text
/// detail   = sections | chapter | pages | updated ;
/// sections = "Section(s):" , list ;
/// chapter  = "Chapter:" , TEXT ;
/// pages    = ( "Page(s):" | "pages" | "page" ) , page_list , TEXT ;
/// updated  = "(updated" , DATE , ")" , [ topic ] ;
/// ```
fn detail<'a>(c: &mut Citation<'a>, marker: Marker, value: Input<'a>, diags: &mut dyn ErrorSink) {
    let end = |ch: char| is_ws(ch) || ch == '.' || ch == ',';
    match marker {
        Marker::Sections => c.sections.extend(comma_list(trim_end_by(value, end))),
        Marker::Chapter => c.chapter = Some(text(trim_end_by(value, end))),
        Marker::Pages => c.pages.extend(page_list(value)),
        Marker::Updated => {
            let date = take_till(|ch| ch == ')');
            let (after, date) = optional(date, value);
            let date = date.unwrap_or(value);
            let updated = text(trim_end_by(date, end));
            c.updated_value = crate::date::Date::parse(&updated.text()).ok();
            c.updated = Some(updated);
            let (after, _) = optional(char(')'), after);
            if c.topic.is_none() {
                c.topic = topic(after, diags);
            }
        }
    }
}

/// Reads a topic: the text before the first detail marker, or after the date of "(updated";
/// `None` when it is blank. A separator left at its end (a dash, or a `?` that stands for one
/// the text extractor could not decode: "Physical therapy ? page 98") is not part of it; a `?`
/// that ends its last word is kept, and reported, since it may stand for a lost character.
///
/// ```text
/// topic = TEXT ;
/// ```
fn topic<'a>(value: Input<'a>, diags: &mut dyn ErrorSink) -> Option<Text<'a>> {
    let topic = trimmed(value);
    if topic.fragment().is_empty() {
        return None;
    }
    let topic = text(topic);
    if topic.raw().ends_with('?') {
        diags.push(question_mark(topic));
    }
    Some(topic)
}

/// `value` without the whitespace and punctuation around it, nor a separator standing alone
/// at its end (after whitespace): a dash, or a `?` that stands for an undecoded dash.
fn trimmed(value: Input<'_>) -> Input<'_> {
    let lead = |c: char| is_ws(c) || matches!(c, ',' | ':');
    let end = |c: char| is_ws(c) || matches!(c, '.' | ',' | ':');
    let t = trim_end_by(trim_start_by(value, lead), end);
    let bare = trim_end_by(t, |c| matches!(c, '?' | '-' | '\u{2013}' | '\u{2014}'));
    let alone = bare.fragment().len() < t.fragment().len() && bare.fragment().ends_with(is_ws);
    if alone { trim_end_by(bare, end) } else { t }
}

/// The most pages a range may expand to; a longer range is kept as its two ends.
const MAX_RANGE: u32 = 200;

/// Reads the page numbers of a "Page(s):" value, ranges expanded (up to [`MAX_RANGE`] pages);
/// the text after the list is not read.
///
/// ```text
/// page_list  = page_range , { ( "," | "and" ) , page_range } ;
/// page_range = NUMBER , [ ( "-" | "–" ) , NUMBER ] ;
/// ```
fn page_list(value: Input<'_>) -> Vec<u32> {
    let and = terminated(tag(PAGE_AND), ws1);
    let separator = (ws, alt((tag(","), and)), ws);
    let to = preceded((ws, one_of("-\u{2013}"), ws), page_number);
    let range = (page_number, opt(to));
    let Ok((_, ranges)) = preceded(ws, separated_list1(separator, range)).parse(value) else {
        return Vec::new();
    };
    ranges
        .into_iter()
        .flat_map(|(a, b)| match b {
            Some(b) if b >= a && b - a <= MAX_RANGE => (a..=b).collect(),
            Some(b) => vec![a, b],
            None => vec![a],
        })
        .collect()
}

/// A page number: one to nine digits.
fn page_number(input: Input<'_>) -> PResult<'_, u32> {
    let digits = terminated(take_while_m_n(1, 9, is_digit), not(satisfy(is_digit)));
    map_opt(digits, |d: Input<'_>| d.fragment().parse().ok()).parse(input)
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
}

/// Runs `p`, which is optional: `(rest, None)` when it does not match.
fn optional<'a, O>(
    p: impl Parser<Input<'a>, Output = O, Error = Expected>,
    input: Input<'a>,
) -> (Input<'a>, Option<O>) {
    opt(p).parse(input).unwrap_or((input, None))
}

/// The span of an input.
fn span_of(input: Input<'_>) -> Span {
    text(input).span
}

const GUIDELINE_HELP: &str = "expected \"Decision based on MTUS ...\", \"Decision based on \
     Non-MTUS Citation ...\" or \"The Claims Administrator did not cite any medical evidence \
     for its decision.\"";

/// A guideline text with no statement at all.
fn no_statement(whole: Text<'_>) -> Diagnostic {
    Diagnostic::new(
        Code::UnrecognisedGuideline,
        "the guideline text has neither a fixed sentence nor a citation",
    )
    .with_label(whole.span, "not a recognised guideline statement")
    .with_help(GUIDELINE_HELP)
}

/// Stray text beside the statements of a guideline text.
fn stray_statement(stray: Input<'_>) -> Diagnostic {
    Diagnostic::new(
        Code::UnrecognisedGuideline,
        "the guideline text holds text that is neither a fixed sentence nor a citation",
    )
    .with_label(span_of(stray), "not part of a guideline statement")
    .with_help(format!(
        "{GUIDELINE_HELP}; a misspelt \"{DECISION_BASED_ON}\" leaves its citation here"
    ))
}

/// A misspelt "Decision based on" inside a citation.
fn misspelt_citation(misspelt: Input<'_>) -> Diagnostic {
    Diagnostic::new(
        Code::UnrecognisedGuideline,
        format!("a misspelt \"{DECISION_BASED_ON}\" inside a citation"),
    )
    .with_label(span_of(misspelt), "read as part of the citation before")
    .with_help(format!(
        "did you mean \"{DECISION_BASED_ON}\"? each citation opens with it; the text after it \
         was read as part of the citation before"
    ))
}

/// A citation that names neither source.
fn unnamed_source(t: Text<'_>) -> Diagnostic {
    Diagnostic::new(
        Code::UnrecognisedGuideline,
        "the citation names neither MTUS nor Non-MTUS",
    )
    .with_label(t.span, "kept as a Non-MTUS citation")
    .with_help(
        "expected \"Decision based on MTUS <title> ...\" or \"Decision based on Non-MTUS \
         Citation ...\"",
    )
}

/// An MTUS title that is not in the table.
fn unknown_title_found(t: Text<'_>) -> Diagnostic {
    Diagnostic::new(
        Code::UnknownGuideline,
        format!("`{}` is not a known MTUS title", t.text()),
    )
    .with_label(t.span, "unknown MTUS title")
    .with_help(format!(
        "known titles include {}; the title is kept as written",
        MTUS_TITLES[..6].join(", ")
    ))
}

/// A topic whose last word ends with a `?`.
fn question_mark(t: Text<'_>) -> Diagnostic {
    Diagnostic::new(
        Code::UnrecognisedGuideline,
        "the citation's topic ends with a `?`",
    )
    .with_label(t.span, "kept as written, `?` included")
    .with_help(
        "a text extractor writes `?` for a character it cannot decode (a dash, a quote, a \
         symbol): check the topic against the letter",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lex::letter_input;
    use crate::sink::Sink;
    use crate::template::citation::{CHAPTER, PAGES, SECTIONS, UPDATED};

    /// The codes and labelled texts of the diagnostics of `guideline_body` over `s`.
    fn body_diags(s: &str) -> Vec<(Code, String)> {
        let mut sink = Sink::new(s);
        guideline_body(letter_input(s), &mut sink);
        sink.found()
            .iter()
            .map(|d| {
                let span = d.labels()[0].span;
                (d.code(), s[span.start..span.end].to_owned())
            })
            .collect()
    }

    #[test]
    fn every_part_of_a_guideline_text_is_a_statement() {
        for ok in [
            "Decision based on MTUS Shoulder Complaints 2004.",
            "The Claims Administrator did not cite any medical evidence for its decision.",
            "The Expert Reviewer based their decision on recommendation(s) outside of the MTUS \
             Guidelines. Decision based on Non-MTUS Citation ODG, Low Back.",
            "The Claims\nAdministrator did not cite any medical evidence for its decision. ",
            "Decision based on Non-MTUS Citation UpToDate. Syncope in adults: Topic 969.",
            "Decision based on Non-\nMTUS Citation ODG, Low Back.",
        ] {
            assert_eq!(body_diags(ok), [], "{ok:?}");
        }
        let unrecognised = |text: &str| vec![(Code::UnrecognisedGuideline, text.to_owned())];
        assert_eq!(
            body_diags(
                "Decisin based on MTUS Knee Complaints 2004. Decision based on Non-MTUS ODG."
            ),
            unrecognised("Decisin based on MTUS Knee Complaints 2004")
        );
        assert_eq!(
            body_diags(
                "The Claims Administrator did not cite any medical evidence for its decision. \
                 It relied on ODG."
            ),
            unrecognised("It relied on ODG")
        );
        assert_eq!(
            body_diags(
                "The Claims Administrater did not cite any medical evidence for its decision."
            ),
            unrecognised("The Claims Administrater")
        );
        assert_eq!(
            body_diags(
                "Decision based on MTUS Knee Complaints 2004. Decison based on Non-MTUS ODG."
            ),
            unrecognised("Decison based on")
        );
        assert_eq!(
            body_diags(
                "Decision based on MTUS Knee Complaints 2004. Dec ision based on Non-MTUS ODG."
            ),
            unrecognised("Dec ision based on")
        );
        assert_eq!(
            body_diags("Decision based on MTSU Knee Complaints 2004."),
            unrecognised("MTSU Knee Complaints 2004.")
        );
        assert_eq!(
            body_diags("It relied on ODG."),
            unrecognised("It relied on ODG.")
        );
    }

    fn read(s: &str) -> (Guideline<'_>, Vec<Diagnostic>) {
        let mut d = Sink::new(s);
        (guideline_body(letter_input(s), &mut d), d.found())
    }

    fn strs(v: &[Text<'_>]) -> Vec<String> {
        v.iter().map(|t| t.text().into_owned()).collect()
    }

    #[test]
    fn mtus_2016_with_sections() {
        let (g, d) = read(
            " Decision based on MTUS Shoulder Complaints 2004, Section(s): \nSpecial Studies, Diagnostic Criteria.  \n",
        );
        assert!(d.is_empty());
        let c = &g.citations[0];
        assert_eq!(c.source, Source::Mtus);
        assert_eq!(c.guideline.unwrap().text(), "Shoulder Complaints");
        assert_eq!(c.year, Some(2004));
        assert_eq!(
            strs(&c.sections),
            ["Special Studies", "Diagnostic Criteria"]
        );
        assert!(c.topic.is_none());
        assert_eq!(
            c.text.text(),
            "MTUS Shoulder Complaints 2004, Section(s): Special Studies, Diagnostic Criteria."
        );
    }

    #[test]
    fn mtus_2014_topic_and_pages() {
        let (g, _) = read(
            "Decision based on MTUS Chronic Pain Treatment Guidelines \n\nBenzodiazepines Page(s): 24.   ",
        );
        let c = &g.citations[0];
        assert_eq!(
            c.guideline.unwrap().text(),
            "Chronic Pain Treatment Guidelines"
        );
        assert_eq!(c.topic.unwrap().text(), "Benzodiazepines");
        assert_eq!(c.pages, [24]);
        assert_eq!(c.year, None);
    }

    #[test]
    fn chained_titles() {
        let (g, d) = read(
            "Decision based on MTUS General Approaches 2004, Section(s): Initial Care, and Shoulder Complaints 2004, Section(s): Initial Care, Summary. Decision based on Non-MTUS Citation ODG Shoulder.",
        );
        assert!(d.is_empty());
        assert_eq!(g.citations.len(), 3);
        assert_eq!(
            g.citations[0].guideline.unwrap().text(),
            "General Approaches"
        );
        assert_eq!(
            g.citations[0].text.text(),
            "MTUS General Approaches 2004, Section(s): Initial Care"
        );
        assert_eq!(strs(&g.citations[0].sections), ["Initial Care"]);
        assert_eq!(
            g.citations[1].guideline.unwrap().text(),
            "Shoulder Complaints"
        );
        assert_eq!(strs(&g.citations[1].sections), ["Initial Care", "Summary"]);
        assert_eq!(g.citations[2].source, Source::NonMtus);
        assert_eq!(g.citations[2].guideline.unwrap().text(), "ODG Shoulder");
    }

    #[test]
    fn forearm_title_keeps_its_commas() {
        let (g, _) = read(
            "Decision based on MTUS Forearm, Wrist, and Hand Complaints 2004, Section(s): Initial Care.",
        );
        assert_eq!(g.citations.len(), 1);
        assert_eq!(
            g.citations[0].guideline.unwrap().text(),
            "Forearm, Wrist, and Hand Complaints"
        );
    }

    #[test]
    fn the_longest_title_that_ends_a_word() {
        let (g, d) = read("Decision based on MTUS Chronic Pain Medical Treatment Guidelines 2009.");
        assert!(d.is_empty());
        assert_eq!(
            g.citations[0].guideline.unwrap().text(),
            "Chronic Pain Medical Treatment Guidelines"
        );
        // A hyphen of a title may end a line.
        let (g, d) = read("Decision based on MTUS Stress-\nRelated Conditions 2004.");
        assert!(d.is_empty());
        assert_eq!(g.citations[0].year, Some(2004));
        let (g, d) = read("Decision based on MTUS ACOEMS 2004.");
        assert_eq!(g.citations[0].guideline.unwrap().text(), "ACOEMS");
        assert_eq!(d[0].code(), Code::UnknownGuideline);
    }

    #[test]
    fn fixed_sentences() {
        let (g1, _) =
            read("The Claims Administrator did not cite any medical evidence for its \ndecision.");
        assert!(g1.no_evidence_cited && g1.citations.is_empty());
        let (g2, d) = read(
            "The Expert Reviewer based their decision on recommendation(s) outside \nof the MTUS Guidelines. Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) Chapter: Low Back (updated 03/25/15) page 98",
        );
        assert!(!g2.no_evidence_cited && d.is_empty());
        let c = &g2.citations[0];
        assert_eq!(
            c.guideline.unwrap().text(),
            "Official Disability Guidelines (ODG)"
        );
        assert_eq!(c.chapter.unwrap().text(), "Low Back");
        assert_eq!(c.updated.unwrap().text(), "03/25/15");
        assert_eq!(c.pages, [98]);
        assert!(c.topic.is_none());
    }

    #[test]
    fn a_topic_after_the_date() {
        let (g, d) = read(
            "Decision based on Non-MTUS Citation Official Disability \n\nGuidelines (ODG) Chapter: Mental Illness & Stress (updated 03/25/15) Benzodiazepine.  ",
        );
        assert!(d.is_empty());
        let c = &g.citations[0];
        assert_eq!(c.chapter.unwrap().text(), "Mental Illness & Stress");
        assert_eq!(c.updated.unwrap().text(), "03/25/15");
        assert_eq!(c.topic.unwrap().text(), "Benzodiazepine");
        let (g, _) = read(
            "Decision based on Non-MTUS Citation Official Disability Guidelines, Elbow \nProcedure Summary Online Version (updated 11/23/16): Magnetic Resonance Imaging. ",
        );
        let c = &g.citations[0];
        assert_eq!(c.updated.unwrap().text(), "11/23/16");
        assert_eq!(c.topic.unwrap().text(), "Magnetic Resonance Imaging");
    }

    #[test]
    fn a_question_mark_ending_a_topic() {
        // A dash the extractor could not decode, standing alone: a separator.
        let (g, d) = read(
            "Decision based on MTUS Chronic Pain Treatment Guidelines Physical \n\ntherapy ? page 98.  ",
        );
        assert!(d.is_empty());
        assert_eq!(g.citations[0].topic.unwrap().text(), "Physical therapy");
        assert_eq!(g.citations[0].pages, [98]);
        let (g, _) =
            read("Decision based on MTUS Chronic Pain Treatment Guidelines Opioids - page 7");
        assert_eq!(g.citations[0].topic.unwrap().text(), "Opioids");
        // At the end of a word it may stand for a lost letter: kept, and reported.
        let s = "Decision based on MTUS Chronic Pain Treatment Guidelines Opioids? Page(s): 7.";
        let (g, d) = read(s);
        assert_eq!(g.citations[0].topic.unwrap().text(), "Opioids?");
        assert_eq!(
            body_diags(s),
            [(Code::UnrecognisedGuideline, "Opioids?".to_owned())]
        );
        assert_eq!(d.len(), 1);
    }

    #[test]
    fn unknown_title_warns() {
        let (g, d) = read("Decision based on MTUS Shoulder Disorders 2004.");
        assert_eq!(
            g.citations[0].guideline.unwrap().text(),
            "Shoulder Disorders"
        );
        assert_eq!(g.citations[0].year, Some(2004));
        assert_eq!(d[0].code(), Code::UnknownGuideline);
        let (g, _) = read("Decision based on MTUS Shoulder Disorders, Section(s): a.");
        assert_eq!(strs(&g.citations[0].sections), ["a"]);
    }

    #[test]
    fn initials_cover_what_they_stand_for() {
        let covered = |initials: &str, words: &[&str]| {
            words
                .iter()
                .all(|w| initials.as_bytes().contains(&w.as_bytes()[0]))
        };
        let details = [
            SECTIONS,
            CHAPTER,
            PAGES,
            UPDATED,
            PAGE_WORDS[0],
            PAGE_WORDS[1],
        ];
        assert!(covered(DETAIL_INITIALS, &details));
        assert!(covered(TITLE_END_INITIALS, &details));
        assert!(covered(TITLE_END_INITIALS, &[",", "0", "1", "2", "9"]));
        let statements = [
            ACTORS[0],
            ACTORS[1],
            NO_EVIDENCE,
            OUTSIDE_MTUS,
            DECISION_BASED_ON,
        ];
        let lower = statements.map(str::to_ascii_lowercase);
        let upper = statements.map(str::to_ascii_uppercase);
        for words in [lower, upper] {
            assert!(covered(
                STATEMENT_INITIALS,
                &words.each_ref().map(String::as_str)
            ));
        }
    }

    #[test]
    fn section_lists_and_brackets() {
        let l = |s| strs(&comma_list(letter_input(s)));
        assert_eq!(l("a (b, [c), d], e) f, g"), ["a (b, [c), d]", "e) f", "g"]);
        assert_eq!(l("a), b, (c, d"), ["a)", "b", "(c, d"]);
        assert_eq!(l(" , ,"), Vec::<String>::new());
    }

    #[test]
    fn pages() {
        let p = |s| page_list(letter_input(s));
        assert_eq!(p("303-305, 310 and 312."), [303, 304, 305, 310, 312]);
        assert_eq!(p(" 3 \u{2013} 4,\n5"), [3, 4, 5]);
        assert_eq!(p("1-4000000"), [1, 4000000]);
        assert_eq!(p("5-2"), [5, 2]);
        assert_eq!(p("1-201").len(), 201);
        assert_eq!(p("1234567890"), Vec::<u32>::new());
        assert!(p("x").is_empty());
    }
}
