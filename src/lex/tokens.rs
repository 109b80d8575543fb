//! The token stream the letter grammar reads: a slice of line [`Token`]s that nom parses as it
//! parses text, through its [`Input`] trait.

use std::iter::Enumerate;
use std::slice::Iter;

use nom::{IResult, Input, Needed, Offset};

use crate::lex::lines::{LineKind, Token};
use crate::lex::scan::{Input as Text, Pos, between, seek};

/// A run of line tokens, as nom's input.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tokens<'t, 'a> {
    tokens: &'t [Token<'a>],
    /// The letter the tokens are lines of.
    letter: Text<'a>,
    /// Where the run ends in the letter (the end of its last line, or where it would start
    /// when it is empty).
    end: usize,
}

/// The result of a production over tokens. Its failures carry nothing: the grammar reports
/// what it found missing as diagnostics, from the structure that did match.
pub(crate) type TResult<'t, 'a, O> = IResult<Tokens<'t, 'a>, O, ()>;

impl<'t, 'a> Tokens<'t, 'a> {
    /// The tokens of the lines of `letter`, up to its end.
    pub(crate) fn new(tokens: &'t [Token<'a>], letter: Text<'a>) -> Self {
        let end = letter.pos() + letter.fragment().len();
        Tokens {
            tokens,
            letter,
            end,
        }
    }

    /// Where the run starts in the letter.
    pub(crate) fn start(&self) -> usize {
        self.tokens.first().map_or(self.end, |t| t.line.pos())
    }

    /// The text the tokens cover (line feeds between them included).
    pub(crate) fn text(&self) -> Text<'a> {
        let from = seek(self.letter, self.start());
        between(from, seek(self.letter, self.end))
    }

    /// The text from `from` (a part of the letter) to the end of the tokens, or to the end of
    /// `from` when there is no token.
    pub(crate) fn text_after(&self, from: Text<'a>) -> Text<'a> {
        let end = if self.tokens.is_empty() {
            from.pos() + from.fragment().len()
        } else {
            self.end
        };
        between(seek(self.letter, from.pos()), seek(self.letter, end))
    }

    /// Where the line of token `i` ends, the line feed after it excluded: the end of the run
    /// for its last token.
    fn end_of(&self, i: usize) -> usize {
        match self.tokens.get(i + 1) {
            Some(next) => next.line.pos().saturating_sub(1),
            None => self.end,
        }
    }
}

impl<'t, 'a> Input for Tokens<'t, 'a> {
    type Item = &'t Token<'a>;
    type Iter = Iter<'t, Token<'a>>;
    type IterIndices = Enumerate<Self::Iter>;

    fn input_len(&self) -> usize {
        self.tokens.len()
    }

    fn take(&self, index: usize) -> Self {
        let end = match index {
            0 => self.start(),
            i => self.end_of(i - 1),
        };
        Tokens {
            tokens: &self.tokens[..index],
            letter: self.letter,
            end,
        }
    }

    fn take_from(&self, index: usize) -> Self {
        let rest = &self.tokens[index..];
        Tokens {
            tokens: rest,
            letter: self.letter,
            end: self.end,
        }
    }

    fn take_split(&self, index: usize) -> (Self, Self) {
        (self.take_from(index), self.take(index))
    }

    fn position<P>(&self, predicate: P) -> Option<usize>
    where
        P: Fn(Self::Item) -> bool,
    {
        self.tokens.iter().position(predicate)
    }

    fn iter_elements(&self) -> Self::Iter {
        self.tokens.iter()
    }

    fn iter_indices(&self) -> Self::IterIndices {
        self.tokens.iter().enumerate()
    }

    fn slice_index(&self, count: usize) -> Result<usize, Needed> {
        if self.tokens.len() >= count {
            Ok(count)
        } else {
            Err(Needed::new(count - self.tokens.len()))
        }
    }
}

impl Offset for Tokens<'_, '_> {
    /// How many tokens `second`, a later part of the same run, comes after this one.
    fn offset(&self, second: &Self) -> usize {
        self.tokens.len() - second.tokens.len()
    }
}

/// `token(pred)`: one token for which `pred` holds.
pub(crate) fn token<'t, 'a: 't>(
    pred: impl Fn(&Token<'a>) -> bool,
) -> impl Fn(Tokens<'t, 'a>) -> TResult<'t, 'a, &'t Token<'a>> {
    move |input: Tokens<'t, 'a>| match input.tokens.first() {
        Some(t) if pred(t) => Ok((input.take_from(1), t)),
        _ => Err(nom::Err::Error(())),
    }
}

/// A run of text lines: text lines with only empty lines (double spacing, page breaks, no
/// paragraph separator) between them, ending with a text line, as long as it fits in
/// `max_bytes` of the letter, or until a line of another kind. Fails without a text line.
///
/// ```text
/// text_run(max) = text_line , { page_blank , text_line } ;
/// ```
pub(crate) fn text_run<'t, 'a: 't>(
    max_bytes: usize,
) -> impl Fn(Tokens<'t, 'a>) -> TResult<'t, 'a, Tokens<'t, 'a>> {
    move |input: Tokens<'t, 'a>| {
        let start = input.start();
        let mut taken = 0;
        for (i, t) in input.tokens.iter().enumerate() {
            match t.kind {
                LineKind::Text if t.line.pos() + t.line.fragment().len() - start <= max_bytes => {
                    taken = i + 1;
                }
                LineKind::Blank { separator: false } => {}
                _ => break,
            }
        }
        match taken {
            0 => Err(nom::Err::Error(())),
            n => Ok(input.take_split(n)),
        }
    }
}

/// Whether a token is a heading, as written or misspelt.
pub(crate) fn is_heading(t: &Token<'_>) -> bool {
    matches!(t.kind, LineKind::Heading { .. })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lex::lines::lex;
    use crate::lex::scan::letter_input;
    use crate::span::LineIndex;

    #[test]
    fn splits_keep_the_text_they_cover() {
        let s = "a\nb\n\nc";
        let index = LineIndex::new(s);
        let tokens = lex(letter_input(s), &index);
        let all = Tokens::new(&tokens, letter_input(s));
        let (rest, first) = all.take_split(2);
        assert_eq!(first.text().fragment(), &"a\nb");
        assert_eq!(rest.text().fragment(), &"\nc");
        assert_eq!(all.take(0).text().fragment(), &"");
    }
}
