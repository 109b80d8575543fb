//! Guideline texts: the fixed sentences and the `Decision based on ...` citations.
//!
//! ```text
//! guideline_body := ( fixed_sentence | citation | stray_text )*
//!                   (stray_text: anything but whitespace and punctuation, reported)
//! fixed_sentence := "The" actor ( no_evidence | outside_mtus )
//! actor          := "Claims Administrator" | "Expert Reviewer"
//! no_evidence    := "did not cite any medical evidence for its decision."
//! outside_mtus   := "based their decision on recommendation(s) outside of the MTUS Guidelines."
//! citation       := "Decision based on" ( mtus_chain | non_mtus | unnamed )
//!                   (unnamed: neither source named, kept as Non-MTUS and reported)
//!                   (the citation runs to the next "Decision based on" or the end)
//! mtus_chain     := "MTUS" mtus_part ( "," "and" mtus_part )*
//!                   (a chained part starts with a known MTUS title)
//! mtus_part      := mtus_title year? "Guidelines"? ","? topic? citation_details
//! mtus_title     := one of MTUS_TITLES, longest first | unknown_title
//! non_mtus       := ( "Non-MTUS Citation" | "Non-MTUS" ) non_mtus_title citation_details
//! citation_details := ( sections | chapter | pages | updated | TEXT )*
//! sections       := "Section(s):" list
//! chapter        := "Chapter:" TEXT
//! pages          := ( "Page(s):" | "pages" | "page" ) page_list
//! page_list      := page_range ( ( "," | "and" ) page_range )*
//! page_range     := NUMBER ( "-" NUMBER )?
//! updated        := "(updated" DATE ")"
//! ```

use crate::ast::{Citation, Guideline, Source};
use crate::diagnostic::{Code, Diagnostic};
use crate::lex::misspelt_words;
use crate::lex::{
    Input, Pos, comma_list, match_phrase, pair_key, phrase_start, prefix, slice, split_at, text,
    trim_end_by, trim_start_by,
};
use crate::sink::Sink;
use crate::span::{Span, is_ws, trim_end_with, trim_start_with};
pub use crate::template::MTUS_TITLES;
use crate::template::citation::{
    ACTORS, CHAPTER, DECISION_BASED_ON, DETAIL_MARKERS, MTUS, NO_EVIDENCE, NON_MTUS, OUTSIDE_MTUS,
    PAGES, SECTIONS, UPDATED,
};

/// `guideline_body := ( fixed_sentence | citation | stray_text )*`: the text after a guideline
/// label. Text that is neither a fixed sentence nor a citation ([`stray_text`]), and a sentence
/// of a citation that opens with a misspelt "Decision based on" ([`misspelt_opening`]), are
/// reported.
pub(crate) fn guideline_body<'a>(body: Input<'a>, diags: &mut Sink<'_>) -> Guideline<'a> {
    let t = text(body);
    // The text trimmed, as `t` holds it.
    let body = slice(body, t.span.start - body.pos(), t.span.end - body.pos());
    let s = body.fragment();
    // One pass over the text: the fixed sentences before the first "Decision based on", then
    // the citations, each running to the next "Decision based on".
    let (mut no_evidence, mut outside_mtus) = (false, false);
    let mut citation_at = None;
    let mut from = 0;
    // The first text that is neither a fixed sentence nor a citation, as a range of `s`.
    let mut stray = None;
    // Most texts open with a citation, written as the phrase is: no search for it.
    if s.starts_with(DECISION_BASED_ON) {
        citation_at = Some(DECISION_BASED_ON.len());
    }
    while citation_at.is_none()
        && let Some((k, start, end)) = find_first_of(s, from, &OPENINGS)
    {
        let citation = OPENINGS[k] == DECISION_BASED_ON;
        stray = stray.or_else(|| stray_text(s, from, start, !citation));
        match OPENINGS[k] {
            NO_EVIDENCE => no_evidence = true,
            OUTSIDE_MTUS => outside_mtus = true,
            _ => {
                citation_at = Some(end);
                break;
            }
        }
        from = end;
    }
    if citation_at.is_none() {
        stray = stray.or_else(|| stray_text(s, from, s.len(), false));
    }
    // Room for the citations as their first push would make it, without the growth path; a
    // text without one allocates nothing.
    let mut citations = Vec::with_capacity(if citation_at.is_some() { 4 } else { 0 });
    while let Some(start) = citation_at {
        let next = next_citation(s, start);
        let end = next.map_or(s.len(), |(next_start, _)| next_start);
        if let Some((a, b)) = misspelt_opening(s, start, end) {
            let at = body.pos();
            diags.push(
                Diagnostic::new(
                    Code::UnrecognisedGuideline,
                    format!("a misspelt \"{DECISION_BASED_ON}\" inside a citation"),
                )
                .with_label(
                    Span::bytes(at + a, at + b),
                    "read as part of the citation before",
                )
                .with_help(format!(
                    "did you mean \"{DECISION_BASED_ON}\"? each citation opens with it; the text \
                     after it was read as part of the citation before"
                )),
            );
        }
        citation(slice(body, start, end), &mut citations, diags);
        citation_at = next.map(|(_, next_end)| next_end);
    }
    let fixed = no_evidence || outside_mtus;
    if !fixed && citations.is_empty() && !t.is_empty() {
        diags.push(
            Diagnostic::new(
                Code::UnrecognisedGuideline,
                "the guideline text has neither a fixed sentence nor a citation",
            )
            .with_label(t.span, "not a recognised guideline statement")
            .with_help(GUIDELINE_HELP),
        );
    } else if let Some((a, b)) = stray {
        let at = body.pos();
        diags.push(
            Diagnostic::new(
                Code::UnrecognisedGuideline,
                "the guideline text holds text that is neither a fixed sentence nor a citation",
            )
            .with_label(
                Span::bytes(at + a, at + b),
                "not part of a guideline statement",
            )
            .with_help(format!(
                "{GUIDELINE_HELP}; a misspelt \"Decision based on\" leaves its citation here"
            )),
        );
    }
    Guideline {
        text: t,
        no_evidence_cited: no_evidence,
        citations,
    }
}

const GUIDELINE_HELP: &str = "expected \"Decision based on MTUS ...\", \"Decision based on \
     Non-MTUS Citation ...\" or \"The Claims Administrator did not cite any medical evidence \
     for its decision.\"";

/// `stray_text := TEXT`: text of `s[from..to]`, the stretch between two statements of a
/// guideline text, that belongs to neither: what is left once whitespace and punctuation are
/// trimmed and, when a fixed sentence follows (`before_fixed`), its actor ("The Claims
/// Administrator") is taken off the end. Returns its range in `s`, or `None` when nothing is
/// left.
fn stray_text(s: &str, from: usize, to: usize, before_fixed: bool) -> Option<(usize, usize)> {
    let gap = &s[..to];
    let trim = |c: char| is_ws(c) || matches!(c, '.' | ',' | ';' | ':');
    let start = to - trim_start_with(&gap[from..], trim).len();
    let mut end = trim_end_with(gap, trim).len();
    if start >= end {
        return None;
    }
    if before_fixed {
        // Most often the stretch is the actor alone, as the template writes it.
        let actor = |a: &&str| gap[start..end].eq_ignore_ascii_case(a);
        if ACTORS.iter().any(actor) {
            return None;
        }
        if let Some(a) = ACTORS.iter().find_map(|a| phrase_start(gap, end, a)) {
            end = trim_end_with(&gap[..a], trim).len();
        }
    }
    (start < end).then_some((start, end))
}

/// A misspelling of "Decision based on" ([`misspelt_words`]) opening a sentence of
/// `s[from..to]`, the text of one citation: its first words after a sentence's period. Returns
/// its range in `s`. A citation rarely holds a second sentence, so few places are compared.
fn misspelt_opening(s: &str, from: usize, to: usize) -> Option<(usize, usize)> {
    let b = &s.as_bytes()[..to];
    memchr::memchr_iter(b'.', &b[from..]).find_map(|k| {
        let after = from + k + 1;
        let start = to - trim_start_with(&s[after..to], is_ws).len();
        if start == after || start == to {
            return None;
        }
        misspelt_words(s, start, to, DECISION_BASED_ON).map(|end| (start, end))
    })
}

/// What a guideline text may open with: a citation or a fixed sentence. None of them starts
/// inside another, so one pass finds them all.
const OPENINGS: [&str; 3] = [DECISION_BASED_ON, NO_EVIDENCE, OUTSIDE_MTUS];

/// The first place from byte `from` of `s` where one of `phrases` (each starting with an ASCII
/// letter) matches as [`find_phrase`](crate::lex::find_phrase) would find it, at the start of
/// a word or at `from`: `(which, start, end)`.
fn find_first_of(s: &str, from: usize, phrases: &[&str]) -> Option<(usize, usize, usize)> {
    let b = s.as_bytes();
    let mut i = from;
    while let Some(at) = find_initial(b, i, phrases) {
        if at == from || !b[at - 1].is_ascii_alphanumeric() {
            for (k, p) in phrases.iter().enumerate() {
                // An ASCII initial: `at` is a character boundary.
                if b[at].eq_ignore_ascii_case(&p.as_bytes()[0])
                    && let Some(n) = match_phrase(&s[at..], p)
                {
                    return Some((k, at, at + n));
                }
            }
        }
        i = at + 1;
    }
    None
}

/// The next "Decision based on" in `s` from byte `from` on, as [`find_first_of`] finds it:
/// `(start, end)`.
///
/// A match is found by the `b` of its "based", rarer than a `d`, and read back to its
/// "Decision". A match starts at the start of a word, so not inside an earlier one's "Decision"
/// or the whitespace after it: the matches come in the order of their `b`s.
fn next_citation(s: &str, from: usize) -> Option<(usize, usize)> {
    let rest = &s[from..];
    memchr::memchr2_iter(b'b', b'B', rest.as_bytes()).find_map(|k| {
        // "Decision" and whitespace before the `b`, at the start of a word (or at `from`).
        let start = phrase_start(rest, k, "Decision ")?;
        match_phrase(&rest[start..], DECISION_BASED_ON).map(|n| (from + start, from + start + n))
    })
}

/// The offset of the first byte of `b` from `from` on that is, ignoring ASCII case, the initial
/// (an ASCII letter) of one of `phrases`: eight bytes at a time, with bit 0x20 set in every
/// byte so that a letter's two cases compare equal.
fn find_initial(b: &[u8], from: usize, phrases: &[&str]) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = ONES * 0x80;
    const FOLD: u8 = 0x20;
    let initials = phrases.iter().map(|p| p.as_bytes()[0] | FOLD);
    let mut i = from;
    while let Some(chunk) = b.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default()) | (ONES * u64::from(FOLD));
        let mut hits = 0;
        for c in initials.clone() {
            let v = x ^ (ONES * u64::from(c));
            // The high bit of each zero byte of `v`, where the byte is `c`.
            hits |= !(((v & !HIGH) + !HIGH) | v) & HIGH;
        }
        if hits != 0 {
            return Some(i + hits.trailing_zeros() as usize / 8);
        }
        i += 8;
    }
    (i..b.len()).find(|&k| initials.clone().any(|c| b[k] | FOLD == c))
}

/// `citation := "Decision based on" ( mtus_chain | non_mtus | unnamed )`: the body after the
/// keyword. An `unnamed` citation (neither source named) is kept as a Non-MTUS one and
/// reported.
fn citation<'a>(body: Input<'a>, out: &mut Vec<Citation<'a>>, diags: &mut Sink<'_>) {
    let body = trim_start_by(body, is_ws);
    let s = body.fragment();
    let named = |marker: &str| {
        // Tried only where the initial fits.
        s.as_bytes()
            .first()
            .is_some_and(|b| b.eq_ignore_ascii_case(&marker.as_bytes()[0]))
            .then(|| match_phrase(s, marker))
            .flatten()
    };
    for marker in NON_MTUS {
        if let Some(n) = named(marker) {
            non_mtus(body, split_at(body, n).0, out);
            return;
        }
    }
    if let Some(n) = named(MTUS) {
        mtus_chain(body, split_at(body, n).0, out, diags);
        return;
    }
    // Neither source is named: keep the text as a Non-MTUS citation, and say so.
    let t = text(body);
    if !t.is_empty() {
        diags.push(
            Diagnostic::new(
                Code::UnrecognisedGuideline,
                "the citation names neither MTUS nor Non-MTUS",
            )
            .with_label(t.span, "kept as a Non-MTUS citation")
            .with_help(
                "expected \"Decision based on MTUS <title> ...\" or \"Decision based on Non-MTUS \
                 Citation ...\"",
            ),
        );
    }
    non_mtus(body, body, out);
}

/// `mtus_chain := "MTUS" mtus_part ( "," "and" mtus_part )*`
fn mtus_chain<'a>(
    whole: Input<'a>,
    parts: Input<'a>,
    out: &mut Vec<Citation<'a>>,
    diags: &mut Sink<'_>,
) {
    let parts = trim_start_by(parts, is_ws);
    // Find chain joints: ", and <known title>". A part runs to the next joint.
    let (mut text_frag, mut part) = (whole, parts);
    let s = parts.fragment();
    // No comma is inside a joint: each comma may start one.
    for at in memchr::memchr_iter(b',', s.as_bytes()) {
        // Most commas are not followed by "and": those are told apart before the phrase.
        let and = trim_start_with(&s[at + 1..], is_ws).as_bytes();
        if !and.get(..3).is_some_and(|w| w.eq_ignore_ascii_case(b"and")) {
            continue;
        }
        let Some(n) = match_phrase(&s[at..], ", and") else {
            continue;
        };
        let title_at = trim_start_by(split_at(parts, at + n).0, is_ws);
        if mtus_title(title_at.fragment()).is_some() {
            let joint = parts.pos() + at;
            mtus_part(
                prefix(text_frag, joint - text_frag.pos()),
                prefix(part, joint - part.pos()),
                out,
                diags,
            );
            (text_frag, part) = (title_at, title_at);
        }
    }
    mtus_part(text_frag, part, out, diags);
}

/// `mtus_title := known_title | unknown_title`: the known MTUS title at the start of `s`, the
/// longest that matches: `(title, length matched)`. `None` is an unknown title, which
/// [`mtus_part`] delimits itself.
pub(crate) fn mtus_title(s: &str) -> Option<(&'static str, usize)> {
    // A title matches from its first letters on: only the titles that start with the same two
    // letters are tried, found by a binary search of their keys, longest first, so the first
    // that matches is the one.
    let key = initials_key(s.as_bytes().get(..2)?);
    let first = TITLE_KEYS.partition_point(|&k| k < key);
    TITLES_BY_KEY[first..]
        .iter()
        .zip(&TITLE_KEYS[first..])
        .take_while(|&(_, &k)| k == key)
        .find_map(|(t, _)| {
            let n = match_phrase(s, t)?;
            let boundary = s[n..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            boundary.then_some((*t, n))
        })
}

/// [`MTUS_TITLES`] in the order of their [`initials_key`], longest first among those of one key
/// (two titles of one length cannot both match a text: they differ in more than case and
/// spacing).
const TITLES_BY_KEY: [&str; MTUS_TITLES.len()] = {
    let mut titles = [""; MTUS_TITLES.len()];
    let mut i = 0;
    while i < titles.len() {
        titles[i] = MTUS_TITLES[i];
        // Insertion sort, by key, then by length, descending.
        let mut j = i;
        while j > 0 && title_before(titles[j], titles[j - 1]) {
            let later = titles[j - 1];
            titles[j - 1] = titles[j];
            titles[j] = later;
            j -= 1;
        }
        i += 1;
    }
    titles
};

/// Whether title `a` comes before title `b` in [`TITLES_BY_KEY`].
const fn title_before(a: &str, b: &str) -> bool {
    let (ka, kb) = (initials_key(a.as_bytes()), initials_key(b.as_bytes()));
    ka < kb || (ka == kb && a.len() > b.len())
}

/// The [`pair_key`] of a text's first two bytes, as a number to sort and search by.
const fn initials_key(two: &[u8]) -> u16 {
    u16::from_be_bytes(pair_key(two[0], two[1]))
}

/// The [`initials_key`] of each of [`TITLES_BY_KEY`] (which all start with two ASCII letters),
/// in ascending order.
const TITLE_KEYS: [u16; MTUS_TITLES.len()] = {
    let mut keys = [0; MTUS_TITLES.len()];
    let mut i = 0;
    while i < keys.len() {
        keys[i] = initials_key(TITLES_BY_KEY[i].as_bytes());
        i += 1;
    }
    keys
};

/// `mtus_part := mtus_title year? "Guidelines"? ","? topic? citation_details`
fn mtus_part<'a>(
    whole: Input<'a>,
    part: Input<'a>,
    out: &mut Vec<Citation<'a>>,
    diags: &mut Sink<'_>,
) {
    let whole = trim_end_by(whole, |c| is_ws(c) || c == ',');
    let part = trim_end_by(part, |c| is_ws(c) || c == ',');
    let s = part.fragment();
    let (title, rest) = match mtus_title(s) {
        Some((_, n)) => {
            let (rest, title) = split_at(part, n);
            (title, rest)
        }
        None => {
            // Unknown title: up to a year, a comma, a detail marker or the end.
            let end = unknown_title_end(s);
            let (rest, title) = split_at(part, end);
            let title = trim_end_by(title, |c| is_ws(c) || c == '.' || c == ',');
            let t = text(title);
            diags.push(
                Diagnostic::new(
                    Code::UnknownGuideline,
                    format!("`{}` is not a known MTUS title", t.text()),
                )
                .with_label(t.span, "unknown MTUS title")
                .with_help(format!(
                    "known titles include {}; the title is kept as written",
                    MTUS_TITLES[..6].join(", ")
                )),
            );
            (title, rest)
        }
    };
    let mut rest = trim_start_by(rest, is_ws);
    let mut year = None;
    let rs = rest.fragment();
    if rs.len() >= 4
        && rs.as_bytes()[..4].iter().all(u8::is_ascii_digit)
        && !rs.as_bytes().get(4).is_some_and(u8::is_ascii_digit)
    {
        year = rs[..4].parse::<u16>().ok();
        rest = trim_start_by(split_at(rest, 4).0, is_ws);
    }
    if let Some(n) = match_phrase(rest.fragment(), "Guidelines") {
        rest = split_at(rest, n).0;
    }
    let mut c = new_citation(whole, Source::Mtus);
    c.guideline = Some(text(title));
    c.year = year;
    details(&mut c, rest);
    out.push(c);
}

fn unknown_title_end(s: &str) -> usize {
    let mut end = s.len();
    for m in [",", SECTIONS, PAGES, CHAPTER, UPDATED] {
        if let Some(i) = s.find(m) {
            end = end.min(i);
        }
    }
    // A four-digit year ends the title.
    let b = s.as_bytes();
    for i in 0..b.len().saturating_sub(3) {
        if (i == 0 || !b[i - 1].is_ascii_alphanumeric())
            && b[i..i + 4].iter().all(u8::is_ascii_digit)
            && !b.get(i + 4).is_some_and(u8::is_ascii_alphanumeric)
        {
            end = end.min(i);
            break;
        }
    }
    end
}

/// `non_mtus := ( "Non-MTUS Citation" | "Non-MTUS" ) non_mtus_title citation_details`
fn non_mtus<'a>(whole: Input<'a>, details_in: Input<'a>, out: &mut Vec<Citation<'a>>) {
    let whole = trim_end_by(whole, is_ws);
    let body = trim_start_by(details_in, is_ws);
    let s = body.fragment();
    let end = detail_marker(s.as_bytes(), 0).map_or(s.len(), |(i, _)| i);
    let (rest, title) = split_at(body, end);
    let title = trim_end_by(title, |c| is_ws(c) || c == '.' || c == ',' || c == ':');
    let mut c = new_citation(whole, Source::NonMtus);
    if !title.fragment().is_empty() {
        c.guideline = Some(text(title));
    }
    details(&mut c, rest);
    c.topic = None;
    out.push(c);
}

/// The first of [`DETAIL_MARKERS`] in `b` from byte `from` on: `(offset, marker)`.
fn detail_marker(b: &[u8], from: usize) -> Option<(usize, &'static str)> {
    memchr::memchr2_iter(b'(', b':', &b[from..]).find_map(|k| marker_around(b, from, from + k))
}

/// The marker of [`DETAIL_MARKERS`] whose anchor (see [`MARKER_ANCHORS`]) is byte `at` of `b`,
/// if one starts there at byte `from` or after: `(start, marker)`.
///
/// Each marker holds a `(` or a `:`, which are rare in a citation, and no marker can start
/// inside another before its anchor: so the markers come in the order of their anchors, and the
/// first anchor that belongs to a marker belongs to the first marker.
fn marker_around(b: &[u8], from: usize, at: usize) -> Option<(usize, &'static str)> {
    MARKER_ANCHORS.iter().find_map(|&(m, anchor)| {
        let start = at.checked_sub(anchor).filter(|&i| i >= from)?;
        (b[at] == m.as_bytes()[anchor] && b[start..].starts_with(m.as_bytes()))
            .then_some((start, m))
    })
}

/// Each of [`DETAIL_MARKERS`] with the offset of its anchor, its first `(` or `:`.
const MARKER_ANCHORS: [(&str, usize); DETAIL_MARKERS.len()] = {
    let mut anchors = [("", 0); DETAIL_MARKERS.len()];
    let mut i = 0;
    while i < anchors.len() {
        let m = DETAIL_MARKERS[i].as_bytes();
        let mut a = 0;
        while m[a] != b'(' && m[a] != b':' {
            a += 1;
        }
        anchors[i] = (DETAIL_MARKERS[i], a);
        i += 1;
    }
    anchors
};

/// The next marker of `citation_details` in `s` from byte `from` on, a detail marker or a
/// lower-case "page N" / "pages N-M" followed by a number: `(start, end, marker)`. A "page" is
/// found by its `g`, as the other markers are by their anchors (and none of them holds a "page").
fn next_detail(s: &str, from: usize) -> Option<(usize, usize, &'static str)> {
    let b = s.as_bytes();
    memchr::memchr3_iter(b'(', b':', b'g', &b[from..]).find_map(|k| {
        let at = from + k;
        if b[at] == b'g' {
            let start = at.checked_sub(2).filter(|&i| i >= from)?;
            return page_marker(s, start);
        }
        marker_around(b, from, at).map(|(start, m)| (start, start + m.len(), m))
    })
}

/// The lower-case "page" or "pages" at byte `i` of `s`, at the start of a word and followed by
/// whitespace and a number: `(start, end of the whitespace, "page")`.
fn page_marker(s: &str, i: usize) -> Option<(usize, usize, &'static str)> {
    let b = s.as_bytes();
    if !b[i..].starts_with(b"page") || (i > 0 && b[i - 1].is_ascii_alphanumeric()) {
        return None;
    }
    let mut e = i + 4;
    if b.get(e) == Some(&b's') {
        e += 1;
    }
    let ws_end = s.len() - trim_start_with(&s[e..], is_ws).len();
    (ws_end > e && b.get(ws_end).is_some_and(u8::is_ascii_digit)).then_some((i, ws_end, "page"))
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
        pages: Vec::new(),
    }
}

/// `citation_details := ( sections | chapter | pages | updated | TEXT )*`: the details that
/// follow a title, read into `c`. Text before the first marker is the topic.
fn details<'a>(c: &mut Citation<'a>, rest: Input<'a>) {
    let s = rest.fragment();
    // The markers in order, one pass over the text: each value runs to the next marker.
    let mut next = next_detail(s, 0);
    let first = next.map_or(s.len(), |m| m.0);
    let topic = trim_end_by(
        trim_start_by(slice(rest, 0, first), |c| is_ws(c) || c == ','),
        |c| is_ws(c) || c == '.' || c == ',' || c == ':',
    );
    if !topic.fragment().is_empty() {
        c.topic = Some(text(topic));
    }
    while let Some((_, value_start, m)) = next {
        next = next_detail(s, value_start);
        let value_end = next.map_or(s.len(), |n| n.0);
        let value = slice(rest, value_start, value_end);
        let value = trim_end_by(value, |c| is_ws(c) || c == '.' || c == ',');
        match m {
            SECTIONS if c.sections.is_empty() => c.sections = comma_list(value),
            SECTIONS => c.sections.extend(comma_list(value)),
            CHAPTER => c.chapter = Some(text(value)),
            UPDATED => {
                let v = trim_end_by(value, |c| is_ws(c) || c == ')' || c == '.' || c == ',');
                let v = trim_end_by(
                    prefix(v, v.fragment().find(')').unwrap_or(v.fragment().len())),
                    is_ws,
                );
                c.updated = Some(text(v));
            }
            _ => c.pages.extend(page_list(value.fragment())),
        }
    }
}

/// The most pages a range may expand to; a longer range is kept as its two ends.
const MAX_RANGE: u32 = 200;

/// `page_list := page_range ( ( "," | "and" ) page_range )*`, `page_range := NUMBER ("-" NUMBER)?`
pub(crate) fn page_list(s: &str) -> Vec<u32> {
    let mut pages = Vec::new();
    let mut rest = s.trim_start();
    loop {
        let n = rest.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 || n > 9 {
            break;
        }
        let Ok(a) = rest[..n].parse::<u32>() else {
            break;
        };
        rest = &rest[n..];
        let t = rest.trim_start();
        let dash = t.strip_prefix(['-', '–']).map(str::trim_start);
        match dash.map(|d| (d, d.bytes().take_while(u8::is_ascii_digit).count())) {
            Some((d, m)) if m > 0 && m <= 9 => {
                let b = d[..m].parse::<u32>().unwrap_or(a);
                if b >= a && b - a <= MAX_RANGE {
                    pages.extend(a..=b);
                } else {
                    pages.extend([a, b]);
                }
                rest = &d[m..];
            }
            _ => pages.push(a),
        }
        let t = rest.trim_start();
        rest = match t.strip_prefix(',').or_else(|| t.strip_prefix("and ")) {
            Some(r) => r.trim_start(),
            None => break,
        };
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lex::letter_input;

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
    }

    #[test]
    fn titles_by_key_are_the_titles_sorted() {
        let mut sorted = MTUS_TITLES.to_vec();
        let mut ours = TITLES_BY_KEY.to_vec();
        // By key, then longest first; the keys are the titles' keys, in that order.
        assert!(ours.windows(2).all(|w| {
            let (a, b) = (initials_key(w[0].as_bytes()), initials_key(w[1].as_bytes()));
            a < b || (a == b && w[0].len() >= w[1].len())
        }));
        assert!(
            ours.iter()
                .zip(TITLE_KEYS)
                .all(|(t, k)| initials_key(t.as_bytes()) == k)
        );
        ours.sort_unstable();
        sorted.sort_unstable();
        assert_eq!(ours, sorted);
        // Each starts with two ASCII letters, which its key holds.
        for t in MTUS_TITLES {
            assert!(t.as_bytes()[..2].iter().all(u8::is_ascii_alphabetic));
        }
        // For a letter, the key compares bytes as `eq_ignore_ascii_case` does.
        for letter in (b'a'..=b'z').chain(b'A'..=b'Z') {
            for x in 0..=u8::MAX {
                let same = initials_key(&[x, x]) == initials_key(&[letter, letter]);
                assert_eq!(same, x.eq_ignore_ascii_case(&letter));
            }
        }
        // No two titles of one length are the same ignoring case.
        for a in MTUS_TITLES {
            for b in MTUS_TITLES {
                assert!(a == b || !a.eq_ignore_ascii_case(b));
            }
        }
    }

    fn g(s: &str) -> (Guideline<'_>, Vec<Diagnostic>) {
        let mut d = Sink::new(s);
        (guideline_body(letter_input(s), &mut d), d.found())
    }

    fn strs(v: &[crate::span::Text<'_>]) -> Vec<String> {
        v.iter().map(|t| t.text().into_owned()).collect()
    }

    #[test]
    fn mtus_2016_with_sections() {
        let (g, d) = g(
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
        let (g, _) = g(
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
        let (g, d) = g(
            "Decision based on MTUS General Approaches 2004, Section(s): Initial Care, and Shoulder Complaints 2004, Section(s): Initial Care, Summary. Decision based on Non-MTUS Citation ODG Shoulder.",
        );
        assert!(d.is_empty());
        assert_eq!(g.citations.len(), 3);
        assert_eq!(
            g.citations[0].guideline.unwrap().text(),
            "General Approaches"
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
        let (g, _) = g(
            "Decision based on MTUS Forearm, Wrist, and Hand Complaints 2004, Section(s): Initial Care.",
        );
        assert_eq!(g.citations.len(), 1);
        assert_eq!(
            g.citations[0].guideline.unwrap().text(),
            "Forearm, Wrist, and Hand Complaints"
        );
    }

    #[test]
    fn fixed_sentences() {
        let (g1, _) =
            g("The Claims Administrator did not cite any medical evidence for its \ndecision.");
        assert!(g1.no_evidence_cited && g1.citations.is_empty());
        let (g2, d) = g(
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
    }

    #[test]
    fn unknown_title_warns() {
        let (g, d) = g("Decision based on MTUS Shoulder Disorders 2004.");
        assert_eq!(
            g.citations[0].guideline.unwrap().text(),
            "Shoulder Disorders"
        );
        assert_eq!(g.citations[0].year, Some(2004));
        assert_eq!(d[0].code(), Code::UnknownGuideline);
    }

    #[test]
    fn first_of_several_phrases() {
        let s = "xdid not cite any medical evidence for its decision. Ddecision based on \
                 DECISION\nBASED ON x dEcision based on";
        let d = [DECISION_BASED_ON];
        // Only at the start of a word, or where the search starts.
        assert_eq!(find_first_of(s, 0, &OPENINGS), Some((0, 72, 89)));
        assert_eq!(find_first_of(s, 1, &OPENINGS), Some((1, 1, 52)));
        assert_eq!(find_first_of(s, 54, &OPENINGS), Some((0, 54, 71)));
        assert_eq!(find_first_of(s, 89, &d), Some((0, 92, 109)));
        assert_eq!(find_first_of(s, 93, &d), None);
        assert_eq!(find_initial(b"xxxxxxxxxxB", 0, &OPENINGS), Some(10));
        assert_eq!(find_initial(b"xxxxxxxxxxD", 0, &d), Some(10));
        assert_eq!(find_initial(b"xxxxxxxxxxB", 0, &d), None);
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
        assert_eq!(
            page_list("303-305, 310 and 312."),
            [303, 304, 305, 310, 312]
        );
        assert_eq!(page_list("1-4000000"), [1, 4000000]);
        assert!(page_list("x").is_empty());
    }
}
