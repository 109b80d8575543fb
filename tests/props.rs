//! Properties over generated letters:
//!
//! - a generated letter parses without errors into the tree it was generated from;
//! - its tree renders to a text that parses back to an equal tree;
//! - laying the same letter out as another extractor would (wrapped lines, double spacing,
//!   CRLF, trailing spaces, page breaks and form feeds anywhere) gives an equal tree;
//! - a heading or label misspelt by one letter gives the same tree and one diagnostic on it;
//! - any prefix of a letter, and arbitrary text, gives a tree and diagnostics without a panic,
//!   with spans and labels inside the input.

mod common;

use common::{check_diagnostics, check_malformed_tree, check_tree};
use imr_determination::{Code, DecisionValue, MTUS_TITLES, parse, render};
use proptest::prelude::*;

/// Words of free text: none is a label, a heading word or a decision.
const WORDS: &[&str] = &[
    "pain",
    "knee",
    "the",
    "worker",
    "reported",
    "lumbar",
    "with",
    "MRI",
    "therapy",
    "left",
    "right",
    "visits",
    "and",
    "of",
    "for",
    "was",
    "noted",
    "tablet",
    "daily",
    "x-ray",
    "(prior)",
    "10/13/2016",
    "50%",
    "is",
    "on",
    "review",
    "ongoing",
    "café",
    "naïve",
];

fn words(min: usize, max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), min..=max).prop_map(|w| w.join(" "))
}

/// A capitalised phrase, as list entries and section names are written.
fn name() -> impl Strategy<Value = String> {
    words(1, 3).prop_map(|w| {
        let mut c = w.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    })
}

/// A generated item: what the letter must give, and its text.
#[derive(Debug, Clone)]
struct GenItem {
    treatment: String,
    decision: DecisionValue,
    modification: Option<(String, String)>,
    guidelines: [(String, usize); 2],
    rationale: String,
}

fn treatment() -> impl Strategy<Value = String> {
    (
        name(),
        prop::sample::select(&["", " #60", ", QTY: 8", " 7.5mg #90"][..]),
    )
        .prop_map(|(n, s)| format!("{n}{s}"))
}

/// A citation and how many citations it makes (a chain of MTUS titles makes one per title).
fn citation() -> impl Strategy<Value = (String, usize)> {
    // The titles of the 2016-17 letters, which carry a year.
    let titles = prop::sample::select(&MTUS_TITLES[..16]);
    prop_oneof![
        (titles.clone(), 2004u16..2017, name(), name()).prop_map(|(t, y, a, b)| (
            format!("Decision based on MTUS {t} {y}, Section(s): {a}, {b}."),
            1
        )),
        (titles.clone(), 2004u16..2017)
            .prop_map(|(t, y)| (format!("Decision based on MTUS {t} {y}."), 1)),
        (titles.clone(), titles, 2004u16..2017, name()).prop_map(|(a, b, y, s)| (
            format!(
                "Decision based on MTUS {a} {y}, Section(s): {s}, and {b} {y}, Section(s): {s}."
            ),
            2
        )),
        name().prop_map(|w| (
            format!(
                "Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) {w}."
            ),
            1
        )),
        (name(), 1u32..300).prop_map(|(w, p)| (
            format!("Decision based on MTUS Chronic Pain Treatment Guidelines {w} Page(s): {p}."),
            1
        )),
    ]
}

/// A guideline's text and its number of citations.
fn guideline() -> impl Strategy<Value = (String, usize)> {
    prop_oneof![
        1 => Just((
            "The Claims Administrator did not cite any medical evidence for its decision.".to_string(),
            0
        )),
        4 => prop::collection::vec(citation(), 1..=2).prop_map(|c| (
            c.iter().map(|c| c.0.as_str()).collect::<Vec<_>>().join(" "),
            c.iter().map(|c| c.1).sum()
        )),
        1 => citation().prop_map(|(c, n)| (format!(
            "The Expert Reviewer based their decision on recommendation(s) outside of the MTUS Guidelines. {c}"
        ), n)),
    ]
}

fn item() -> impl Strategy<Value = GenItem> {
    (
        treatment(),
        any::<bool>(),
        prop::option::weighted(0.2, (treatment(), treatment())),
        guideline(),
        guideline(),
        words(5, 60),
        any::<bool>(),
    )
        .prop_map(
            |(treatment, upheld, modification, g1, g2, rationale, conclude)| {
                let decision = if upheld {
                    DecisionValue::Upheld
                } else {
                    DecisionValue::Overturned
                };
                let mut rationale = format!("{rationale}.");
                if conclude {
                    let not = if upheld { "not " } else { "" };
                    rationale.push_str(&format!(
                        " Therefore the request is {not}medically necessary."
                    ));
                }
                GenItem {
                    treatment,
                    decision,
                    modification,
                    guidelines: [g1, g2],
                    rationale,
                }
            },
        )
}

/// A generated letter: its items and its canonical-ish text.
#[derive(Debug, Clone)]
struct GenLetter {
    items: Vec<GenItem>,
    text: String,
}

fn letter() -> impl Strategy<Value = GenLetter> {
    (
        any::<bool>(),
        prop::collection::vec(name(), 1..=3),
        prop::collection::vec(name(), 1..=3),
        prop::option::of(name()),
        words(10, 120),
        prop::collection::vec(item(), 1..=4),
    )
        .prop_map(|(header, states, certs, sub, summary, items)| {
            let mut t = String::new();
            if header {
                t.push_str(
                    "Case Number: CM16-0213037\nDate Assigned: 11/09/2016 Date of Injury: 10/13/2016\n\
                     Decision Date: 12/09/2016 UR Denial Date: 11/03/2016\n\
                     Priority: Standard Application Received: 11/03/2016\n\n",
                );
            }
            t.push_str(
                "HOW THE IMR FINAL DETERMINATION WAS MADE\nMAXIMUS Federal Services sent the complete \
                 case file to an expert reviewer. He/she has no affiliation with the employer, employee, \
                 providers or the claims administrator.",
            );
            match &sub {
                Some(s) => t.push_str(&format!(
                    " The expert reviewer is Board Certified in {}, has a subspecialty in {s} and is \
                     licensed to practice in {}.\n\n",
                    certs.join(", "),
                    states.join(", ")
                )),
                None => t.push_str(&format!(
                    "\n\nThe Expert Reviewer has the following credentials:\nState(s) of Licensure: {}\n\
                     Certification(s)/Specialty: {}\n\n",
                    states.join(","),
                    certs.join(", ")
                )),
            }
            t.push_str(&format!(
                "CLINICAL CASE SUMMARY\nThe expert reviewer developed the following clinical case \
                 summary based on a review of the case file, including all medical records:\n\n{summary}.\n\n"
            ));
            t.push_str(
                "IMR ISSUES, DECISIONS AND RATIONALES\nThe Final Determination was based on decisions \
                 for the disputed items/services set forth below:\n\n",
            );
            for it in &items {
                let d = match it.decision {
                    DecisionValue::Upheld => "Upheld",
                    DecisionValue::Overturned => "Overturned",
                };
                match &it.modification {
                    Some((x, y)) => t.push_str(&format!(
                        "{x} was the original request. {y} was authorized by the Claims Administrator. \
                         The remaining IMR eligible portion of the original request, {} is: {d}\n\n",
                        it.treatment
                    )),
                    None => t.push_str(&format!("{}: {d}\n\n", it.treatment)),
                }
                t.push_str(&format!(
                    "Claims Administrator guideline: {}\n\nMAXIMUS guideline: {}\n\nDecision rationale: {}\n\n",
                    it.guidelines[0].0, it.guidelines[1].0, it.rationale
                ));
            }
            GenLetter { items, text: t }
        })
}

/// How an extractor lays the text out.
#[derive(Debug, Clone)]
struct Layout {
    width: usize,
    crlf: bool,
    double_spaced: bool,
    trailing_space: bool,
    separator: &'static str,
    /// Line numbers after which a page break (empty lines or a form feed) falls.
    breaks: Vec<usize>,
    bom: bool,
}

fn layout() -> impl Strategy<Value = Layout> {
    (
        85usize..140,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        prop::sample::select(&["", " "][..]),
        prop::collection::vec(0usize..200, 0..4),
        any::<bool>(),
    )
        .prop_map(
            |(width, crlf, double_spaced, trailing_space, separator, breaks, bom)| Layout {
                width,
                crlf,
                double_spaced,
                trailing_space,
                separator,
                breaks,
                bom,
            },
        )
}

/// Wraps a line greedily at `width` (words are short, so every wrapped line but the last is
/// long, as a PDF's full printed lines are).
fn wrap(line: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for w in line.split(' ') {
        if !cur.is_empty() && cur.chars().count() + 1 + w.chars().count() > width {
            out.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(w);
    }
    out.push(cur);
    out
}

fn lay_out(text: &str, l: &Layout) -> String {
    let mut lines = Vec::new();
    for line in text.lines() {
        if line.is_empty() {
            lines.push(l.separator.to_string());
        } else {
            lines.extend(wrap(line, l.width));
        }
    }
    let nl = if l.crlf { "\r\n" } else { "\n" };
    let mut out = String::new();
    if l.bom {
        out.push('\u{feff}');
    }
    for (k, line) in lines.iter().enumerate() {
        out.push_str(line);
        if l.trailing_space && !line.is_empty() {
            out.push(' ');
        }
        out.push_str(nl);
        if l.double_spaced {
            out.push_str(nl);
        }
        if l.breaks.contains(&k) {
            if k % 2 == 0 {
                out.push_str(&nl.repeat(4));
            } else {
                out.push('\u{c}');
                out.push_str(nl);
            }
        }
    }
    out
}

fn config() -> ProptestConfig {
    // PROPTEST_CASES=5000 for a longer run.
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(128);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn generated_letters_parse_to_their_items(g in letter()) {
        let parsed = parse(&g.text);
        prop_assert!(!parsed.has_errors(), "{:?}\n{}", parsed.diagnostics, g.text);
        check_tree(&g.text, &parsed.document).map_err(TestCaseError::fail)?;
        let doc = &parsed.document;
        prop_assert_eq!(doc.items.len(), g.items.len());
        for (got, want) in doc.items.iter().zip(&g.items) {
            prop_assert_eq!(got.treatment.text(), want.treatment.as_str());
            prop_assert_eq!(got.decision.map(|d| d.value), Some(want.decision));
            let m = got.modification.as_ref().map(|m| {
                (m.original_request.text().into_owned(), m.authorized.text().into_owned())
            });
            prop_assert_eq!(&m, &want.modification);
            prop_assert_eq!(got.rationale.map(|r| r.text().into_owned()), Some(want.rationale.clone()));
            let ca = got.claims_administrator_guideline.as_ref().map_or(0, |g| g.citations.len());
            prop_assert_eq!(ca, want.guidelines[0].1);
            let mx = got.maximus_guideline.as_ref().map_or(0, |g| g.citations.len());
            prop_assert_eq!(mx, want.guidelines[1].1);
        }
    }

    #[test]
    fn trees_render_and_parse_back_equal(g in letter()) {
        let first = parse(&g.text);
        let text = render(&first.document);
        let again = parse(&text);
        prop_assert!(!again.has_errors(), "{:?}\n{}", again.diagnostics, text);
        prop_assert_eq!(&again.document, &first.document);
        prop_assert_eq!(render(&again.document), text, "render is a fixed point");
    }

    #[test]
    fn layout_does_not_change_the_tree(g in letter(), l in layout()) {
        let plain = parse(&g.text);
        let laid = lay_out(&g.text, &l);
        let parsed = parse(&laid);
        prop_assert!(!parsed.has_errors(), "{:?}\n{}", parsed.diagnostics, laid);
        check_tree(&laid, &parsed.document).map_err(TestCaseError::fail)?;
        prop_assert_eq!(&parsed.document, &plain.document, "{:?}", l);
    }

    #[test]
    fn a_misspelt_heading_or_label_is_read_as_spelt_right(
        g in letter(),
        l in layout(),
        which in any::<prop::sample::Index>(),
        letter_at in any::<prop::sample::Index>(),
    ) {
        let laid = lay_out(&g.text, &l);
        let want = parse(&laid);
        // The headings and labels that start a line, as written.
        let places: Vec<(usize, &str)> = common::headings_and_labels()
            .flat_map(|p| laid.match_indices(p))
            .filter(|&(at, _)| {
                let line = laid[..at].rfind('\n').map_or(0, |n| n + 1);
                laid[line..at].trim().is_empty()
            })
            .collect();
        prop_assume!(!places.is_empty());
        let (at, phrase) = *which.get(&places);
        // A letter of the phrase's second half (its first two letters pick what it may be).
        let letters: Vec<usize> = (phrase.len() / 2..phrase.len())
            .filter(|&i| phrase.as_bytes()[i].is_ascii_alphabetic())
            .collect();
        let i = at + *letter_at.get(&letters);
        let by = if laid.as_bytes()[i].eq_ignore_ascii_case(&b'x') { "Q" } else { "X" };
        let mut bad = laid.clone();
        bad.replace_range(i..=i, by);
        let got = parse(&bad);
        prop_assert_eq!(&got.document, &want.document, "{}", bad);
        let (misspelt, others): (Vec<_>, Vec<_>) = got.diagnostics.iter().partition(|d| {
            matches!(d.code(), Code::MisspeltHeading | Code::MisspeltLabel)
        });
        prop_assert_eq!(misspelt.len(), 1, "{:?}\n{}", got.diagnostics, bad);
        prop_assert_eq!(misspelt[0].labels()[0].span.range(), at..at + phrase.len());
        let codes = |ds: &[&imr_determination::Diagnostic]| ds.iter().map(|d| d.code()).collect::<Vec<_>>();
        prop_assert_eq!(codes(&others), codes(&want.diagnostics.iter().collect::<Vec<_>>()));
    }

    #[test]
    fn any_prefix_gives_diagnostics_without_panic(g in letter(), cut in 0.0f64..1.0) {
        let mut at = (g.text.len() as f64 * cut) as usize;
        while !g.text.is_char_boundary(at) {
            at -= 1;
        }
        let prefix = &g.text[..at];
        let parsed = parse(prefix);
        check_malformed_tree(prefix, &parsed.document).map_err(TestCaseError::fail)?;
        check_diagnostics(prefix, &parsed.diagnostics).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn arbitrary_text_gives_diagnostics_without_panic(s in "\\PC{0,400}") {
        let parsed = parse(&s);
        check_malformed_tree(&s, &parsed.document).map_err(TestCaseError::fail)?;
        check_diagnostics(&s, &parsed.diagnostics).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn arbitrary_bytes_give_diagnostics_without_panic(b in prop::collection::vec(any::<u8>(), 0..400)) {
        let parsed = imr_determination::parse_bytes(&b);
        check_malformed_tree(&parsed.source, &parsed.document).map_err(TestCaseError::fail)?;
        check_diagnostics(&parsed.source, &parsed.diagnostics).map_err(TestCaseError::fail)?;
    }
}

/// Every valid fixture renders to a text that parses back to an equal tree, with the same
/// diagnostics (warnings only).
#[test]
fn fixtures_render_and_parse_back_equal() {
    for folder in ["samples", "corpus", "variants"] {
        for path in common::letters(folder) {
            let bytes = std::fs::read(&path).expect("fixture");
            let first = imr_determination::parse_bytes(&bytes);
            let text = render(&first.document);
            let again = parse(&text);
            assert_eq!(again.document, first.document, "{}", path.display());
            let codes = |p: &imr_determination::Parsed<'_>| {
                p.diagnostics.iter().map(|d| d.code()).collect::<Vec<_>>()
            };
            assert_eq!(codes(&again), codes(&first), "{}", path.display());
            check_tree(&text, &again.document)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
    }
}
