//! Word-level scanning combinators for the in-line grammars (citations first).
//!
//! nom's own combinators read text forward from where they stand; "the text up to the first
//! place where this production matches" needs a search, which is byte-level scanning and so
//! lives here, as a nom parser, beside the phrase matcher of [`scan`](super::scan):
//!
//! - [`take_until_at`] and [`split_before`]: `TEXT , &p`, the text up to the first place, at
//!   the start of a word, where a production matches (for one phrase,
//!   [`take_until_phrase`](super::scan::take_until_phrase));
//! - [`any_phrase`]: the first of a list of phrases that matches, without trying the others;
//! - [`hyphen_phrase`]: a phrase whose hyphens may be followed by a line break;
//! - [`misspelling`]: the first words of the input, when they are a misspelling of a phrase;
//! - [`till`], [`till1`], [`ws`], [`ws1`] and [`rest`]: nom's `take_till`, `take_while` and
//!   `rest` for the commonest cases, by bytes, with the inputs cut as [`split_at`] cuts them
//!   (nom_locate would count the line feeds of every piece it cuts off).

use nom::Parser;

use crate::lex::fuzzy::misspelt_words;
use crate::lex::scan::{Input, PResult, fail, match_phrase, split_at};
use crate::span::skip_ws;

/// `TEXT , &p`: the text up to the first place where the parser `p` matches, trying only the
/// places at the start of a word whose byte is one of the ASCII bytes of `initials` (as they
/// are: give both cases of a letter for either): every match of `p` must start with one of
/// them. `p` is not consumed. Fails when `p` matches nowhere.
pub(crate) fn take_until_at<'a, O, P>(
    initials: &'static str,
    mut p: P,
) -> impl FnMut(Input<'a>) -> PResult<'a, Input<'a>>
where
    P: Parser<Input<'a>, Output = O, Error = super::scan::Expected>,
{
    move |input: Input<'a>| {
        let found = scan_initials(input.fragment(), initials.as_bytes(), |at| {
            p.parse(split_at(input, at).0).is_ok()
        });
        match found {
            Some(at) => Ok(split_at(input, at)),
            None => fail(input, "a marker"),
        }
    }
}

/// [`take_until_at`] as a plain function that cannot fail: `TEXT , ( &p | EOF )`, returned as
/// `(rest, text)`; `rest` is empty when `p` matches nowhere.
pub(crate) fn split_before<'a, O, P>(
    input: Input<'a>,
    initials: &'static str,
    p: P,
) -> (Input<'a>, Input<'a>)
where
    P: Parser<Input<'a>, Output = O, Error = super::scan::Expected>,
{
    take_until_at(initials, p)(input).unwrap_or_else(|_| split_at(input, input.fragment().len()))
}

/// The first offset of `s` where `matches` holds, among the places at the start of a word
/// whose byte is one of `initials`. A place starts a word at the start of `s`,
/// after a byte that is not an ASCII letter or digit, or when its own byte is neither.
fn scan_initials(
    s: &str,
    initials: &[u8],
    mut matches: impl FnMut(usize) -> bool,
) -> Option<usize> {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(at) = find_initial(b, from, initials) {
        let word_start =
            at == 0 || !b[at - 1].is_ascii_alphanumeric() || !b[at].is_ascii_alphanumeric();
        // An ASCII initial starts a character: `at` is a char boundary.
        if word_start && matches(at) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The offset of the first byte of `b` from `from` on that is one of `initials` (ASCII
/// bytes): by `memchr` for up to three, else eight bytes at a time.
fn find_initial(b: &[u8], from: usize, initials: &[u8]) -> Option<usize> {
    let rest = b.get(from..)?;
    let found = match *initials {
        [] => None,
        [x] => memchr::memchr(x, rest),
        [x, y] => memchr::memchr2(x, y, rest),
        [x, y, z] => memchr::memchr3(x, y, z, rest),
        _ => return find_initial_of_many(b, from, initials),
    };
    found.map(|k| from + k)
}

/// [`find_initial`] for four initials or more: eight bytes at a time.
fn find_initial_of_many(b: &[u8], from: usize, initials: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = ONES * 0x80;
    let mut i = from;
    while let Some(chunk) = b.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let mut hits = 0;
        for &c in initials {
            let v = x ^ (ONES * u64::from(c));
            // The high bit of each zero byte of `v`, where the byte is `c`.
            hits |= !(((v & !HIGH) + !HIGH) | v) & HIGH;
        }
        if hits != 0 {
            return Some(i + hits.trailing_zeros() as usize / 8);
        }
        i += 8;
    }
    (i..b.len()).find(|&k| initials.contains(&b[k]))
}

/// `p1 | .. | pn`: the first of `phrases` that matches (as [`phrase`](super::scan::phrase)
/// does) at the start of the input: its index in `phrases` and the text matched. Only the
/// phrases whose first letter is the input's are compared.
pub(crate) fn any_phrase<'a>(
    phrases: &'static [&'static str],
) -> impl Fn(Input<'a>) -> PResult<'a, (usize, Input<'a>)> {
    move |input: Input<'a>| {
        let s = input.fragment();
        let first = s.bytes().next().unwrap_or_default();
        let found = phrases.iter().enumerate().find_map(|(k, p)| {
            let initial = p.as_bytes().first()?;
            initial
                .eq_ignore_ascii_case(&first)
                .then(|| match_phrase(s, p))?
                .map(|n| (k, n))
        });
        match found {
            Some((k, n)) => {
                let (rest, matched) = split_at(input, n);
                Ok((rest, (k, matched)))
            }
            None => fail(input, phrases.first().copied().unwrap_or("a phrase")),
        }
    }
}

/// `phrase(w1-w2 ..)`: the phrase `words` as [`phrase`](super::scan::phrase) matches it, and
/// where a word holds a hyphen, the line may break after it (`Non-` / `MTUS`): whitespace
/// after a hyphen of `words` is skipped.
pub(crate) fn hyphen_phrase<'a>(
    words: &'static str,
) -> impl Fn(Input<'a>) -> PResult<'a, Input<'a>> {
    move |input: Input<'a>| {
        let s = input.fragment();
        // Most texts write the phrase on one line: the pieces are read only when that fails.
        if let Some(n) = match_phrase(s, words) {
            return Ok(split_at(input, n));
        }
        if !words.contains('-') {
            return fail(input, words);
        }
        let end = words.split_inclusive('-').try_fold(0, |at, piece| {
            let at = if s[..at].ends_with('-') {
                skip_ws(s, at)
            } else {
                at
            };
            Some(at + match_phrase(&s[at..], piece)?)
        });
        match end {
            Some(n) => Ok(split_at(input, n)),
            None => fail(input, words),
        }
    }
}

/// `misspelling(w)`: the first words of the input (up to one more than `phrase` has, within
/// [`reach`](super::fuzzy::reach) bytes) when they are a misspelling of `phrase`
/// ([`is_misspelling`](super::fuzzy::is_misspelling)); the phrase as written is not one.
pub(crate) fn misspelling<'a>(
    phrase: &'static str,
) -> impl Fn(Input<'a>) -> PResult<'a, Input<'a>> {
    move |input: Input<'a>| {
        let s = input.fragment();
        match misspelt_words(s, 0, s.len(), phrase) {
            Some(end) => Ok(split_at(input, end)),
            None => fail(input, phrase),
        }
    }
}

/// `{ CHAR - c }`: the text up to the first `c` (an ASCII character), or the end.
pub(crate) fn till<'a>(c: u8) -> impl Fn(Input<'a>) -> PResult<'a, Input<'a>> {
    debug_assert!(c.is_ascii());
    move |input: Input<'a>| {
        let s = input.fragment();
        let n = memchr::memchr(c, s.as_bytes()).unwrap_or(s.len());
        Ok(split_at(input, n))
    }
}

/// `{ CHAR - c }+`: [`till`], failing when the text opens with `c` or is empty.
pub(crate) fn till1<'a>(c: u8) -> impl Fn(Input<'a>) -> PResult<'a, Input<'a>> {
    let till = till(c);
    move |input: Input<'a>| match till(input)? {
        (_, taken) if taken.fragment().is_empty() => fail(input, "text"),
        done => Ok(done),
    }
}

/// `{ CHAR }`: the rest of the input, as nom's `rest` does, cut as [`split_at`] cuts it.
pub(crate) fn rest(input: Input<'_>) -> PResult<'_, Input<'_>> {
    Ok(split_at(input, input.fragment().len()))
}

/// `{ WS }`: whitespace, maybe none.
pub(crate) fn ws(input: Input<'_>) -> PResult<'_, Input<'_>> {
    Ok(split_at(input, skip_ws(input.fragment(), 0)))
}

/// `WS+`: whitespace, at least one character.
pub(crate) fn ws1(input: Input<'_>) -> PResult<'_, Input<'_>> {
    match ws(input)? {
        (_, taken) if taken.fragment().is_empty() => fail(input, "whitespace"),
        done => Ok(done),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lex::scan::{Pos, letter_input, phrase};
    use nom::branch::alt;

    fn until(s: &str) -> Option<usize> {
        let opening = alt((phrase("Decision based on"), phrase("did not cite")));
        take_until_at("dD", opening)(letter_input(s))
            .ok()
            .map(|(rest, _)| rest.pos())
    }

    #[test]
    fn productions_are_found_at_word_starts() {
        let s = "xdid not cite any medical evidence for its decision. Ddecision based on \
                 DECISION\nBASED ON x";
        assert_eq!(until(s), Some(72));
        assert_eq!(until(&s[1..]), Some(0));
        assert_eq!(until("xxxxxxxxxxxDecision based on"), None);
        assert_eq!(until("xxxxxxxxxx Decision based on"), Some(11));
        assert_eq!(until(""), None);
        // A place whose own byte is not a letter starts a word.
        let paren = take_until_at("(", phrase("(updated"))(letter_input("ODG(updated 1)"));
        assert_eq!(paren.map(|(rest, _)| rest.pos()), Ok(3));
    }

    #[test]
    fn initials_are_found_in_every_position() {
        for n in 0..20 {
            let mut s = vec![b'x'; n];
            s.push(b'B');
            assert_eq!(find_initial(&s, 0, b"bBd"), Some(n));
            assert_eq!(find_initial(&s, 0, b"bd"), None);
            assert_eq!(find_initial(&s, 0, b"abcdB"), Some(n));
            assert_eq!(find_initial(&s, 0, b"abcd"), None);
            assert_eq!(find_initial(&s, n + 1, b"B"), None);
        }
    }

    #[test]
    fn a_hyphen_may_end_a_line() {
        let p = hyphen_phrase("Non-MTUS Citation");
        for ok in [
            "Non-MTUS Citation",
            "non-\nMTUS\n citation",
            "Non- \r\nMTUS Citation x",
        ] {
            let (_, m) = p(letter_input(ok)).expect(ok);
            assert!(m.fragment().to_lowercase().ends_with("citation"), "{ok:?}");
        }
        assert!(p(letter_input("Non MTUS Citation")).is_err());
        assert!(hyphen_phrase("Knee Complaints")(letter_input("Knee\nComplaints")).is_ok());
    }

    #[test]
    fn the_first_phrase_that_matches() {
        const WORDS: &[&str] = &["pages", "page", "Chapter:"];
        let p = any_phrase(WORDS);
        let (rest, (k, m)) = p(letter_input("PAGE 5")).expect("page");
        assert_eq!((k, *m.fragment(), *rest.fragment()), (1, "PAGE", " 5"));
        assert_eq!(p(letter_input("pages 5")).map(|(_, (k, _))| k), Ok(0));
        assert_eq!(p(letter_input("chapter:\nx")).map(|(_, (k, _))| k), Ok(2));
        assert!(p(letter_input("Chapters")).is_err());
        assert!(p(letter_input("")).is_err());
    }

    #[test]
    fn bytes_and_whitespace() {
        let (rest, taken) = till(b',')(letter_input("a b, c")).expect("till");
        assert_eq!((*taken.fragment(), rest.pos()), ("a b", 3));
        assert_eq!(
            *till(b',')(letter_input("abc")).expect("end").1.fragment(),
            "abc"
        );
        assert!(till1(b',')(letter_input(", c")).is_err());
        assert!(till1(b',')(letter_input("")).is_err());
        let (rest, taken) = ws(letter_input(" \n\u{a0}x")).expect("ws");
        assert_eq!((taken.fragment().len(), *rest.fragment()), (4, "x"));
        assert!(ws1(letter_input("x")).is_err());
    }

    #[test]
    fn misspellings_are_not_the_phrase() {
        let p = misspelling("Decision based on");
        let (_, m) = p(letter_input("Decison based on Non-MTUS")).expect("misspelt");
        assert_eq!(*m.fragment(), "Decison based on");
        assert!(p(letter_input("Decision based on MTUS")).is_err());
        assert!(p(letter_input("It relied on ODG")).is_err());
    }
}
