//! Line tokens: one pass over the letter that says what each line is.
//!
//! A line is a *blank* (only whitespace: double spacing, page noise, or a paragraph separator
//! when it holds a space), a section *heading* alone on its line, an item *label* at its start,
//! or *text*. Each heading and label is matched by one matcher: as the template writes it (a
//! phrase), else as a misspelling of it within the budget of [`is_misspelling`] (the token says
//! so, and the grammar decides where a misspelling may stand for the word). Only the lines
//! that start with the first two letters of a heading or a label are compared with them.

use crate::lex::fuzzy::{is_misspelling, misspelt_label_of, reach};
use crate::lex::scan::{
    Initials, Input, Pos, initials_of, input_at, is_inline_ws, match_phrase, phrases_of,
};
use crate::span::{LineIndex, is_ws, trim_end_with, trim_start_with};
use crate::template::{LabelKind, SectionKind};

/// What a line of the letter is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LineKind {
    /// Only whitespace; a paragraph separator when it holds a space or a tab (an empty line,
    /// maybe with a form feed or a carriage return, is a page break or double spacing).
    Blank { separator: bool },
    /// A section heading alone on its line, or a line a few edits from one (`misspelt`).
    Heading { kind: SectionKind, misspelt: bool },
    /// An item label at the start of the line, as written or misspelt, ending at byte `end`
    /// of the letter.
    Label {
        kind: LabelKind,
        end: usize,
        misspelt: bool,
    },
    /// Any other line.
    Text,
}

/// A line of the letter and what it is.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Token<'a> {
    pub kind: LineKind,
    /// The line, without its line feed.
    pub line: Input<'a>,
    /// Whether the line may open a paragraph: it is the first, or the last line before it that
    /// is not empty (double spacing, a page break) is a paragraph separator, a heading or a
    /// label, or ends a sentence or a lead-in (with `.`, `!`, `?` or `:`).
    /// Where a text breaks its lines does not change this for the line after a paragraph, since
    /// a paragraph always starts a line.
    pub opens: bool,
}

const HEADING_INITIALS: Initials = initials_of!(SectionKind::ALL, SectionKind::heading);
const LABEL_INITIALS: Initials = initials_of!(LabelKind::ALL, LabelKind::as_str);
const LABELS: [&str; LabelKind::ALL.len()] = phrases_of!(LabelKind::ALL, LabelKind::as_str);

/// The tokens of `letter`, one per line.
///
/// Headings and labels are matched as the template writes them first. A heading the letter
/// does not write so is then looked for misspelt, over its text lines (most letters write all
/// three, and are not searched).
pub(crate) fn lex<'a>(letter: Input<'a>, index: &LineIndex<'a>) -> Vec<Token<'a>> {
    let start = letter.pos();
    let end = start + letter.fragment().len();
    let mut tokens: Vec<Token<'a>> = index
        .lines_in(start, end)
        .map(|(at, content)| Token {
            kind: classify(content, at),
            // The line is a slice of the letter at `at`: made as it is, without cutting the
            // letter's input twice to reach it.
            line: input_at(content, at),
            opens: false,
        })
        .collect();
    let missing: Vec<SectionKind> = SectionKind::ALL
        .into_iter()
        .filter(|&kind| {
            let exact = LineKind::Heading {
                kind,
                misspelt: false,
            };
            !tokens.iter().any(|t| t.kind == exact)
        })
        .collect();
    if !missing.is_empty() {
        tokens
            .iter_mut()
            .filter(|t| t.kind == LineKind::Text)
            .for_each(|t| {
                if let Some(kind) = misspelt_heading(t.line.fragment(), &missing) {
                    t.kind = LineKind::Heading {
                        kind,
                        misspelt: true,
                    };
                }
            });
    }
    mark_openings(&mut tokens);
    tokens
}

/// Sets [`Token::opens`]: a line opens when the last line before it that is not an empty
/// one (double spacing, a page break) is not text, or ends a sentence or a lead-in.
fn mark_openings(tokens: &mut [Token<'_>]) {
    tokens.iter_mut().fold(true, |opens, t| {
        t.opens = opens;
        match t.kind {
            LineKind::Blank { separator: false } => opens,
            LineKind::Text => {
                trim_end_with(t.line.fragment(), is_ws).ends_with(['.', '!', '?', ':'])
            }
            _ => true,
        }
    });
}

/// What the line `content`, starting at byte `at` of the letter, is.
///
/// ```text
/// token        = blank | heading_line | label_line | text_line ;
/// blank        = { WS - NL } , ( NL | EOF ) ;
/// heading_line = { WS - NL } , ( heading_text | misspelling(heading_text) ) ,
///                { WS - NL } , ( NL | EOF ) ;
/// label_line   = { WS - NL } , ( label | misspelling(label) ) , { CHAR - NL } , ( NL | EOF ) ;
/// text_line    = { CHAR - NL } , ( NL | EOF ) ;
/// ```
fn classify(content: &str, at: usize) -> LineKind {
    // Most lines start with a word: neither blank nor indented.
    let starts_word = content
        .as_bytes()
        .first()
        .is_some_and(u8::is_ascii_alphanumeric);
    if !starts_word && trim_start_with(content, is_ws).is_empty() {
        return LineKind::Blank {
            separator: content.contains([' ', '\t', '\u{a0}']),
        };
    }
    if HEADING_INITIALS.may_start(content)
        && let Some(kind) = heading(content)
    {
        return LineKind::Heading {
            kind,
            misspelt: false,
        };
    }
    if LABEL_INITIALS.may_start(content) {
        if let Some((kind, n)) = label(content) {
            return LineKind::Label {
                kind,
                end: at + n,
                misspelt: false,
            };
        }
        // A label on one line: a line break inside it does not make one.
        if let Some((i, n)) = misspelt_label_of(content, &LABELS) {
            return LineKind::Label {
                kind: LabelKind::ALL[i],
                end: at + n,
                misspelt: true,
            };
        }
    }
    LineKind::Text
}

/// The heading that `line` is, alone on it (whitespace around it aside).
fn heading(line: &str) -> Option<SectionKind> {
    let text = trim_start_with(line, is_inline_ws);
    SectionKind::ALL.into_iter().find(|k| {
        match_phrase(text, k.heading()).is_some_and(|n| text[n..].chars().all(is_inline_ws))
    })
}

/// The item label at the start of `line` and the length of the line up to its end.
fn label(line: &str) -> Option<(LabelKind, usize)> {
    let text = trim_start_with(line, is_inline_ws);
    let lead = line.len() - text.len();
    LabelKind::ALL
        .into_iter()
        .find_map(|k| match_phrase(text, k.as_str()).map(|n| (k, lead + n)))
}

/// The heading among `kinds` that `line` (trimmed) is a misspelling of. A line much longer
/// than the longest heading is not compared.
fn misspelt_heading(line: &str, kinds: &[SectionKind]) -> Option<SectionKind> {
    let text = trim_end_with(trim_start_with(line, is_ws), is_ws);
    let longest = SectionKind::ALL
        .map(|k| k.heading().len())
        .into_iter()
        .max()?;
    if text.len() > reach(longest) || text.len() < 8 {
        return None;
    }
    kinds
        .iter()
        .copied()
        .find(|k| is_misspelling(text, k.heading()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lex::scan::letter_input;

    fn kinds(s: &str) -> Vec<LineKind> {
        lex(letter_input(s), &LineIndex::new(s))
            .iter()
            .map(|t| t.kind)
            .collect()
    }

    #[test]
    fn lines_are_classified() {
        let s = "x\n \n\u{c}\n  CLINICAL CASE SUMMARY \nCLINICAL CASE SUMARY\nMAXIMUS guideline: a\nMAXIMUS guidline: b";
        let k = kinds(s);
        assert_eq!(k[0], LineKind::Text);
        assert_eq!(k[1], LineKind::Blank { separator: true });
        assert_eq!(k[2], LineKind::Blank { separator: false });
        assert_eq!(
            k[3],
            LineKind::Heading {
                kind: SectionKind::Summary,
                misspelt: false
            }
        );
        // Written as the template writes it, the heading is not also looked for misspelt.
        assert_eq!(k[4], LineKind::Text);
        assert_eq!(
            kinds("x\nCLINICAL CASE SUMARY\n")[1],
            LineKind::Heading {
                kind: SectionKind::Summary,
                misspelt: true
            }
        );
        assert!(matches!(
            k[5],
            LineKind::Label {
                kind: LabelKind::Maximus,
                misspelt: false,
                ..
            }
        ));
        assert!(matches!(
            k[6],
            LineKind::Label {
                kind: LabelKind::Maximus,
                misspelt: true,
                ..
            }
        ));
    }

    #[test]
    fn a_heading_with_text_after_it_is_text() {
        assert_eq!(
            kinds("CLINICAL CASE SUMMARY of the case")[0],
            LineKind::Text
        );
    }
}
