//! Spans, text nodes and whitespace normalisation.
//!
//! Every node of the tree carries a [`Span`]: byte offsets into the input and the 1-based line and
//! column (in characters) of its start. Nodes are built with offsets only; lines and columns are
//! filled in once per document from a [`LineIndex`], so the parse path never scans backwards for
//! a column.

use std::borrow::Cow;

use serde::{Serialize, Serializer};

/// A region of the input: byte offsets `start..end`, and the 1-based `line` and `column`
/// (counted in characters) of `start`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: u32,
    /// 1-based column of `start`, in characters.
    pub column: u32,
}

impl Span {
    /// A span over `start..end` whose line and column are not computed yet.
    pub(crate) fn bytes(start: usize, end: usize) -> Self {
        Span {
            start,
            end,
            line: 0,
            column: 0,
        }
    }

    /// The byte range of the span.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(s: Span) -> Self {
        (s.start, s.len()).into()
    }
}

/// Line starts of a text, for turning byte offsets into lines and columns.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    source: &'a str,
    starts: Vec<usize>,
    /// Whether the text is ASCII, where a column is a byte distance.
    ascii: bool,
}

impl<'a> LineIndex<'a> {
    /// Indexes the line starts of `source` (lines end at `\n`).
    pub fn new(source: &'a str) -> Self {
        let mut starts = Vec::with_capacity(source.len() / 64 + 1);
        starts.push(0);
        push_line_starts(source.as_bytes(), &mut starts);
        LineIndex {
            source,
            starts,
            ascii: source.is_ascii(),
        }
    }

    /// The lines of `from..to` (byte offsets) as `(offset, content)` pairs, the content without
    /// its line feed and cut at `to`; when `from` is inside a line, the first is the rest of it.
    /// The parser's line scans read the line starts found here once per letter instead of
    /// searching for line feeds again.
    pub(crate) fn lines_in(&self, from: usize, to: usize) -> Lines<'_, 'a> {
        let to = to.min(self.source.len());
        let after = self.starts.partition_point(|&s| s <= from);
        let until = self.starts.partition_point(|&s| s <= to).max(after);
        Lines {
            source: self.source,
            starts: self.starts[after..until].iter(),
            begin: (from < to).then_some(from),
            to,
        }
    }

    /// In an ASCII text, where a column is a byte distance, a function that locates spans one
    /// at a time, without collecting or sorting them. It keeps the bounds of the previous
    /// span's line: a span on the same line costs two comparisons, and only a span on another
    /// line has its line looked for (see [`line_from`](Self::line_from)).
    pub(crate) fn ascii_locator(&self) -> Option<impl FnMut(&mut Span) + '_> {
        let len = self.source.len();
        // The current line (1-based, as a `u32`), its start and the next line's start.
        let mut line = (1, 0, self.starts.get(1).copied().unwrap_or(usize::MAX));
        self.ascii.then_some(move |span: &mut Span| {
            let c = span.start.min(len);
            if c < line.1 || c >= line.2 {
                line = self.line_from(line.0, c);
            }
            (span.line, span.column) = (line.0, to_u32(c - line.1 + 1));
        })
    }

    /// The line of byte `c` (1-based, as a `u32`) when it is not on line `line`, with its start
    /// and the next line's start (or `usize::MAX` after the last line). Spans come mostly in
    /// the order of the text, so when `c` is after line `line` the next lines are tried one by
    /// one (the next ten or so hold most spans) before a binary search of the rest; when it is
    /// before, the lines before are searched.
    ///
    /// Kept apart from the locator's test for the same line, which is small enough to inline
    /// into every call of the tree's walk.
    #[inline(never)]
    fn line_from(&self, line: u32, c: usize) -> (u32, usize, usize) {
        let starts = &self.starts;
        // Lines tried one by one before a binary search.
        const STEPS: usize = 16;
        let line = usize::try_from(line)
            .unwrap_or(usize::MAX)
            .min(starts.len());
        let line = if starts[line - 1] > c {
            starts[..line - 1].partition_point(|&s| s <= c)
        } else {
            let mut l = line;
            loop {
                match starts.get(l) {
                    Some(&s) if s <= c => l += 1,
                    _ => break l,
                }
                if l == line + STEPS {
                    break l + starts[l..].partition_point(|&s| s <= c);
                }
            }
        };
        let next = starts.get(line).copied().unwrap_or(usize::MAX);
        (to_u32(line), starts[line - 1], next)
    }

    /// 1-based line and column (in characters) of a byte offset. Offsets past the end, or inside
    /// a character, are clamped to the nearest valid position before them.
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        let mut offset = offset.min(self.source.len());
        while !self.source.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset);
        let line_start = self.starts[line - 1];
        let column = self.source[line_start..offset].chars().count() + 1;
        (to_u32(line), to_u32(column))
    }

    /// Fills in the line and column of a span.
    pub fn locate(&self, span: &mut Span) {
        let (line, column) = self.line_col(span.start);
        span.line = line;
        span.column = column;
    }

    /// Fills in the line and column of many spans at once.
    ///
    /// In an ASCII text (most letters) a column is a byte distance: see
    /// [`ascii_locator`](Self::ascii_locator). Otherwise the spans are located in their order
    /// while they go forward in the text, each column counted on from the previous span's on
    /// the same line (or from the start of the line); the spans met before the previous one are
    /// put aside, then sorted by their start and located the same way. Every byte is counted at
    /// most twice however many spans share a long line, and only the spans out of order are
    /// sorted.
    pub(crate) fn locate_all(&self, spans: &mut [&mut Span]) {
        if let Some(mut locate) = self.ascii_locator() {
            for span in spans {
                locate(span);
            }
            return;
        }
        let late = self.locate_in_order(spans);
        let late = &mut spans[..late];
        late.sort_unstable_by_key(|s| s.start);
        self.locate_in_order(late);
    }

    /// Locates the spans that come in the order of the text, and moves the others (those before
    /// a span located) to the front of `spans`, returning how many.
    fn locate_in_order(&self, spans: &mut [&mut Span]) -> usize {
        // The line (1-based: the number of line starts at or before the offset), the previous
        // offset located and, when on that line, its column.
        let (mut line, mut last) = (1, 0);
        let mut prev: Option<usize> = None;
        let mut late = 0;
        for i in 0..spans.len() {
            let span = &mut *spans[i];
            let mut c = span.start.min(self.source.len());
            while !self.source.is_char_boundary(c) {
                c -= 1;
            }
            if c < last {
                spans.swap(late, i);
                late += 1;
                continue;
            }
            while self.starts.get(line).is_some_and(|&s| s <= c) {
                line += 1;
                prev = None;
            }
            let column = match prev {
                Some(col) => col + self.source[last..c].chars().count(),
                None => self.source[self.starts[line - 1]..c].chars().count() + 1,
            };
            (last, prev) = (c, Some(column));
            (span.line, span.column) = (to_u32(line), to_u32(column));
        }
        late
    }
}

/// The lines of a part of the text: see [`LineIndex::lines_in`].
pub(crate) struct Lines<'i, 'a> {
    source: &'a str,
    /// The starts of the lines after the current one.
    starts: std::slice::Iter<'i, usize>,
    /// The start of the current line, if any is left.
    begin: Option<usize>,
    /// Where the part ends.
    to: usize,
}

impl<'a> Iterator for Lines<'_, 'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let begin = self.begin?;
        let (end, next) = match self.starts.next() {
            Some(&n) if n < self.to => (n - 1, Some(n)),
            Some(&n) if n == self.to => (n - 1, None),
            _ => (self.to, None),
        };
        self.begin = next;
        Some((begin, self.source.get(begin..end).unwrap_or_default()))
    }

    /// Exact: one line, and one more for each line start left before `to`, so that the tokens
    /// of a letter are collected without growing their vector.
    fn size_hint(&self) -> (usize, Option<usize>) {
        let starts = self.starts.as_slice();
        let n = match self.begin {
            None => 0,
            Some(_) => 1 + starts.len() - usize::from(starts.last() == Some(&self.to)),
        };
        (n, Some(n))
    }
}

/// The start of the character of `s` holding byte `at` (at most `s.len()`).
pub(crate) fn char_start(s: &str, at: usize) -> usize {
    let at = at.min(s.len());
    (0..=at).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0)
}

/// The end of the character of `s` holding byte `at`, or `at` on a boundary (at most
/// `s.len()`).
pub(crate) fn char_end(s: &str, at: usize) -> usize {
    (at.min(s.len())..=s.len())
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(s.len())
}

/// Pushes the offset after each line feed of `bytes`.
fn push_line_starts(bytes: &[u8], starts: &mut Vec<usize>) {
    // The AVX2 searcher, when the machine has it, called directly: `memchr_iter` picks the
    // implementation again at every line feed, and a letter's lines are short.
    #[cfg(target_arch = "x86_64")]
    if let Some(feeds) = memchr::arch::x86_64::avx2::memchr::One::new(b'\n') {
        starts.extend(feeds.iter(bytes).map(|i| i + 1));
        return;
    }
    starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A piece of the letter's text: the source it covers and its span.
///
/// Its [`text`](Text::text) is the source with every run of whitespace collapsed to one space and
/// trimmed, so that a text broken over lines and pages by a PDF extractor reads the same as one
/// typed on a single line. Equality compares that normalised text and ignores the span.
#[derive(Clone, Copy, Debug, Default)]
pub struct Text<'a> {
    raw: &'a str,
    /// Where the text is in the input.
    pub span: Span,
}

impl<'a> Text<'a> {
    /// A text node over `raw`, which starts at byte `start` of the input (its line and column
    /// are left at 0; parsing fills them in).
    pub fn new(raw: &'a str, start: usize) -> Self {
        Text {
            raw,
            span: Span::bytes(start, start + raw.len()),
        }
    }

    /// The source text as written, line breaks included.
    pub fn raw(&self) -> &'a str {
        self.raw
    }

    /// The normalised text: whitespace runs collapsed to one space, trimmed.
    pub fn text(&self) -> Cow<'a, str> {
        normalize(self.raw)
    }

    /// Whether the text is empty once normalised.
    pub fn is_empty(&self) -> bool {
        trim_start_with(self.raw, is_ws).is_empty()
    }
}

impl PartialEq for Text<'_> {
    fn eq(&self, other: &Self) -> bool {
        words(self.raw).eq(words(other.raw))
    }
}

impl Eq for Text<'_> {}

impl Serialize for Text<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Text", 2)?;
        s.serialize_field("text", &Normalized::of(self.raw))?;
        s.serialize_field("span", &self.span)?;
        s.end()
    }
}

/// Serialises a list of text nodes as a list of their normalised strings.
pub(crate) fn serialize_strings<S: Serializer>(
    texts: &[Text<'_>],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(texts.iter().map(|t| Normalized::of(t.raw)))
}

/// Serialises an optional text node as its normalised string, or null.
pub(crate) fn serialize_opt_string<S: Serializer>(
    text: &Option<Text<'_>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match text {
        Some(t) => serializer.serialize_some(&Normalized::of(t.raw)),
        None => serializer.serialize_none(),
    }
}

/// Whitespace as the letters use it: Unicode whitespace, which includes `\r`, `\f` and
/// no-break spaces.
pub(crate) fn is_ws(c: char) -> bool {
    c.is_whitespace()
}

/// `s` without its leading characters matching `f`, read byte by byte while they are ASCII:
/// `str::trim_start_matches` decodes each character through a pattern searcher, which costs
/// more than the trimming itself on the short runs of spaces the parser trims.
pub(crate) fn trim_start_with(s: &str, f: impl Fn(char) -> bool) -> &str {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if !c.is_ascii() {
            return s[i..].trim_start_matches(f);
        }
        if !f(char::from(c)) {
            break;
        }
        i += 1;
    }
    &s[i..]
}

/// `s` without its trailing characters matching `f` (see [`trim_start_with`]).
pub(crate) fn trim_end_with(s: &str, f: impl Fn(char) -> bool) -> &str {
    let b = s.as_bytes();
    let mut i = b.len();
    while i > 0 {
        let c = b[i - 1];
        if !c.is_ascii() {
            return s[..i].trim_end_matches(f);
        }
        if !f(char::from(c)) {
            break;
        }
        i -= 1;
    }
    &s[..i]
}

/// The words of a text: its maximal runs of non-whitespace.
pub(crate) fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(is_ws).filter(|w| !w.is_empty())
}

/// Collapses every run of whitespace to one space and trims; borrows when nothing changes.
///
/// ```
/// use imr_determination::normalize;
/// assert_eq!(normalize("  Low Back\r\n\n Complaints \u{c}2004 "), "Low Back Complaints 2004");
/// ```
pub fn normalize(s: &str) -> Cow<'_, str> {
    let n = Normalized::of(s);
    if n.regular == n.text.len() {
        return Cow::Borrowed(n.text);
    }
    let mut out = String::with_capacity(n.text.len());
    let Ok(()) = n.pieces(|piece| {
        out.push_str(piece);
        Ok::<(), std::convert::Infallible>(())
    });
    Cow::Owned(out)
}

/// A text's normalised form, not built: serialised, it is written piece by piece (with
/// `serde_json`, straight into the output) instead of being collected into a string first.
#[derive(Clone, Copy)]
struct Normalized<'a> {
    /// The text, trimmed.
    text: &'a str,
    /// The length of its first regular run: all of it when normalising changes nothing.
    regular: usize,
}

impl<'a> Normalized<'a> {
    fn of(s: &'a str) -> Self {
        let text = trim_end_with(trim_start_with(s, is_ws), is_ws);
        Normalized {
            text,
            regular: regular_run(text, 0),
        }
    }

    /// Gives `emit` the normalised text in pieces: each regular run with one space for the
    /// whitespace after it, then the last run.
    fn pieces<E>(&self, mut emit: impl FnMut(&str) -> Result<(), E>) -> Result<(), E> {
        let t = self.text;
        let (mut run, mut k) = (0, self.regular);
        while k < t.len() {
            // The run with the whitespace's first byte when that is a space (one piece), else
            // the run and a space.
            if t.as_bytes()[k] == b' ' {
                emit(&t[run..=k])?;
            } else {
                emit(&t[run..k])?;
                emit(" ")?;
            }
            run = skip_ws(t, k);
            k = regular_run(t, run);
        }
        emit(&t[run..])
    }
}

impl std::fmt::Display for Normalized<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.pieces(|piece| f.write_str(piece))
    }
}

impl Serialize for Normalized<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.regular == self.text.len() {
            serializer.serialize_str(self.text)
        } else {
            serializer.collect_str(self)
        }
    }
}

/// The end of the run of `t` from byte `from` in which every whitespace is a single space
/// followed by another character: the next whitespace that is not, or the end.
fn regular_run(t: &str, from: usize) -> usize {
    let b = t.as_bytes();
    let printable = |c: u8| c > b' ' && c < 0x7f;
    let mut k = from;
    while k < b.len() {
        // Eight bytes at a time while they are printable ASCII with single spaces inside,
        if let Some(word) = b[k..].first_chunk::<8>()
            && regular_word(
                u64::from_le_bytes(*word),
                b.get(k + 8).copied().is_some_and(printable),
            )
        {
            k += 8;
            continue;
        }
        // else byte by byte to the end of those eight.
        let stop = (k + 8).min(b.len());
        while k < stop {
            let c = b[k];
            if printable(c) {
                k += 1;
            } else if c == b' ' {
                // A single space: followed by a character other than whitespace.
                if k + 1 < b.len() && ws_len(t, k + 1) == 0 {
                    k += 2;
                } else {
                    return k;
                }
            } else if ws_len(t, k) == 0 {
                // Any other character (a control character or a byte of a non-ASCII one).
                k += 1;
            } else {
                return k;
            }
        }
    }
    b.len()
}

/// Whether eight bytes (little-endian) are ASCII at or above the space with single spaces, the
/// last one a space only when the byte after them (`printable_next`) is printable: then they are
/// regular whichever bytes come before.
fn regular_word(x: u64, printable_next: bool) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    // The high bit of each byte at or above 0x20 (for ASCII bytes).
    let at_least_space = (x & LOW) + 0x6060_6060_6060_6060;
    // The high bit of each space (exact: no carry crosses a byte).
    let y = x ^ 0x2020_2020_2020_2020;
    let spaces = !(((y & LOW) + LOW) | y) & HIGH;
    x & HIGH == 0
        && at_least_space & HIGH == HIGH
        && spaces & (spaces >> 8) == 0
        && (spaces >> 63 == 0 || printable_next)
}

/// The offset after the whitespace starting at byte `pos` of `s` (ASCII fast, Unicode too).
pub(crate) fn skip_ws(s: &str, mut pos: usize) -> usize {
    loop {
        match ws_len(s, pos) {
            0 => return pos,
            n => pos += n,
        }
    }
}

/// The length of the whitespace character at byte `at` of `s`, or 0 when there is none
/// (or `at` is past the end or inside a character).
#[inline]
fn ws_len(s: &str, at: usize) -> usize {
    match s.as_bytes().get(at) {
        None => 0,
        Some(&b) if b.is_ascii() => usize::from(is_ws(char::from(b))),
        // U+0085 and U+00A0 start with 0xC2, U+1680 with 0xE1, U+2000-U+205F with 0xE2 and
        // U+3000 with 0xE3: no other character is whitespace.
        Some(0xC2 | 0xE1 | 0xE2 | 0xE3) => s
            .get(at..)
            .and_then(|r| r.chars().next())
            .filter(|&c| is_ws(c))
            .map_or(0, char::len_utf8),
        Some(_) => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let src = "ab\nçd\r\nx";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line_col(0), (1, 1));
        assert_eq!(idx.line_col(3), (2, 1));
        assert_eq!(idx.line_col(5), (2, 2));
        assert_eq!(idx.line_col(src.len()), (3, 2));
        assert_eq!(idx.line_col(4), (2, 1), "inside a character clamps back");
        assert_eq!(idx.line_col(99), (3, 2));
    }

    #[test]
    fn lines_in_cuts_at_both_ends() {
        let src = "ab\n\ncd\nef";
        let idx = LineIndex::new(src);
        let all: Vec<_> = idx.lines_in(0, src.len()).collect();
        assert_eq!(all, [(0, "ab"), (3, ""), (4, "cd"), (7, "ef")]);
        assert_eq!(
            idx.lines_in(1, 5).collect::<Vec<_>>(),
            [(1, "b"), (3, ""), (4, "c")]
        );
        assert_eq!(idx.lines_in(4, 7).collect::<Vec<_>>(), [(4, "cd")]);
        assert_eq!(idx.lines_in(7, 7).count(), 0);
        assert_eq!(
            LineIndex::new("x\n").lines_in(0, 2).collect::<Vec<_>>(),
            [(0, "x")]
        );
    }

    #[test]
    fn locate_all_agrees_with_line_col() {
        for src in ["ab\nçd é\r\nx", "ab\ncd e\r\n\nx"] {
            locate_all_agrees(src);
        }
        // Many lines of different lengths, so that a span's line is sometimes a few lines
        // after the previous span's and sometimes far before or after it.
        let long: String = (0..60).map(|k| "x".repeat(k % 7) + "\n").collect();
        locate_all_agrees(&long);
    }

    fn locate_all_agrees(src: &str) {
        // Every offset (inside characters and past the end too), in a shuffled order.
        let offsets: Vec<usize> = (0..=src.len() + 2)
            .map(|o| (o * 7) % (src.len() + 3))
            .collect();
        locate_all_agrees_at(src, &offsets);
    }

    /// Locates spans starting at `offsets` (in that order) with `locate_all` and checks each
    /// against `line_col`.
    fn locate_all_agrees_at(src: &str, offsets: &[usize]) {
        let idx = LineIndex::new(src);
        let mut spans: Vec<Span> = offsets.iter().map(|&o| Span::bytes(o, 0)).collect();
        let mut refs: Vec<&mut Span> = spans.iter_mut().collect();
        idx.locate_all(&mut refs);
        for s in &spans {
            assert_eq!(
                (s.line, s.column),
                idx.line_col(s.start),
                "{src:?} offset {}",
                s.start
            );
        }
    }

    #[test]
    fn locate_all_agrees_on_generated_texts() {
        // Texts of short and long lines, blank lines, CRLF and (in half of them) non-ASCII
        // characters, with spans at pseudo-random offsets: mostly forward by a few lines, as a
        // tree's spans come, sometimes far forward or backward, sometimes inside a character
        // or past the end.
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for round in 0..400 {
            let pieces: &[&str] = if round % 2 == 0 {
                &[
                    "ab",
                    "c d",
                    "\n",
                    "\r\n",
                    "\n\n",
                    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                ]
            } else {
                &[
                    "ab",
                    "\n",
                    "\r\n",
                    "é",
                    "\u{2003}",
                    "𝄞x",
                    "yyyyyyyyyyyyyyyyyyyyyyyyy",
                ]
            };
            let src: String = (0..next() % 300)
                .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                .collect();
            let len = src.len() as u64;
            let mut at = 0u64;
            let offsets: Vec<usize> = (0..next() % 200)
                .map(|_| {
                    at = match next() % 10 {
                        0 => next() % (len + 3),
                        1 => at.saturating_sub(next() % 50),
                        _ => at + next() % 40,
                    };
                    at as usize
                })
                .collect();
            locate_all_agrees_at(&src, &offsets);
        }
    }

    #[test]
    fn normalize_agrees_with_joining_the_words() {
        let every_ws: String = (0..=0x3000u32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        for s in [
            "a b",
            " a  b ",
            "a\r\nb\u{c}c",
            &format!("x{every_ws}y"),
            "\u{a0}é\u{2003}ü \u{3000}z",
            "é\u{85}\u{1680}\u{205f}\u{202f}a b\tc",
            "",
            " \n ",
            "a \u{a0}b",
        ] {
            let words: Vec<&str> = s
                .split(char::is_whitespace)
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(normalize(s), words.join(" "), "{s:?}");
        }
    }

    #[test]
    fn normalize_agrees_on_generated_texts() {
        // Texts of up to 40 pieces drawn from letters, spaces, other whitespace, non-ASCII
        // characters and characters JSON escapes, so that every position of the eight-byte
        // reads meets every case.
        let pieces = [
            "a", "bcdefgh", " ", "  ", "\n", "\r\n", "\u{c}", "é", "\u{a0}", "\u{2003}", "\t",
            "x y", "\"", "\\", "\u{1}",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            let mut s = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            for k in 0..(seed % 41) {
                s.push_str(pieces[((seed >> (k % 50)) as usize + k as usize * 7) % pieces.len()]);
            }
            let words: Vec<&str> = s
                .split(char::is_whitespace)
                .filter(|w| !w.is_empty())
                .collect();
            let joined = words.join(" ");
            assert_eq!(normalize(&s), joined, "{s:?}");
            // Serialised piece by piece, and shown, it is the same text.
            let n = Normalized::of(&s);
            assert_eq!(n.to_string(), joined, "{s:?}");
            assert_eq!(
                serde_json::to_string(&n).unwrap(),
                serde_json::to_string(&joined).unwrap(),
                "{s:?}"
            );
        }
    }

    #[test]
    fn trims_agree_with_the_standard_ones() {
        for s in [
            "",
            " ",
            " a ",
            "\u{a0} é \r\n",
            "x\u{2003}",
            "\u{3000}\u{a0}",
            ",é, ",
            "a b",
        ] {
            let f = |c: char| is_ws(c) || c == ',';
            assert_eq!(trim_start_with(s, f), s.trim_start_matches(f), "{s:?}");
            assert_eq!(trim_end_with(s, f), s.trim_end_matches(f), "{s:?}");
        }
    }

    #[test]
    fn normalize_borrows_clean_text() {
        assert!(matches!(normalize(" a b "), Cow::Borrowed("a b")));
        assert_eq!(normalize("a\n\n\u{c}b\u{a0} c"), "a b c");
        assert_eq!(normalize(""), "");
    }

    #[test]
    fn text_equality_ignores_layout_and_span() {
        let a = Text::new("Low  Back\nComplaints", 0);
        let b = Text::new("Low Back Complaints", 40);
        assert_eq!(a, b);
    }
}
