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
//! The line tokens ([`lines`](super::lines)) are built from these scans, and the in-line
//! grammars match the template's fixed words with [`phrase`].

use nom::{
    IResult, Input as _,
    error::{ErrorKind, ParseError},
};
use nom_locate::LocatedSpan;

use crate::span::{Text, is_ws, skip_ws, trim_end_with, trim_start_with};

/// The parser input: a fragment of the letter, located by its byte offset ([`Pos::pos`]).
///
/// nom_locate's offset counts from where a span was made, and `extra` holds the offset in the
/// letter where it was made. The scanners cut the text with [`split_at`], which makes both
/// halves afresh at their offsets, a constant cost; splitting with nom_locate instead counts the
/// line feeds of the part skipped, over and over as the sections, items and citations are cut
/// out of each other. Lines and columns come from one line index over the letter
/// (`span::LineIndex`), so nom_locate's line count is not used.
pub(crate) type Input<'a> = LocatedSpan<&'a str, usize>;

/// An input over the whole text of a letter.
pub(crate) fn letter_input(source: &str) -> Input<'_> {
    LocatedSpan::new_extra(source, 0)
}

/// An input over `fragment`, which starts at byte `offset` of the letter.
pub(crate) fn input_at(fragment: &str, offset: usize) -> Input<'_> {
    LocatedSpan::new_extra(fragment, offset)
}

/// The position of an input in the letter.
pub(crate) trait Pos {
    /// Byte offset of the start of the fragment in the letter.
    fn pos(&self) -> usize;
}

impl Pos for Input<'_> {
    fn pos(&self) -> usize {
        self.extra + self.location_offset()
    }
}

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
            offset: input.pos(),
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
        offset: input.pos(),
        what,
    }))
}

/// Whitespace other than a line feed.
pub(crate) fn is_inline_ws(c: char) -> bool {
    c != '\n' && is_ws(c)
}

/// A text node over a fragment, trimmed of surrounding whitespace. A blank fragment gives an
/// empty node at its start.
#[inline]
pub(crate) fn text(frag: Input<'_>) -> Text<'_> {
    text_at(frag.fragment(), frag.pos())
}

/// [`text`] over a string that starts at byte `offset` of the input.
#[inline]
pub(crate) fn text_at(s: &str, offset: usize) -> Text<'_> {
    let start = trim_start_with(s, is_ws);
    let trimmed = trim_end_with(start, is_ws);
    let lead = if trimmed.is_empty() {
        0
    } else {
        s.len() - start.len()
    };
    Text::new(trimmed, offset + lead)
}

/// The fragment of `outer` from `from` (a suffix of it) up to `to` (a later suffix).
pub(crate) fn between<'a>(from: Input<'a>, to: Input<'a>) -> Input<'a> {
    let n = to.pos().saturating_sub(from.pos());
    from.take(n.min(from.fragment().len()))
}

/// Splits `input` at byte `n` (clamped to a char boundary): `(rest, taken)`, as nom does.
pub(crate) fn split_at(input: Input<'_>, n: usize) -> (Input<'_>, Input<'_>) {
    let s = input.fragment();
    let mut n = n.min(s.len());
    while !s.is_char_boundary(n) {
        n -= 1;
    }
    let off = input.pos();
    (input_at(&s[n..], off + n), input_at(&s[..n], off))
}

/// Inline whitespace: any whitespace but a line feed.
pub(crate) fn inline_ws(input: Input<'_>) -> PResult<'_, Input<'_>> {
    let s = input.fragment();
    Ok(split_at(
        input,
        s.len() - trim_start_with(s, is_inline_ws).len(),
    ))
}

/// One line, returned without its line feed.
/// Fails at the end of the input.
pub(crate) fn line(input: Input<'_>) -> PResult<'_, Input<'_>> {
    let s = input.fragment();
    if s.is_empty() {
        return fail(input, "a line");
    }
    match memchr_nl(s) {
        Some(i) => Ok((split_at(input, i + 1).0, input.take(i))),
        None => Ok(split_at(input, s.len())),
    }
}

fn memchr_nl(s: &str) -> Option<usize> {
    memchr::memchr(b'\n', s.as_bytes())
}

/// A line of inline whitespace only, with its line feed, consuming at least one character.
pub(crate) fn blank_line(input: Input<'_>) -> PResult<'_, ()> {
    let (rest, l) = line(input)?;
    if l.fragment().chars().all(is_inline_ws) {
        Ok((rest, ()))
    } else {
        fail(input, "a blank line")
    }
}

/// Blank lines: page breaks, paragraph separators and double spacing.
pub(crate) fn noise(mut input: Input<'_>) -> PResult<'_, ()> {
    while let Ok((rest, ())) = blank_line(input) {
        input = rest;
    }
    Ok((input, ()))
}

/// The input from byte `offset` of the letter, inside `within` (clamped to it).
pub(crate) fn seek<'a>(within: Input<'a>, offset: usize) -> Input<'a> {
    split_at(within, offset.saturating_sub(within.pos())).0
}

/// The key of a text's first two bytes `a` and `b`: both in lower case (bytes other than ASCII
/// letters as they are), so that two texts starting with the same two letters in any case have
/// the same key. Phrases ([`Initials`]), the case header's labels and the MTUS titles are looked
/// up by it.
pub(crate) const fn pair_key(a: u8, b: u8) -> [u8; 2] {
    [a.to_ascii_lowercase(), b.to_ascii_lowercase()]
}

/// The first two letters (in either case) of a set of fixed phrases: a cheap test that lets a
/// scan skip the lines on which none of the phrases can start.
pub(crate) struct Initials {
    /// The first letters, in both cases.
    first: [bool; 256],
    /// Lower-case letter pairs; the first `len` are used.
    pairs: [[u8; 2]; Initials::MAX],
    len: usize,
}

impl Initials {
    const MAX: usize = 8;

    /// No phrase.
    pub(crate) const NONE: Initials = Initials {
        first: [false; 256],
        pairs: [[0; 2]; Initials::MAX],
        len: 0,
    };

    /// These initials and those of `phrase`, whose first word has two letters or more (a
    /// phrase that breaks that rule fails the build).
    pub(crate) const fn with(mut self, phrase: &str) -> Self {
        let b = phrase.as_bytes();
        assert!(b.len() >= 2 && b[0] != b' ' && b[1] != b' ');
        assert!(self.len < Initials::MAX);
        self.first[b[0].to_ascii_lowercase() as usize] = true;
        self.first[b[0].to_ascii_uppercase() as usize] = true;
        self.pairs[self.len] = pair_key(b[0], b[1]);
        self.len += 1;
        self
    }

    /// Whether the first two characters of `line` after inline whitespace are the initials of
    /// one of the phrases.
    #[inline]
    pub(crate) fn may_start(&self, line: &str) -> bool {
        let text = match line.as_bytes().first() {
            None => return false,
            Some(&b) if self.first[usize::from(b)] => line,
            Some(b) if b.is_ascii_graphic() => return false,
            Some(_) => trim_start_with(line, is_inline_ws),
        };
        let [a, b, ..] = text.as_bytes() else {
            return false;
        };
        if !self.first[usize::from(*a)] {
            return false;
        }
        self.pairs[..self.len].contains(&pair_key(*a, *b))
    }
}

/// The [`Initials`] of the phrases of a list: `initials_of!(Kind::ALL, Kind::phrase)`, where
/// `Kind::ALL` is an array constant and `Kind::phrase` a `const fn` giving an element's phrase.
macro_rules! initials_of {
    ($all:expr, $phrase:path) => {{
        let (mut set, mut i) = ($crate::lex::Initials::NONE, 0);
        while i < $all.len() {
            set = set.with($phrase($all[i]));
            i += 1;
        }
        set
    }};
}
pub(crate) use initials_of;

/// The phrases of a list, as an array: `phrases_of!(Kind::ALL, Kind::phrase)`, with the same
/// arguments as [`initials_of!`].
macro_rules! phrases_of {
    ($all:expr, $phrase:path) => {{
        let (mut phrases, mut i) = ([""; $all.len()], 0);
        while i < $all.len() {
            phrases[i] = $phrase($all[i]);
            i += 1;
        }
        phrases
    }};
}
pub(crate) use phrases_of;

/// Whether the rest of the input holds only whitespace.
pub(crate) fn at_end(input: Input<'_>) -> bool {
    input.fragment().chars().all(is_ws)
}

/// The words of `words`, each compared ignoring ASCII case, separated by any whitespace (line
/// and page breaks too). Returns the matched text.
///
/// ```text
/// phrase(w1 .. wn) = w1 , WS+ , w2 , WS+ , ... , wn ;
/// ```
pub(crate) fn phrase<'a>(words: &'static str) -> impl Fn(Input<'a>) -> PResult<'a, Input<'a>> {
    move |input: Input<'a>| match match_phrase(input.fragment(), words) {
        Some(n) => Ok(split_at(input, n)),
        None => fail(input, words),
    }
}

/// Length of the match of `words` at the start of `s`, if they match. `words` is a fixed text
/// of the template: ASCII words separated by single spaces. Each space of `words` matches a
/// run of one or more whitespace characters of `s`; other bytes match ignoring ASCII case.
pub(crate) fn match_phrase(s: &str, words: &str) -> Option<usize> {
    debug_assert!(
        !words.starts_with(' ') && !words.ends_with(' ') && !words.contains("  "),
        "a phrase's words are separated by single spaces: {words:?}"
    );
    let text = s.as_bytes();
    let words = words.as_bytes();
    // Most attempts fail at the first letter: say so before setting anything up.
    if let (Some(&t), Some(&w)) = (text.first(), words.first())
        && w != b' '
        && !t.eq_ignore_ascii_case(&w)
    {
        return None;
    }
    // Most matches are written exactly as the template writes them.
    if text.starts_with(words) {
        return Some(words.len());
    }
    let (mut pos, mut w) = (0, 0);
    loop {
        // Most of a match is text written exactly as the template writes it: take that run
        // eight bytes at a time, and look at the bytes one by one only where they differ.
        let same = common_prefix(&text[pos..], &words[w..]);
        pos += same;
        w += same;
        let Some(&want) = words.get(w) else {
            return Some(pos);
        };
        if w > 0 && words[w - 1] == b' ' && text.get(pos).is_some_and(|&b| starts_ws(s, pos, b)) {
            // A space of `words` matched the first of several whitespace characters.
            pos = skip_ws(s, pos);
        } else if want == b' ' {
            let start = pos;
            pos = skip_ws(s, pos);
            if pos == start {
                return None;
            }
            w += 1;
        } else if text.get(pos)?.eq_ignore_ascii_case(&want) {
            pos += 1;
            w += 1;
        } else {
            return None;
        }
    }
}

/// Whether whitespace starts at byte `pos` of `s`, whose byte there is `b`.
fn starts_ws(s: &str, pos: usize, b: u8) -> bool {
    if b.is_ascii() {
        is_ws(char::from(b))
    } else {
        s.get(pos..)
            .and_then(|r| r.chars().next())
            .is_some_and(is_ws)
    }
}

/// The length of the longest common prefix of `a` and `b`, compared eight bytes at a time.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let mut i = 0;
    for (x, y) in a[..n].chunks_exact(8).zip(b[..n].chunks_exact(8)) {
        let x = u64::from_le_bytes(x.try_into().unwrap_or_default());
        let y = u64::from_le_bytes(y.try_into().unwrap_or_default());
        if x != y {
            return i + (x ^ y).trailing_zeros() as usize / 8;
        }
        i += 8;
    }
    // The last bytes: one more eight-byte read ending at `n`, overlapping bytes known equal.
    if i < n && n >= 8 {
        let x = u64::from_le_bytes(a[n - 8..n].try_into().unwrap_or_default());
        let y = u64::from_le_bytes(b[n - 8..n].try_into().unwrap_or_default());
        return if x == y {
            n
        } else {
            n - 8 + (x ^ y).trailing_zeros() as usize / 8
        };
    }
    while i < n && a[i] == b[i] {
        i += 1;
    }
    i
}

/// Where the phrase `words` starts when it ends at byte `end` (a char boundary) of `s`: its
/// bytes compared backwards ignoring ASCII case, each space of `words` a run of whitespace,
/// the first word at a word start (or at the start of `s`). The phrase may end with a space: a
/// run of whitespace before `end`.
pub(crate) fn phrase_start(s: &str, end: usize, words: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut pos = end;
    if bytes[..end].ends_with(words.as_bytes()) {
        // Written as the template writes it.
        pos -= words.len();
    } else {
        for &w in words.as_bytes().iter().rev() {
            if w == b' ' {
                let before = trim_end_with(&s[..pos], is_ws).len();
                if before == pos {
                    return None;
                }
                pos = before;
            } else {
                // An ASCII byte matched starts a char: `pos` stays a char boundary.
                pos = pos.checked_sub(1)?;
                if !bytes[pos].eq_ignore_ascii_case(&w) {
                    return None;
                }
            }
        }
    }
    let starts_word = pos == 0 || !bytes[pos - 1].is_ascii_alphanumeric();
    starts_word.then_some(pos)
}

/// The text up to the first match of the phrase `words` (which is left in the input), as a nom
/// parser: fails when the phrase is not there.
///
/// ```text
/// take_until_phrase(w) = { CHAR - w } , &w ;
/// ```
pub(crate) fn take_until_phrase<'a>(
    words: &'static str,
) -> impl Fn(Input<'a>) -> PResult<'a, Input<'a>> {
    move |input: Input<'a>| match find_phrase(input, words) {
        Some((before, _, _)) => Ok(split_at(input, before.fragment().len())),
        None => fail(input, words),
    }
}

/// The text before the last colon of `input` and the text after it.
pub(crate) fn last_colon(input: Input<'_>) -> Option<(Input<'_>, Input<'_>)> {
    let at = memchr::memrchr(b':', input.fragment().as_bytes())?;
    let (after, before) = split_at(input, at);
    Some((before, split_at(after, 1).0))
}

/// Finds the first match of the phrase `words` in `input`: `(before, matched, after)`.
pub(crate) fn find_phrase<'a>(
    input: Input<'a>,
    words: &'static str,
) -> Option<(Input<'a>, Input<'a>, Input<'a>)> {
    find_phrase_by(input, words, usize::MAX)
}

/// [`find_phrase`], for a match starting at byte `last_start` of the input or before: the
/// search stops there.
pub(crate) fn find_phrase_by<'a>(
    input: Input<'a>,
    words: &'static str,
    last_start: usize,
) -> Option<(Input<'a>, Input<'a>, Input<'a>)> {
    let s = input.fragment();
    let w = words.as_bytes();
    let first = &w[..w.iter().position(|&b| b == b' ').unwrap_or(w.len())];
    if first.is_empty() {
        return None;
    }
    let bytes = s.as_bytes();
    let (lower, upper) = (first[0].to_ascii_lowercase(), first[0].to_ascii_uppercase());
    // Where a match may start.
    let starts = bytes.len().min(last_start.saturating_add(1));
    let mut i = 0;
    while i < starts && i + first.len() <= bytes.len() {
        // Jump to the next place the first letter is, in either case.
        match memchr::memchr2(lower, upper, &bytes[i..starts]) {
            Some(k) => i += k,
            None => break,
        }
        if i + first.len() > bytes.len() {
            break;
        }
        if bytes[i..i + first.len()].eq_ignore_ascii_case(first)
            && s.is_char_boundary(i)
            && (i == 0 || !is_word_byte(first[0]) || !is_word_byte(bytes[i - 1]))
            && let Some(n) = match_phrase(&s[i..], words)
        {
            let (after_start, before) = split_at(input, i);
            let (after, matched) = split_at(after_start, n);
            return Some((before, matched, after));
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
    first_inner_line_ending(frag, ends).is_some()
}

/// The first line of the fragment, other than its last, that ends (before trailing whitespace)
/// with one of `ends`: the offset of the first non-blank character after it.
pub(crate) fn first_inner_line_ending(frag: &str, ends: &[char]) -> Option<usize> {
    // Every line followed by a line feed in the trimmed fragment is an inner line.
    let body = trim_end_with(frag, is_ws);
    let mut start = 0;
    for nl in memchr::memchr_iter(b'\n', body.as_bytes()) {
        if trim_end_with(&body[start..nl], is_ws).ends_with(ends) {
            let after = &body[nl + 1..];
            return Some(nl + 1 + after.len() - trim_start_with(after, is_ws).len());
        }
        start = nl + 1;
    }
    None
}

/// Splits a fragment at commas outside parentheses into trimmed, non-empty text nodes.
///
/// ```text
/// list = element , { "," , element } ;
/// ```
pub(crate) fn comma_list(frag: Input<'_>) -> Vec<Text<'_>> {
    let s = frag.fragment();
    let mut out = Vec::new();
    let mut push = |start: usize, end: usize| {
        let piece = text_at(&s[start..end], frag.pos() + start);
        if !piece.is_empty() {
            if out.capacity() == 0 {
                // The room a first push makes, without the growth path.
                out = Vec::with_capacity(4);
            }
            out.push(piece);
        }
    };
    // The delimiters are ASCII, so the bytes can be walked: no byte of a multi-byte
    // character is one of them.
    let b = s.as_bytes();
    let (mut start, mut i) = (0, 0);
    // Outside brackets only a comma or an opening bracket matters.
    while let Some(k) = memchr::memchr3(b',', b'(', b'[', &b[i..]) {
        let at = i + k;
        if b[at] == b',' {
            push(start, at);
            start = at + 1;
            i = at + 1;
            continue;
        }
        // Inside brackets: on to where they close, or to the end.
        let mut depth = 0usize;
        i = b.len();
        for (j, &c) in b.iter().enumerate().skip(at) {
            match c {
                b'(' | b'[' => depth += 1,
                b')' | b']' => depth -= 1,
                _ => continue,
            }
            if depth == 0 {
                i = j + 1;
                break;
            }
        }
    }
    push(start, s.len());
    out
}

/// The fragment without leading characters matching `f`.
#[inline]
pub(crate) fn trim_start_by(frag: Input<'_>, f: impl Fn(char) -> bool) -> Input<'_> {
    let s = frag.fragment();
    split_at(frag, s.len() - trim_start_with(s, f).len()).0
}

/// The fragment without trailing characters matching `f`.
#[inline]
pub(crate) fn trim_end_by(frag: Input<'_>, f: impl Fn(char) -> bool) -> Input<'_> {
    let s = frag.fragment();
    prefix(frag, trim_end_with(s, f).len())
}

/// The first `n` bytes of the fragment (clamped to a char boundary).
pub(crate) fn prefix(frag: Input<'_>, n: usize) -> Input<'_> {
    let s = frag.fragment();
    let mut n = n.min(s.len());
    while !s.is_char_boundary(n) {
        n -= 1;
    }
    frag.take(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inp(s: &str) -> Input<'_> {
        letter_input(s)
    }

    #[test]
    fn line_splits_and_keeps_offsets() {
        let (rest, l) = line(inp("ab \r\ncd")).unwrap();
        assert_eq!(*l.fragment(), "ab \r");
        assert_eq!(rest.pos(), 5);
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
    fn match_phrase_runs_and_differences() {
        let words = "The Final Determination was based on";
        let exact = "The Final Determination was based on x";
        assert_eq!(match_phrase(exact, words), Some(words.len()));
        // A space of the words against several whitespace characters, a no-break space, a
        // different case inside an eight-byte run, and a line break.
        let loose = "The  Final\u{a0}DETERMINATION was\r\n\n based on";
        assert_eq!(match_phrase(loose, words), Some(loose.len()));
        assert_eq!(match_phrase("The Final Determinatiom was", words), None);
        assert_eq!(match_phrase("TheFinal", "The Final"), None);
        assert_eq!(match_phrase("The Fin", "The Final"), None);
        assert_eq!(match_phrase("", "a"), None);
        assert_eq!(common_prefix(b"abcdefghij", b"abcdefghiJ"), 9);
        assert_eq!(common_prefix(b"abcdefgh", b"abcdefgh"), 8);
        assert_eq!(common_prefix(b"abcdefghijk", b"abcdefghijk"), 11);
        assert_eq!(common_prefix(b"abcdefghijk", b"abcdefghXjk"), 8);
        assert_eq!(common_prefix(b"abcdefghijk", b"abcdefghij"), 10);
        assert_eq!(common_prefix(b"abcXefghijk", b"abcdefghij"), 3);
        assert_eq!(common_prefix(b"abc", b"abd"), 2);
    }

    #[test]
    fn initials_pass_the_lines_a_phrase_may_start() {
        const SET: Initials = Initials::NONE
            .with("CLINICAL CASE SUMMARY")
            .with("MAXIMUS guideline:");
        for line in [
            "CLINICAL",
            "clinical x",
            " \t\u{a0}Clin",
            "MAxim",
            "\u{c}ma",
        ] {
            assert!(SET.may_start(line), "{line:?}");
        }
        for line in ["", "C", "Cyclobenzaprine", "MRI", "xCL", "é", " ", "\u{a0}"] {
            assert!(!SET.may_start(line), "{line:?}");
        }
    }

    #[test]
    fn find_phrase_respects_word_starts() {
        let (before, m, after) =
            find_phrase(inp("xis Board\nCertified in Y"), "Board Certified in").expect("found");
        assert_eq!(*before.fragment(), "xis ");
        assert_eq!(m.pos(), 4);
        assert_eq!(*after.fragment(), " Y");
        assert!(find_phrase(inp("xBoard Certified in"), "Board Certified in").is_none());
        let s = inp("ab Board\nCertified in");
        assert!(find_phrase_by(s, "Board Certified in", 3).is_some());
        assert!(find_phrase_by(s, "Board Certified in", 2).is_none());
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
        assert_eq!(
            first_inner_line_ending("x\na. \r\n\n  b\nc.", &['.']),
            Some(10)
        );
        assert_eq!(first_inner_line_ending("a.", &['.']), None);
    }
}
