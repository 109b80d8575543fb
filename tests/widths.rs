//! Line width is not part of the layout: another page size or extractor breaks the same
//! sentences at other places. Breaking a letter's long lines at any width from 45 characters up
//! (lines are never joined) gives the same tree, spans aside, and the same diagnostics.

mod common;

use imr_determination::{Parsed, parse};
use proptest::prelude::*;

/// `text` with every line longer than `width` characters broken at its last space within the
/// width (or its first space after it), as an extractor with narrower pages would break it.
/// Line feeds are kept as they are: a CRLF line is broken before its carriage return.
pub fn rewrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / width);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let (mut rest, cr) = match line.strip_suffix('\r') {
            Some(l) => (l, "\r"),
            None => (line, ""),
        };
        while rest.chars().count() > width {
            let limit = rest
                .char_indices()
                .nth(width)
                .map_or(rest.len(), |(b, _)| b);
            // The last space that leaves at most `width` characters on the line (not one of its
            // leading spaces), else the first space after that.
            let fits = |b: &usize| !rest[..*b].trim().is_empty();
            let at = rest
                .char_indices()
                .take(width + 1)
                .filter(|&(_, c)| c == ' ')
                .map(|(b, _)| b)
                .filter(fits)
                .last()
                .or_else(|| rest[limit..].find(' ').map(|b| limit + b).filter(fits));
            let Some(at) = at else { break };
            out.push_str(&rest[..at]);
            out.push('\n');
            rest = &rest[at + 1..];
        }
        out.push_str(rest);
        out.push_str(cr);
    }
    out
}

fn codes(p: &Parsed<'_>) -> Vec<&'static str> {
    let mut c: Vec<_> = p.diagnostics.iter().map(|d| d.code().as_str()).collect();
    c.sort_unstable();
    c
}

/// What a letter's tree and diagnostics must keep at any width: the tree (spans aside) and
/// the diagnostics' codes.
fn kept<'a>(p: &Parsed<'a>) -> (imr_determination::Document<'a>, Vec<&'static str>) {
    (p.document.clone(), codes(p))
}

/// The valid fixtures: the samples, the corpus letters and their layout variants.
fn fixture_texts() -> Vec<(String, String)> {
    ["samples", "corpus", "variants"]
        .iter()
        .flat_map(|folder| common::letters(folder))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("fixture");
            (common::stem(&p), text)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Any valid fixture, broken at any width from 45 characters up: the same tree and
    /// diagnostics.
    #[test]
    fn any_fixture_reads_the_same_at_any_line_width(
        which in any::<prop::sample::Index>(),
        width in 45usize..240,
    ) {
        let fixtures = fixture_texts();
        let (name, text) = which.get(&fixtures);
        let want = parse(text);
        let narrow = rewrap(text, width);
        prop_assert!(kept(&parse(&narrow)) == kept(&want), "{} at {}", name, width);
    }
}

/// Every valid fixture, at every third width from 45 to 130: the same tree and diagnostics.
#[test]
fn every_fixture_reads_the_same_at_narrow_widths() {
    let mut failures = Vec::new();
    for (name, text) in fixture_texts() {
        {
            let want = parse(&text);
            for width in (45..=130).step_by(3) {
                let narrow = rewrap(&text, width);
                if kept(&parse(&narrow)) != kept(&want) {
                    failures.push(format!("{name} at {width}"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every fixture with errors too, at every width from 45 to 100: the same case header and
/// credentials (`header.rs` and `reviewer.rs` read them), and the same messages.
#[test]
fn every_invalid_fixture_keeps_its_header_and_credentials_at_narrow_widths() {
    let messages = |p: &Parsed<'_>| {
        let mut m: Vec<_> = p
            .diagnostics
            .iter()
            .map(|d| d.message().to_owned())
            .collect();
        m.sort_unstable();
        m
    };
    let mut failures = Vec::new();
    for path in common::letters("invalid") {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue; // not UTF-8: the letter is rejected whole
        };
        let want = parse(&text);
        for width in 45..=100 {
            let narrow = rewrap(&text, width);
            let got = parse(&narrow);
            if got.document.case_header != want.document.case_header
                || got.document.reviewer != want.document.reviewer
                || messages(&got) != messages(&want)
            {
                failures.push(format!("{} at {width}", common::stem(&path)));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn rewrap_breaks_long_lines_only() {
    assert_eq!(rewrap("aaa bbb ccc\nd", 7), "aaa bbb\nccc\nd");
    assert_eq!(rewrap("aaaaaaaaaa bb\r\nc", 4), "aaaaaaaaaa\nbb\r\nc");
    assert_eq!(rewrap("short", 45), "short");
}
