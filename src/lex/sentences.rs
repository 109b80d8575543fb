//! Words and sentences of free text: a word, the whitespace between words, where the last
//! sentence of a text starts and whether a text ends a sentence. The conclusion of a rationale is
//! read from the words of its last sentence ([`crate::conclusion`]).
//!
//! The parsers cut their input with [`split_at`], at a constant cost, where nom's own
//! `take_till1` and `take_while` over a located span count the line feeds of what they take.
//!
//! A *sentence end* is a `.`, `?` or `!`, maybe followed by closing quotes or brackets, then
//! whitespace, then a character that is neither a lower-case letter nor a digit. So `7. 5 mg`,
//! `p. 78` and `e.g. the` do not end a sentence, and a sentence may wrap over any lines.

use nom::Input as _;

use crate::lex::{Input, PResult, fail, find_phrase, split_at};
use crate::span::{is_ws, trim_end_with, trim_start_with};

/// A word: a run of anything but whitespace.
///
/// ```text
/// word = ( CHAR - WS ) , { CHAR - WS } ;
/// ```
pub(crate) fn word(input: Input<'_>) -> PResult<'_, Input<'_>> {
    let s = input.fragment();
    let b = s.as_bytes();
    // Only a space, an ASCII control or a non-ASCII character can be whitespace: jump from one
    // to the next, and decode only those.
    let mut from = 0;
    let end = loop {
        let Some(k) = b[from..].iter().position(|&c| c <= b' ' || !c.is_ascii()) else {
            break s.len();
        };
        let at = from + k;
        match s[at..].chars().next() {
            Some(c) if !is_ws(c) => from = at + c.len_utf8(),
            _ => break at,
        }
    };
    match end {
        0 => fail(input, "a word"),
        n => Ok(split_at(input, n)),
    }
}

/// Any whitespace, line and page breaks too; maybe none. Never fails.
///
/// ```text
/// whitespace = { WS } ;
/// ```
pub(crate) fn whitespace(input: Input<'_>) -> PResult<'_, Input<'_>> {
    let s = input.fragment();
    Ok(split_at(input, s.len() - trim_start_with(s, is_ws).len()))
}

/// Succeeds, taking nothing, where the next character is one of the ASCII letters `letters`
/// (lower case), in either case.
///
/// ```text
/// initial(letters) = & LETTER ;
/// ```
pub(crate) fn initial<'a>(letters: &'static str) -> impl Fn(Input<'a>) -> PResult<'a, ()> {
    move |input: Input<'a>| match input.fragment().as_bytes().first() {
        Some(c) if letters.as_bytes().contains(&c.to_ascii_lowercase()) => Ok((input, ())),
        _ => fail(input, letters),
    }
}

/// Succeeds, taking nothing, where no letter or digit follows: the end of a word.
///
/// ```text
/// word_end = ! ( LETTER | DIGIT ) ;
/// ```
pub(crate) fn word_end(input: Input<'_>) -> PResult<'_, ()> {
    match input.fragment().chars().next() {
        Some(c) if c.is_alphanumeric() => fail(input, "the end of a word"),
        _ => Ok((input, ())),
    }
}

/// The characters that end a sentence.
const ENDS: [char; 3] = ['.', '?', '!'];

/// Whether `c` may close a quotation or an aside after a sentence's last word.
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '\u{201d}' | '\u{2019}')
}

/// Takes the text up to where its last sentence starts (after its last sentence end), and
/// leaves that sentence, trailing whitespace and all. A text without a sentence end is one
/// sentence: nothing is taken. Never fails.
///
/// ```text
/// to_last_sentence = { TEXT , sentence_end } ;
/// sentence_end = ( "." | "?" | "!" ) , { closer } , WS , { WS } ,
///     & ( CHAR - ( LOWER | DIGIT ) ) ;
/// ```
pub(crate) fn to_last_sentence(input: Input<'_>) -> PResult<'_, Input<'_>> {
    let s = trim_end_with(input.fragment(), is_ws);
    // Backwards from one sentence-ending character to the one before.
    let mut end = s.len();
    while let Some(i) = memchr::memrchr3(b'.', b'?', b'!', &s.as_bytes()[..end]) {
        // An ASCII byte: `i + 1` is a char boundary.
        if let Some(start) = sentence_start_after(s, i + 1) {
            return Ok(split_at(input, start));
        }
        end = i;
    }
    Ok(split_at(input, 0))
}

/// Where the next sentence starts when a sentence-ending character ends at byte `at` of `s`:
/// after closers and whitespace, at a character neither lower-case nor a digit.
fn sentence_start_after(s: &str, at: usize) -> Option<usize> {
    let rest = &s[at..];
    let after_closers = rest.trim_start_matches(is_closer);
    let next = after_closers.trim_start_matches(is_ws);
    let c = next.chars().next()?;
    let spaced = next.len() < after_closers.len();
    (spaced && !c.is_lowercase() && !c.is_numeric()).then_some(s.len() - next.len())
}

/// The characters that end a clause when whitespace (or the end) follows.
const CLAUSE_ENDS: [u8; 3] = [b',', b';', b':'];

/// Takes the clauses before the first that holds one of the words `marks` (at the start of a
/// word, ignoring ASCII case): up to after the last clause end (`,`, `;` or `:` followed by
/// whitespace) before the first mark, and the whitespace after it. Without a mark, takes all.
/// Never fails.
///
/// ```text
/// to_clause_of(marks) = { TEXT , clause_end } ;
/// clause_end = ( "," | ";" | ":" ) , WS , { WS } ;
/// ```
pub(crate) fn to_clause_of<'a>(
    marks: &'static [&'static str],
) -> impl Fn(Input<'a>) -> PResult<'a, Input<'a>> {
    move |input: Input<'a>| {
        let s = input.fragment();
        let first = marks
            .iter()
            .filter_map(|m| find_phrase(input, m).map(|(before, _, _)| before.fragment().len()))
            .min();
        let Some(first) = first else {
            return Ok(split_at(input, s.len()));
        };
        let b = s.as_bytes();
        // Backwards from one clause-ending byte to the one before.
        let mut end = first;
        let start = loop {
            let Some(i) =
                memchr::memrchr3(CLAUSE_ENDS[0], CLAUSE_ENDS[1], CLAUSE_ENDS[2], &b[..end])
            else {
                break 0;
            };
            // ASCII: `i + 1` is a char boundary.
            let after = trim_start_with(&s[i + 1..], is_ws);
            if after.len() < s.len() - (i + 1) {
                break s.len() - after.len();
            }
            end = i;
        };
        Ok(split_at(input, start))
    }
}

/// Whether the text ends a sentence: its last character but whitespace and closers is `.`,
/// `?` or `!`.
pub(crate) fn ends_sentence(input: Input<'_>) -> bool {
    let s = trim_end_with(input.fragment(), is_ws);
    s.trim_end_matches(is_closer).ends_with(ENDS)
}

/// The input without its trailing whitespace.
pub(crate) fn trim_trailing_ws(input: Input<'_>) -> Input<'_> {
    let n = trim_end_with(input.fragment(), is_ws).len();
    input.take(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lex::{Pos, letter_input};

    fn last(s: &str) -> &str {
        let (rest, before) = to_last_sentence(letter_input(s)).expect("never fails");
        assert_eq!(before.fragment().len(), rest.pos());
        rest.fragment()
    }

    #[test]
    fn the_last_sentence_is_after_the_last_sentence_end() {
        assert_eq!(last("One. Two three."), "Two three.");
        assert_eq!(last("One.\n\nTwo three.  \n "), "Two three.  \n ");
        assert_eq!(last("No end at all"), "No end at all");
        assert_eq!(last(""), "");
        assert_eq!(last("One? \"Two.\" Three"), "Three");
        assert_eq!(last("He said \"no.\" Then it"), "Then it");
        assert_eq!(
            last("Take 7. 5 mg at p. 78 daily."),
            "Take 7. 5 mg at p. 78 daily."
        );
        assert_eq!(last("e.g. the dose. (Per MTUS.)"), "(Per MTUS.)");
        assert_eq!(last("Done.Next"), "Done.Next");
        assert_eq!(last("A. É b"), "É b");
    }

    #[test]
    fn the_clauses_before_a_mark() {
        let take = |s: &'static str| {
            let (rest, taken) =
                to_clause_of(&["medical", "weaning"])(letter_input(s)).expect("never fails");
            (*taken.fragment(), *rest.fragment())
        };
        assert_eq!(
            take("Thus, in sum: it is not medically necessary, then, no."),
            ("Thus, in sum: ", "it is not medically necessary, then, no.")
        );
        assert_eq!(
            take("It is not-Medically necessary."),
            ("", "It is not-Medically necessary.")
        );
        assert_eq!(
            take("A 1,000 mg dose,\nfor weaning."),
            ("A 1,000 mg dose,\n", "for weaning.")
        );
        assert_eq!(take("No mark, here."), ("No mark, here.", ""));
        assert_eq!(
            take("biomedical, but medical."),
            ("biomedical, ", "but medical.")
        );
    }

    #[test]
    fn words_and_whitespace() {
        let input = letter_input("not-medically\u{2003}\n necessary.");
        let (rest, w) = word(input).expect("a word");
        assert_eq!(*w.fragment(), "not-medically");
        let (rest, ws) = whitespace(rest).expect("never fails");
        assert_eq!((*ws.fragment(), rest.pos()), ("\u{2003}\n ", 18));
        assert_eq!(*word(rest).expect("a word").1.fragment(), "necessary.");
        assert!(word(ws).is_err());
        assert!(word(letter_input("")).is_err());
        assert!(word_end(letter_input(". x")).is_ok());
        assert!(word_end(letter_input("")).is_ok());
        assert!(word_end(letter_input("é")).is_err());
    }

    #[test]
    fn a_text_ends_a_sentence_with_its_punctuation() {
        let ends = |s| ends_sentence(letter_input(s));
        assert!(ends("is not medically necessary. \n "));
        assert!(ends("(see above.)"));
        assert!(ends("Why?\u{201d}"));
        assert!(!ends("is not medically necessary"));
        assert!(!ends("the request for"));
        assert!(!ends(""));
    }
}
