//! Small combinators for the in-line grammars (the case header, the credentials): whitespace
//! and words, a phrase looked for ahead, one of several phrases, the misspelling matcher
//! ([`super::fuzzy`]) as nom parsers, and nom's `recognize` and `consumed` for them.
//!
//! Each is a nom parser over [`Input`]: it consumes what it names and fails (without consuming)
//! otherwise, so the grammars combine them with nom's `alt`, `many0`, `preceded`, `not`, ...
//! They cut the input with [`split_at`], at a constant cost, where nom_locate's own cutting
//! counts the line feeds of every piece it passes; a span so cut starts afresh at its offset in
//! the letter, so what a sequence of them read is measured by those offsets ([`recognized`],
//! [`with_consumed`]), not by nom's `recognize` and `consumed`. The scanning they need (a
//! phrase search, a bounded misspelling window) is done here, in the lexer, where byte-level
//! work belongs.

use nom::Parser;

use super::fuzzy::{misspelt_label_of, misspelt_words};
use super::scan::{
    Expected, Input, PResult, between, fail, find_phrase, is_inline_ws, match_phrase, phrase_start,
    split_at,
};
use crate::span::{is_ws, trim_start_with};

/// The characters matching `f` at the start of the input: at least one when `at_least_one`.
fn take_while_by(
    input: Input<'_>,
    f: impl Fn(char) -> bool,
    at_least_one: bool,
) -> PResult<'_, Input<'_>> {
    let s = input.fragment();
    match s.len() - trim_start_with(s, f).len() {
        0 if at_least_one => fail(input, "a character"),
        n => Ok(split_at(input, n)),
    }
}

/// `(WS - NL)+`: at least one whitespace character on the same line.
pub(crate) fn inline_ws1(input: Input<'_>) -> PResult<'_, Input<'_>> {
    take_while_by(input, is_inline_ws, true)
}

/// nom's `recognize(p)`: the text `p` read, measured by offsets in the letter.
pub(crate) fn recognized<'a, O>(
    mut p: impl Parser<Input<'a>, Output = O, Error = Expected>,
) -> impl FnMut(Input<'a>) -> PResult<'a, Input<'a>> {
    move |input: Input<'a>| {
        let (rest, _) = p.parse(input)?;
        Ok((rest, between(input, rest)))
    }
}

/// nom's `consumed(p)`: the text `p` read and its output, measured by offsets in the letter.
pub(crate) fn with_consumed<'a, O>(
    mut p: impl Parser<Input<'a>, Output = O, Error = Expected>,
) -> impl FnMut(Input<'a>) -> PResult<'a, (Input<'a>, O)> {
    move |input: Input<'a>| {
        let (rest, out) = p.parse(input)?;
        Ok((rest, (between(input, rest), out)))
    }
}

/// `TEXT , &phrase(words)`: the text before the first match of the phrase `words` (as
/// [`super::scan::phrase`] matches it, starting a word), leaving the input at the match. Fails
/// when the phrase is nowhere in the input.
pub(crate) fn until_phrase<'a>(
    words: &'static str,
) -> impl Fn(Input<'a>) -> PResult<'a, Input<'a>> {
    move |input: Input<'a>| {
        let start = if words.ends_with(':') {
            phrase_before_colon(input.fragment(), words)
        } else {
            find_phrase(input, words).map(|(before, _, _)| before.fragment().len())
        };
        match start {
            Some(n) => Ok(split_at(input, n)),
            None => fail(input, words),
        }
    }
}

/// Where the first match of `words`, a phrase ending with a colon, starts in `s`. Colons are
/// rarer than the phrase's first letter: each is looked up and the phrase read backwards from
/// it ([`phrase_start`]). Two matches cannot overlap, so the first to end is the first to start.
fn phrase_before_colon(s: &str, words: &str) -> Option<usize> {
    memchr::memchr_iter(b':', s.as_bytes()).find_map(|colon| phrase_start(s, colon + 1, words))
}

/// `misspelling(label)`: a misspelt label of `labels` (each ending with a colon) at the start of
/// the input, after inline whitespace: the text up to the first colon, wrapping at most once,
/// a few edits from one of them ([`misspelt_label_of`]). Gives the label's index; the
/// input after the colon is left. A text that holds one of the labels as written, after a word
/// of its own (`Is` / `Certification(s)/Specialty:`), is that word and the label, not a
/// misspelling.
pub(crate) fn misspelt_of<'a>(
    labels: &'static [&'static str],
) -> impl Fn(Input<'a>) -> PResult<'a, usize> {
    move |input: Input<'a>| {
        let s = input.fragment();
        match misspelt_label_of(s, labels) {
            Some((i, n)) if !holds_label(&s[..n], labels) => Ok((split_at(input, n).0, i)),
            _ => fail(input, "a misspelt label"),
        }
    }
}

/// Whether one of `labels` starts at a word of `text` other than its first.
fn holds_label(text: &str, labels: &[&str]) -> bool {
    let words = text
        .char_indices()
        .zip(text.chars().skip(1))
        .filter(|&((_, c), next)| is_ws(c) && !is_ws(next))
        .map(|((k, c), _)| k + c.len_utf8());
    words
        .into_iter()
        .any(|k| labels.iter().any(|l| match_phrase(&text[k..], l).is_some()))
}

/// `misspelling(words)`: the first words of the input (one more than `words` has at most, read
/// in a bounded window) that are a misspelling of the phrase `words` ([`misspelt_words`]),
/// not the phrase itself.
pub(crate) fn misspelt_phrase<'a>(
    words: &'static str,
) -> impl Fn(Input<'a>) -> PResult<'a, Input<'a>> {
    move |input: Input<'a>| {
        let s = input.fragment();
        match misspelt_words(s, 0, s.len(), words) {
            Some(n) => Ok(split_at(input, n)),
            None => fail(input, words),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lex::{Pos, letter_input};

    #[test]
    fn until_phrase_stops_at_the_match() {
        let p = until_phrase("Board Certified in");
        let (rest, before) = p(letter_input("is Board\nCertified in X")).expect("found");
        assert_eq!(*before.fragment(), "is ");
        assert_eq!(rest.pos(), 3);
        assert!(p(letter_input("xBoard Certified in")).is_err());
        // A phrase ending with a colon is found from its colon.
        let p = until_phrase("has the following credentials:");
        let text = "x: has the credentials: He has the\nfollowing  credentials: y";
        let (rest, before) = p(letter_input(text)).expect("found");
        assert_eq!(before.fragment().len(), 27);
        assert!(rest.fragment().starts_with("has the\nfollowing"));
        assert!(p(letter_input("Xhas the following credentials:")).is_err());
    }

    #[test]
    fn labels_as_written_or_misspelt() {
        const LABELS: [&str; 2] = ["Case Number:", "Application Received:"];
        let (rest, (i, _)) =
            crate::lex::any_phrase(&LABELS)(letter_input("Application\nReceived: 1")).unwrap();
        assert_eq!((i, *rest.fragment()), (1, " 1"));
        assert!(crate::lex::any_phrase(&LABELS)(letter_input("Case Numbr: 1")).is_err());
        let (rest, i) = misspelt_of(&LABELS)(letter_input("Case Numbr: 1")).unwrap();
        assert_eq!((i, *rest.fragment()), (0, " 1"));
        assert!(misspelt_of(&LABELS)(letter_input("Case Number: 1")).is_err());
        // A word before a label as written is not part of a misspelling of it.
        assert!(misspelt_of(&LABELS)(letter_input("Is\nCase Number: 1")).is_err());
        assert!(misspelt_of(&LABELS)(letter_input("I\nApplication Received: 1")).is_err());
        let (rest, m) =
            misspelt_phrase("has a subspecialty in")(letter_input("has a subspeciality in X"))
                .expect("misspelt");
        assert_eq!(
            (*m.fragment(), *rest.fragment()),
            ("has a subspeciality in", " X")
        );
    }

    #[test]
    fn words_and_whitespace() {
        let (rest, w) = crate::lex::word(letter_input("D.C.,\nX")).unwrap();
        assert_eq!((*w.fragment(), *rest.fragment()), ("D.C.,", "\nX"));
        assert!(crate::lex::word(letter_input(" x")).is_err());
        assert!(inline_ws1(letter_input("\nx")).is_err());
    }
}
