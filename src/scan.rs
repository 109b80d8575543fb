//! Line and phrase scanning: the low layer every production is built on.
//!
//! Text extractors differ in how they lay a letter out: an empty line after every line, a line
//! holding one space between paragraphs, form feeds at page breaks, CRLF line ends, trailing
//! spaces. All of that is absorbed here, once:
//!
//! - *inline whitespace* is any whitespace but `\n` (so `\r`, `\f` and no-break spaces are
//!   spaces), so a CRLF line is a line whose content ends with a space;
//! - a *blank line* holds inline whitespace only, and runs of them ([`noise`]) are skipped
//!   between the lines that carry text;
//! - a *phrase* ([`phrase`]) matches the words of a fixed sentence separated by any whitespace,
//!   line breaks and page breaks included, so boilerplate may wrap anywhere.
//!
//! ```text
//! noise      := blank_line*
//! blank_line := inline_ws* ( "\n" | EOF )        (consuming at least one character)
//! line       := (!"\n" CHAR)* ( "\n" | EOF )
//! phrase(w1 .. wn) := w1 ws+ w2 ws+ .. wn        (words compared ignoring ASCII case)
//! ```

use nom::{
    IResult, Input as _, Parser,
    error::{ErrorKind, ParseError},
};
use nom_locate::LocatedSpan;

use crate::span::{Text, is_ws};

/// The parser input: the letter's text with its byte offset.
pub(crate) type Input<'a> = LocatedSpan<&'a str>;

/// Result of a production.
pub(crate) type PResult<'a, O> = IResult<Input<'a>, O, Expected>;

/// A production did not match: what it expected, and where.
///
/// Productions fail often and cheaply while the grammar tries alternatives; the diagnostics a
/// user sees are built at the section level from the structure that did match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Expected {
    /// Byte offset where the production failed.
    pub offset: usize,
    /// What the production expected there.
    pub what: &'static str,
}

impl<'a> ParseError<Input<'a>> for Expected {
    fn from_error_kind(input: Input<'a>, _kind: ErrorKind) -> Self {
        Expected {
            offset: input.location_offset(),
            what: "text of the letter",
        }
    }

    fn append(_input: Input<'a>, _kind: ErrorKind, other: Self) -> Self {
        other
    }
}

/// Fails at `input`, expecting `what`.
pub(crate) fn fail<'a, O>(input: Input<'a>, what: &'static str) -> PResult<'a, O> {
    Err(nom::Err::Error(Expected {
        offset: input.location_offset(),
        what,
    }))
}

/// Whitespace other than a line feed.
pub(crate) fn is_inline_ws(c: char) -> bool {
    c != '\n' && is_ws(c)
}

/// A text node over a fragment, trimmed of surrounding whitespace.
pub(crate) fn text(frag: Input<'_>) -> Text<'_> {
    let s = *frag.fragment();
    let lead = s.len() - s.trim_start_matches(is_ws).len();
    let trimmed = s.trim_matches(is_ws);
    Text::new(trimmed, frag.location_offset() + lead)
}

/// The fragment of `outer` from `from` (a suffix of it) up to `to` (a later suffix).
pub(crate) fn between<'a>(from: Input<'a>, to: Input<'a>) -> Input<'a> {
    let n = to.location_offset().saturating_sub(from.location_offset());
    from.take(n.min(from.fragment().len()))
}

/// Splits `input` at byte `n` (clamped to a char boundary): `(rest, taken)`, as nom does.
pub(crate) fn split_at(input: Input<'_>, n: usize) -> (Input<'_>, Input<'_>) {
    let s = input.fragment();
    let mut n = n.min(s.len());
    while !s.is_char_boundary(n) {
        n -= 1;
    }
    input.take_split(n)
}

/// `inline_ws := (WS - "\n")*`
pub(crate) fn inline_ws(input: Input<'_>) -> PResult<'_, Input<'_>> {
    let n = input
        .fragment()
        .find(|c: char| !is_inline_ws(c))
        .unwrap_or(input.fragment().len());
    Ok(split_at(input, n))
}

/// `line := (!"\n" CHAR)* ("\n" | EOF)`: one line, returned without its line feed.
/// Fails at the end of the input.
pub(crate) fn line(input: Input<'_>) -> PResult<'_, Input<'_>> {
    let s = input.fragment();
    if s.is_empty() {
        return fail(input, "a line");
    }
    match memchr_nl(s) {
        Some(i) => {
            let (rest, content) = split_at(input, i);
            Ok((split_at(rest, 1).0, content))
        }
        None => Ok(split_at(input, s.len())),
    }
}

fn memchr_nl(s: &str) -> Option<usize> {
    s.as_bytes().iter().position(|&b| b == b'\n')
}

/// `blank_line := inline_ws ("\n" | EOF)`, consuming at least one character.
pub(crate) fn blank_line(input: Input<'_>) -> PResult<'_, ()> {
    let (rest, l) = line(input)?;
    if l.fragment().chars().all(is_inline_ws) {
        Ok((rest, ()))
    } else {
        fail(input, "a blank line")
    }
}

/// `noise := blank_line*`: page breaks, paragraph separators and double spacing.
pub(crate) fn noise(mut input: Input<'_>) -> PResult<'_, ()> {
    while let Ok((rest, ())) = blank_line(input) {
        input = rest;
    }
    Ok((input, ()))
}

/// [`noise`] as a plain function: the input after any blank lines.
pub(crate) fn skip_noise(input: Input<'_>) -> Input<'_> {
    noise(input).map_or(input, |(rest, ())| rest)
}

/// Whether the rest of the input holds only whitespace.
pub(crate) fn at_end(input: Input<'_>) -> bool {
    input.fragment().chars().all(is_ws)
}

/// `line_start(p) := inline_ws p`: `p` at the start of a line, after its indentation.
pub(crate) fn line_start<'a, O>(
    mut p: impl Parser<Input<'a>, Output = O, Error = Expected>,
) -> impl FnMut(Input<'a>) -> PResult<'a, O> {
    move |input| {
        let (input, _) = inline_ws(input)?;
        p.parse(input)
    }
}

/// `phrase(w1 .. wn) := w1 ws+ w2 ws+ .. wn`: the words of `words`, each compared ignoring
/// ASCII case, separated by any whitespace (line and page breaks too). Returns the matched text.
pub(crate) fn phrase<'a>(words: &'static str) -> impl Fn(Input<'a>) -> PResult<'a, Input<'a>> {
    move |input: Input<'a>| match match_phrase(input.fragment(), words) {
        Some(n) => Ok(split_at(input, n)),
        None => fail(input, words),
    }
}

/// Length of the match of `words` at the start of `s`, if they match.
pub(crate) fn match_phrase(s: &str, words: &str) -> Option<usize> {
    // Fast rejection on the first byte: the scanners try several phrases at every line, and
    // splitting a phrase into words costs more than the comparison that usually fails at once.
    if let (Some(&a), Some(&b)) = (s.as_bytes().first(), words.as_bytes().first())
        && !b.is_ascii_whitespace()
        && !a.eq_ignore_ascii_case(&b)
    {
        return None;
    }
    let mut pos = 0;
    for (k, w) in crate::span::words(words).enumerate() {
        if k > 0 {
            let rest = &s[pos..];
            let skip = rest.len() - rest.trim_start_matches(is_ws).len();
            if skip == 0 {
                return None;
            }
            pos += skip;
        }
        let rest = &s.as_bytes()[pos..];
        if rest.len() < w.len() || !rest[..w.len()].eq_ignore_ascii_case(w.as_bytes()) {
            return None;
        }
        pos += w.len();
    }
    Some(pos)
}

/// Finds the first match of the phrase `words` in `input`: `(before, matched, after)`.
pub(crate) fn find_phrase<'a>(
    input: Input<'a>,
    words: &'static str,
) -> Option<(Input<'a>, Input<'a>, Input<'a>)> {
    let s = input.fragment();
    let first = words.split(' ').next().unwrap_or_default().as_bytes();
    if first.is_empty() {
        return None;
    }
    let bytes = s.as_bytes();
    let mut i = 0;
    while i + first.len() <= bytes.len() {
        if bytes[i..i + first.len()].eq_ignore_ascii_case(first)
            && s.is_char_boundary(i)
            && (i == 0 || !is_word_byte(first[0]) || !is_word_byte(bytes[i - 1]))
        {
            if let Some(n) = match_phrase(&s[i..], words) {
                let (after_start, before) = split_at(input, i);
                let (after, matched) = split_at(after_start, n);
                return Some((before, matched, after));
            }
        }
        i += 1;
    }
    None
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// Whether the fragment has a line that ends (before trailing whitespace) with one of `ends`,
/// other than its last line: how a sentence ending inside a wrapped heading line is told apart
/// from a wrapped line.
pub(crate) fn has_inner_line_ending_with(frag: &str, ends: &[char]) -> bool {
    let body = frag.trim_end_matches(is_ws);
    body.split('\n')
        .rev()
        .skip(1)
        .any(|l| l.trim_end_matches(is_ws).ends_with(ends))
}

/// `list := element ( "," element )*`: splits a fragment at commas outside parentheses into
/// trimmed, non-empty text nodes.
pub(crate) fn comma_list(frag: Input<'_>) -> Vec<Text<'_>> {
    let s = frag.fragment();
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ','))) {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            ',' if depth == 0 || i == s.len() => {
                let piece = text(split_at(split_at(frag, start).0, i - start).1);
                if !piece.is_empty() {
                    out.push(piece);
                }
                start = (i + 1).min(s.len());
            }
            _ => {}
        }
    }
    out
}

/// The fragment without leading characters matching `f`.
pub(crate) fn trim_start_by(frag: Input<'_>, f: impl Fn(char) -> bool) -> Input<'_> {
    let s = frag.fragment();
    split_at(frag, s.len() - s.trim_start_matches(f).len()).0
}

/// The fragment without trailing characters matching `f`.
pub(crate) fn trim_end_by(frag: Input<'_>, f: impl Fn(char) -> bool) -> Input<'_> {
    let s = frag.fragment();
    split_at(frag, s.trim_end_matches(f).len()).1
}

/// The fragment from byte `from` to byte `to` of it.
pub(crate) fn slice(frag: Input<'_>, from: usize, to: usize) -> Input<'_> {
    split_at(split_at(frag, from).0, to.saturating_sub(from)).1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inp(s: &str) -> Input<'_> {
        Input::new(s)
    }

    #[test]
    fn line_splits_and_keeps_offsets() {
        let (rest, l) = line(inp("ab \r\ncd")).unwrap();
        assert_eq!(*l.fragment(), "ab \r");
        assert_eq!(rest.location_offset(), 5);
        let (rest, l) = line(rest).unwrap();
        assert_eq!(*l.fragment(), "cd");
        assert!(line(rest).is_err());
    }

    #[test]
    fn noise_skips_blank_lines_and_form_feeds() {
        let (rest, ()) = noise(inp("\n \r\n\u{c}\n\nx\n")).unwrap();
        assert_eq!(*rest.fragment(), "x\n");
    }

    #[test]
    fn phrase_matches_across_line_breaks() {
        let p = phrase("was the original request.");
        let (rest, m) = p(inp("was the\n\n original\r\nREQUEST. Next")).unwrap();
        assert_eq!(*rest.fragment(), " Next");
        assert!(m.fragment().ends_with("REQUEST."));
        assert!(p(inp("was theoriginal request.")).is_err());
    }

    #[test]
    fn find_phrase_respects_word_starts() {
        let (before, m, after) =
            find_phrase(inp("xis Board\nCertified in Y"), "Board Certified in").expect("found");
        assert_eq!(*before.fragment(), "xis ");
        assert_eq!(m.location_offset(), 4);
        assert_eq!(*after.fragment(), " Y");
        assert!(find_phrase(inp("xBoard Certified in"), "Board Certified in").is_none());
    }

    #[test]
    fn comma_lists_keep_parentheses() {
        let l = comma_list(inp("NSAIDs (a, b), Cyclobenzaprine ,, x"));
        let t: Vec<_> = l.iter().map(|t| t.text()).collect();
        assert_eq!(t, ["NSAIDs (a, b)", "Cyclobenzaprine", "x"]);
        assert_eq!(l[1].span.start, 15);
    }

    #[test]
    fn inner_line_endings() {
        assert!(has_inner_line_ending_with("a.\nb:", &['.']));
        assert!(!has_inner_line_ending_with("a\nb.  \n", &['.']));
    }
}
