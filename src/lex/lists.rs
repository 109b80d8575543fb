//! Small combinators for the in-line grammars (the case header, the credentials): whitespace
//! and words, a phrase looked for ahead, one of several phrases, and the misspelling matcher
//! ([`super::fuzzy`]) as nom parsers.
//!
//! Each is a nom parser over [`Input`]: it consumes what it names and fails (without consuming)
//! otherwise, so the grammars combine them with nom's `alt`, `many0`, `preceded`, `not`, ...
//! They advance the input as nom does (`take_split`), not with [`super::scan::split_at`], so
//! that nom's `recognize` and `consumed` can measure what a sequence of them read.
//! The scanning they need (a phrase search, a bounded misspelling window) is done here, in the
//! lexer, where byte-level work belongs.

use nom::bytes::complete::{take_till1, take_while, take_while1};
use nom::{Input as _, Parser};

use super::fuzzy::{misspelt_label_of, misspelt_words};
use super::scan::{Input, PResult, fail, find_phrase, is_inline_ws, match_phrase};
use crate::span::is_ws;

/// `WS*`: any whitespace, line and page breaks included (never fails).
pub(crate) fn ws(input: Input<'_>) -> PResult<'_, Input<'_>> {
    take_while(is_ws).parse(input)
}

/// `WS+`: at least one whitespace character.
pub(crate) fn ws1(input: Input<'_>) -> PResult<'_, Input<'_>> {
    take_while1(is_ws).parse(input)
}

/// `(WS - NL)+`: at least one whitespace character on the same line.
pub(crate) fn inline_ws1(input: Input<'_>) -> PResult<'_, Input<'_>> {
    take_while1(is_inline_ws).parse(input)
}

/// A word: a run of characters other than whitespace.
///
/// ```text
/// word = { CHAR - WS }+ ;
/// ```
pub(crate) fn word(input: Input<'_>) -> PResult<'_, Input<'_>> {
    take_till1(is_ws).parse(input)
}

/// `TEXT , &phrase(words)`: the text before the first match of the phrase `words` (as
/// [`super::scan::phrase`] matches it, starting a word), leaving the input at the match. Fails
/// when the phrase is nowhere in the input.
pub(crate) fn until_phrase<'a>(
    words: &'static str,
) -> impl Fn(Input<'a>) -> PResult<'a, Input<'a>> {
    move |input: Input<'a>| match find_phrase(input, words) {
        Some((before, _, _)) => Ok(input.take_split(before.fragment().len())),
        None => fail(input, words),
    }
}

/// `phrase(words)`: the words of `words` at the start of the input, each compared ignoring ASCII
/// case, separated by any whitespace ([`match_phrase`]), as [`super::scan::phrase`] reads them.
pub(crate) fn phrase_tag<'a>(words: &'static str) -> impl Fn(Input<'a>) -> PResult<'a, Input<'a>> {
    move |input: Input<'a>| match match_phrase(input.fragment(), words) {
        Some(n) => Ok(input.take_split(n)),
        None => fail(input, words),
    }
}

/// `phrase(p1) | phrase(p2) | ...`: the index of the first of `phrases` that matches at the
/// start of the input (as [`super::scan::phrase`]), and the input after it.
pub(crate) fn any_phrase<'a>(
    phrases: &'static [&'static str],
) -> impl Fn(Input<'a>) -> PResult<'a, usize> {
    move |input: Input<'a>| {
        let s = input.fragment();
        match phrases
            .iter()
            .enumerate()
            .find_map(|(i, p)| Some((i, match_phrase(s, p)?)))
        {
            Some((i, n)) => Ok((input.take_from(n), i)),
            None => fail(input, "a label"),
        }
    }
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
            Some((i, n)) if !holds_label(&s[..n], labels) => Ok((input.take_from(n), i)),
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
            Some(n) => Ok(input.take_split(n)),
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
    }

    #[test]
    fn labels_as_written_or_misspelt() {
        const LABELS: [&str; 2] = ["Case Number:", "Application Received:"];
        let (rest, i) = any_phrase(&LABELS)(letter_input("Application\nReceived: 1")).unwrap();
        assert_eq!((i, *rest.fragment()), (1, " 1"));
        assert!(any_phrase(&LABELS)(letter_input("Case Numbr: 1")).is_err());
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
        let (rest, w) = word(letter_input("D.C.,\nX")).unwrap();
        assert_eq!((*w.fragment(), *rest.fragment()), ("D.C.,", "\nX"));
        assert!(word(letter_input(" x")).is_err());
        assert!(inline_ws1(letter_input("\nx")).is_err());
    }
}
