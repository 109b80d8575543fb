//! Hostile inputs: whatever the bytes, parsing gives a tree and diagnostics, never a panic, and
//! every span it hands out lies inside the input, on char boundaries.
//!
//! The large inputs double as a guard against super-linear behaviour: each is sized so that a
//! linear parser handles it in well under a second even in a debug build, while a parser that
//! rescans the rest of the input per line or per item would take minutes. (Timing itself is not
//! asserted; `examples/scaling.rs` prints the figures.)

use common::Rng;
use imr_determination::{Parsed, parse, parse_bytes, render};

// The invariants the fuzz targets assert: spans and labels inside the text, on char
// boundaries, located; the report renders.
mod common;
#[path = "../fuzz/src/lib.rs"]
mod fuzz_checks;
mod letters;

use fuzz_checks::check;
use letters::{BASE, base_parts, letter_with_issues_body};
const OLD: &str = include_str!("fixtures/samples/000_c4fc68c783e212d6.txt");
const PDFTOTEXT: &str = include_str!("fixtures/corpus/CM16-0234464.pdftotext.txt");

/// Parses bytes, checks the invariants, and requires a result: diagnostics or some content.
fn hostile(bytes: &[u8]) -> Parsed<'_> {
    let parsed = parse_bytes(bytes);
    check(&parsed);
    let d = &parsed.document;
    assert!(
        !parsed.diagnostics.is_empty()
            || d.case_header.is_some()
            || d.reviewer.is_some()
            || d.case_summary.is_some()
            || !d.items.is_empty(),
        "neither a tree nor a diagnostic"
    );
    parsed
}

fn codes(p: &Parsed<'_>) -> Vec<&'static str> {
    p.diagnostics.iter().map(|d| d.code().as_str()).collect()
}

#[test]
fn empty_and_whitespace_only() {
    for s in [
        "",
        " ",
        "\n",
        "\r\n",
        "\u{c}",
        " \n \n",
        "\u{feff}",
        "\u{feff} \n",
        "\u{a0}\u{2028}\t",
    ] {
        let p = hostile(s.as_bytes());
        assert!(p.has_errors(), "{s:?}: {:?}", codes(&p));
    }
    let owned = " \n".repeat(100_000);
    let p = hostile(owned.as_bytes());
    assert_eq!(codes(&p), ["imr::empty_input"]);
}

#[test]
fn ten_megabyte_line() {
    let words = "physical therapy twice weekly ".repeat(10 << 20 >> 5);
    let p = hostile(words.as_bytes());
    assert_eq!(codes(&p), ["imr::not_a_determination"]);
    // The same line as the body of the issues section, and as a guideline's text.
    let owned = letter_with_issues_body(&words);
    let p = hostile(owned.as_bytes());
    assert!(p.document.items.is_empty());
    let colons =
        "Decision based on MTUS Shoulder Complaints 2004, Section(s): a, b. ".repeat(1 << 14);
    let body = format!("Knee brace: Upheld\nClaims Administrator guideline: {colons}\n");
    let owned = letter_with_issues_body(&body);
    let p = hostile(owned.as_bytes());
    let g = p.document.items[0]
        .claims_administrator_guideline
        .as_ref()
        .unwrap();
    assert_eq!(g.citations.len(), 1 << 14);
}

#[test]
fn two_million_blank_lines() {
    let blank = "\n".repeat(2_000_000);
    hostile(blank.as_bytes());
    // Blank lines between every line of a letter, and inside the issues section.
    let spaced = BASE.replace('\n', &format!("\n{}", "\n".repeat(200)));
    let p = hostile(spaced.as_bytes());
    assert_eq!(p.document.items.len(), 2);
    let half = &blank[..250_000];
    let owned = letter_with_issues_body(&format!("Knee brace:{half}x{half}"));
    let p = hostile(owned.as_bytes());
    assert!(p.document.items.is_empty());
    let mut lines = String::new();
    for _ in 0..50_000 {
        lines.push_str("a line\n \n\n \n\u{c}\n");
    }
    hostile(letter_with_issues_body(&lines).as_bytes());
}

#[test]
fn a_million_lone_carriage_returns() {
    let cr = "\r".repeat(1_000_000);
    let p = hostile(cr.as_bytes());
    assert_eq!(codes(&p), ["imr::empty_input"]);
    hostile(format!("x{cr}y").as_bytes());
    hostile("x\r".repeat(500_000).as_bytes());
    // Old Mac line ends: the whole letter is one line, so no heading starts a line.
    let mac = BASE.replace('\n', "\r");
    let p = hostile(mac.as_bytes());
    assert!(p.has_errors());
    hostile(letter_with_issues_body(&cr).as_bytes());
}

#[test]
fn one_item_twenty_thousand_times() {
    let (head, _, tail) = base_parts();
    let item = "Physical therapy, 12 sessions: Upheld \n \n\
        Claims Administrator guideline: Decision based on MTUS Shoulder Complaints 2004. \n \n\
        MAXIMUS guideline: Decision based on MTUS Shoulder Complaints 2004, Section(s): \n\
        Special Studies. \n \n\
        Decision rationale: The request is not medically necessary. \n \n";
    let mut s = String::from(head);
    for _ in 0..20_000 {
        s.push_str(item);
    }
    s.push_str(tail);
    let p = hostile(s.as_bytes());
    assert_eq!(p.document.items.len(), 20_001);
    assert!(
        !p.has_errors(),
        "{:?}",
        &codes(&p)[..codes(&p).len().min(5)]
    );
    // Rendering and parsing back gives the same tree.
    let text = render(&p.document);
    assert_eq!(parse(&text).document, p.document);
}

#[test]
fn nul_bytes() {
    hostile(&[0u8; 1_000_000]);
    let nuls = BASE.replace(' ', "\0");
    hostile(nuls.as_bytes());
    let mut s = BASE.to_string();
    s.insert_str(BASE.find("Upheld").unwrap(), "\0\0");
    let p = hostile(s.as_bytes());
    assert!(p.document.items.len() >= 2);
    hostile(letter_with_issues_body(&"\0\n".repeat(100_000)).as_bytes());
}

#[test]
fn random_bytes() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let tokens: &[&[u8]] = &[
        b"HOW THE IMR FINAL DETERMINATION WAS MADE\n",
        b"CLINICAL CASE SUMMARY\n",
        b"IMR ISSUES, DECISIONS AND RATIONALES\n",
        b"Claims Administrator guideline:",
        b"MAXIMUS guideline:",
        b"Decision rationale:",
        b"Decision based on MTUS",
        b"Decision based on Non-MTUS Citation",
        b"Section(s):",
        b"Page(s): 1-3",
        b"Chapter:",
        b"(updated",
        b"page 12",
        b": Upheld\n",
        b": Overturned\n",
        b"Case Number:",
        b"was the original request.",
        b"\n",
        b" \n",
        b"\r\n",
        b"\xe2\x80",
        b"\xcc\x81",
        b"\xff",
        b"\0",
        b",",
        b" ",
        b"word",
    ];
    let mut buf = Vec::new();
    for round in 0..3000 {
        buf.clear();
        let len = rng.below(2048);
        while buf.len() < len {
            if round % 2 == 0 {
                buf.push(rng.next() as u8);
            } else {
                buf.extend_from_slice(tokens[rng.below(tokens.len())]);
            }
        }
        let p = parse_bytes(&buf);
        check(&p);
    }
}

#[test]
fn combining_marks_and_right_to_left_treatments() {
    let (head, item, tail) = base_parts();
    for name in [
        "Fisioterapia\u{301}\u{302}\u{303} a\u{308}\u{20dd} x",
        "\u{202e}العلاج الطبيعي\u{202c}",
        "\u{200f}טיפול\u{200f} פיזיותרפיה",
        "e\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}",
        "\u{301}leading combining mark",
        "MRI \u{2067}שכמה\u{2069} 3T",
    ] {
        let renamed = item.replace("MRI of the right shoulder without contrast", name);
        let s = format!("{head}{renamed}{tail}");
        let p = hostile(s.as_bytes());
        assert_eq!(p.document.items.len(), 2, "{name}");
        assert_eq!(p.document.items[0].treatment.text(), name);
        let text = render(&p.document);
        assert_eq!(parse(&text).document, p.document);
    }
}

#[test]
fn every_prefix_of_a_letter() {
    for letter in [BASE, OLD, PDFTOTEXT] {
        let step = (letter.len() / 400).max(1);
        let mut cut = 0;
        while cut <= letter.len() {
            let mut at = cut;
            while !letter.is_char_boundary(at) {
                at -= 1;
            }
            hostile(&letter.as_bytes()[..at]);
            // The bytes, cut mid-character too.
            hostile(&letter.as_bytes()[..cut]);
            cut += step;
        }
        hostile(letter.as_bytes());
    }
}

#[test]
fn a_heading_two_hundred_thousand_times() {
    for h in [
        "CLINICAL CASE SUMMARY\n",
        "HOW THE IMR FINAL DETERMINATION WAS MADE \r\n",
    ] {
        let owned = h.repeat(200_000);
        let p = hostile(owned.as_bytes());
        assert_eq!(p.diagnostics.len(), imr_determination::MAX_DIAGNOSTICS + 1);
        // The last counts the rest, and is labelled at the first of them.
        let more = p.diagnostics.last().unwrap();
        assert!(
            more.message().contains("more diagnostics"),
            "{}",
            more.message()
        );
        assert!(!more.labels().is_empty());
    }
    // Inside a letter, between its items.
    let (head, item, tail) = base_parts();
    let s = format!(
        "{head}{item}{}{tail}",
        "IMR ISSUES, DECISIONS AND RATIONALES\n".repeat(200_000)
    );
    hostile(s.as_bytes());
}

#[test]
fn five_million_colons() {
    let colons = ":".repeat(5_000_000);
    hostile(colons.as_bytes());
    hostile(letter_with_issues_body(&colons).as_bytes());
    // As lines: every line starts an item header's (bounded) look-ahead.
    hostile(letter_with_issues_body(&":\n".repeat(100_000)).as_bytes());
    let label = format!("Claims Administrator guideline: {colons}\n");
    hostile(letter_with_issues_body(&format!("Knee brace: Upheld\n{label}")).as_bytes());
    // In the case header, where values run to the next label.
    hostile(format!("Case Number: {colons}\n{BASE}").as_bytes());
}

#[test]
fn header_labels_repeated_on_one_line() {
    let line = "Priority: x Case Number: y ".repeat(100_000);
    hostile(format!("{line}\n{BASE}").as_bytes());
}

#[test]
fn many_labels_and_citations() {
    let mut body = String::new();
    for _ in 0..20_000 {
        body.push_str("Decision rationale: x\nMAXIMUS guideline: Decision based on page 1\n");
    }
    hostile(letter_with_issues_body(&body).as_bytes());
    // A chain of MTUS titles joined by ", and", on one line.
    let chain = format!(
        "Knee brace: Upheld\nMAXIMUS guideline: Decision based on MTUS Knee Complaints{}\n",
        ", and Knee Complaints 2004, Section(s): x".repeat(20_000)
    );
    let owned = letter_with_issues_body(&chain);
    let p = hostile(owned.as_bytes());
    let g = p.document.items[0].maximus_guideline.as_ref().unwrap();
    assert_eq!(g.citations.len(), 20_001);
}

#[test]
fn a_two_megabyte_line_before_the_first_heading() {
    // The case header is read word by word: every word of this line is tried as a label.
    let words = "Date Priority Application Case Under ".repeat(2 * 1024 * 1024 / 37);
    let letter = format!("{words}\n{BASE}");
    let parsed = hostile(letter.as_bytes());
    assert!(codes(&parsed).contains(&"imr::unexpected_text"));
}

/// The typo checks read bounded windows: inline certifications of 400,000 commas (each comma
/// may open a misspelt "has a subspecialty in"), a citation of 20,000 sentences, a case header
/// of 20,000 near-labels and 20,000 misspelt item labels stay linear (each of the last three
/// compares a few words per place, which a quadratic search would make minutes).
#[test]
fn typo_checks_on_long_texts() {
    let board = OLD.find("Board Certified in").expect("inline credentials");
    let licensed = OLD
        .find("and is licensed to practice in")
        .expect("inline credentials");
    let commas = format!(
        "{}Board Certified in {}b {}",
        &OLD[..board],
        "a,".repeat(400_000),
        &OLD[licensed..]
    );
    let p = hostile(commas.as_bytes());
    assert_eq!(
        p.document.reviewer.expect("reviewer").certifications.len(),
        400_001
    );

    let cite = "Decision based on MTUS Shoulder Complaints 2004.";
    let at = BASE.find(cite).expect("a citation") + cite.len();
    let sentences = format!(
        "{} {}{}",
        &BASE[..at],
        "x. Decisoin basd onn. ".repeat(20_000),
        &BASE[at..]
    );
    hostile(sentences.as_bytes());

    let header = format!(
        "Case Number: {}\n{}",
        "Dat Asigned: x ".repeat(20_000),
        BASE
    );
    hostile(header.as_bytes());

    let rationale = BASE.find("Decision rationale:").expect("a rationale");
    let labels = format!(
        "{}{}{}",
        &BASE[..rationale],
        "Decision rationle: x\n".repeat(20_000),
        &BASE[rationale..]
    );
    let p = hostile(labels.as_bytes());
    assert!(codes(&p).contains(&"imr::misspelt_label"));
}
