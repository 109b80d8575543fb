//! Citations (issue 12): the forms cut from real letters in `tests/fixtures/citations/` (see its
//! README) give the right tree, and no citation depends on where a line ends.

mod common;
mod letters;

use std::collections::BTreeSet;

use imr_determination::{Code, Guideline, Item, Parsed, Source, parse};
use letters::letter_with_issues_body;

/// The fixture `name` of `tests/fixtures/citations/`: one item cut from a real letter.
fn item_fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/citations/{name}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The only item of a letter whose issues section holds `items`.
fn only_item<'a>(parsed: &'a Parsed<'a>) -> &'a Item<'a> {
    assert_eq!(parsed.document.items.len(), 1, "{:?}", parsed.diagnostics);
    &parsed.document.items[0]
}

fn guidelines<'a>(item: &'a Item<'a>) -> (&'a Guideline<'a>, &'a Guideline<'a>) {
    (
        item.claims_administrator_guideline.as_ref().expect("CA"),
        item.maximus_guideline.as_ref().expect("MAXIMUS"),
    )
}

/// The codes of the diagnostics a guideline text may cause.
fn guideline_codes(parsed: &Parsed<'_>) -> Vec<Code> {
    parsed
        .diagnostics
        .iter()
        .map(|d| d.code())
        .filter(|c| matches!(c, Code::UnrecognisedGuideline | Code::UnknownGuideline))
        .collect()
}

fn text(t: Option<imr_determination::Text<'_>>) -> Option<String> {
    t.map(|t| t.text().into_owned())
}

/// CM17-0014800: "Non-" / "MTUS" broken over two lines is the source as written on one (once
/// a false imr::unrecognised_guideline, the citation kept as an unnamed one).
#[test]
fn non_mtus_broken_over_two_lines() {
    let broken = item_fixture("non_mtus_line_break");
    let parsed = parse_item(&broken);
    assert_eq!(guideline_codes(&parsed), []);
    let (ca, _) = guidelines(only_item(&parsed));
    assert_eq!(ca.citations.len(), 2);
    let c = &ca.citations[1];
    assert_eq!(c.source, Source::NonMtus);
    assert_eq!(
        text(c.guideline).as_deref(),
        Some("Official Disability Guidelines, Elbow Procedure Summary Online Version")
    );
    assert_eq!(text(c.updated).as_deref(), Some("11/23/16"));
    // The topic after "(updated 11/23/16):", once lost.
    assert_eq!(text(c.topic).as_deref(), Some("Magnetic Resonance Imaging"));
    // The same citations as the line unbroken, their texts aside (one reads "Non- MTUS").
    let joined = broken.replacen("Non-\nMTUS", "Non-MTUS", 1);
    let whole = parse_item(&joined);
    let (want, _) = guidelines(only_item(&whole));
    let values = |g: &Guideline<'_>| -> Vec<String> {
        g.citations
            .iter()
            .map(|c| {
                let mut c = c.clone();
                c.text = want.text;
                format!("{:?}", serde_json::to_value(&c).expect("json"))
            })
            .collect()
    };
    assert_eq!(values(ca), values(want));
}

/// Sample 004: an ODG citation with its topic after `(updated 03/25/15)`, once lost.
#[test]
fn odg_topic_after_the_date() {
    let parsed = parse_item(&item_fixture("odg_topic_after_updated"));
    assert_eq!(guideline_codes(&parsed), []);
    let (ca, maximus) = guidelines(only_item(&parsed));
    assert_eq!(
        text(ca.citations[0].topic).as_deref(),
        Some("Benzodiazepines")
    );
    let [mtus, odg] = &maximus.citations[..] else {
        panic!("{:?}", maximus.citations)
    };
    assert_eq!(
        text(mtus.guideline).as_deref(),
        Some("Chronic Pain Treatment Guidelines")
    );
    assert_eq!(text(mtus.topic).as_deref(), Some("Benzodiazepines"));
    assert_eq!(mtus.pages, [24]);
    assert_eq!(odg.source, Source::NonMtus);
    assert_eq!(
        text(odg.guideline).as_deref(),
        Some("Official Disability Guidelines (ODG)")
    );
    assert_eq!(
        text(odg.chapter).as_deref(),
        Some("Mental Illness & Stress")
    );
    assert_eq!(text(odg.updated).as_deref(), Some("03/25/15"));
    assert_eq!(text(odg.topic).as_deref(), Some("Benzodiazepine"));
}

/// Sample 004: "Physical therapy ? page 98", where the extractor wrote a dash as `?`: the topic
/// is "Physical therapy" (once "Physical therapy ?"); a `?` ending a word is kept and reported.
#[test]
fn a_stray_question_mark_ending_a_topic() {
    let fixture = item_fixture("question_mark_topic");
    let parsed = parse_item(&fixture);
    assert_eq!(guideline_codes(&parsed), []);
    let (ca, maximus) = guidelines(only_item(&parsed));
    assert_eq!(
        text(ca.citations[0].topic).as_deref(),
        Some("Physical Medicine")
    );
    assert_eq!(ca.citations[0].pages, [98]);
    let c = &maximus.citations[0];
    assert_eq!(text(c.topic).as_deref(), Some("Physical therapy"));
    assert_eq!(c.pages, [98]);
    // The same `?` glued to the word: kept as written, and never silent.
    let glued = fixture.replacen("therapy ? page", "therapy? page", 1);
    let parsed = parse_item(&glued);
    let (_, maximus) = guidelines(only_item(&parsed));
    assert_eq!(
        text(maximus.citations[0].topic).as_deref(),
        Some("Physical therapy?")
    );
    assert_eq!(guideline_codes(&parsed), [Code::UnrecognisedGuideline]);
}

fn parse_item(item: &str) -> Parsed<'static> {
    let letter: &'static str = Box::leak(letter_with_issues_body(item).into_boxed_str());
    parse(letter)
}

/// `line` broken greedily at `width` characters, at whitespace (words are never cut).
fn wrap(line: &str, width: usize) -> String {
    let mut out = String::new();
    let mut len = 0;
    for word in line.split_whitespace() {
        let n = word.chars().count();
        if len > 0 && len + 1 + n > width {
            out.push('\n');
            len = 0;
        } else if len > 0 {
            out.push(' ');
            len += 1;
        }
        out.push_str(word);
        len += n;
    }
    out
}

/// An item whose two guideline labels hold `guideline`, each label line broken at `width`.
fn item_with(guideline: &str, width: usize) -> String {
    let ca = wrap(
        &format!("Claims Administrator guideline: {guideline}"),
        width,
    );
    let maximus = wrap(&format!("MAXIMUS guideline: {guideline}"), width);
    format!(
        "Knee brace: Upheld\n{ca}\n \n{maximus}\n \nDecision rationale: The knee brace is not \
         medically necessary.\n"
    )
}

/// Every guideline text of every fixture letter, its lines broken at every width from 45 to
/// 120 characters (as another page size or extractor would), gives the citations and the
/// guideline diagnostics it gives on one line.
#[test]
fn citations_do_not_depend_on_where_lines_end() {
    let mut texts = BTreeSet::new();
    for folder in ["corpus", "samples", "variants"] {
        for path in common::letters(folder) {
            let letter = std::fs::read_to_string(&path).expect("fixture");
            let parsed = parse(&letter);
            for item in &parsed.document.items {
                let (ca, maximus) = (
                    &item.claims_administrator_guideline,
                    &item.maximus_guideline,
                );
                for g in [ca, maximus].into_iter().flatten() {
                    texts.insert(g.text.text().into_owned());
                }
            }
        }
    }
    for name in [
        "non_mtus_line_break",
        "odg_topic_after_updated",
        "question_mark_topic",
    ] {
        let parsed = parse_item(&item_fixture(name));
        let (ca, maximus) = guidelines(only_item(&parsed));
        texts.extend([
            ca.text.text().into_owned(),
            maximus.text.text().into_owned(),
        ]);
    }
    assert!(texts.len() > 70, "only {} guideline texts", texts.len());
    let mut tried = 0;
    for guideline in &texts {
        let want = parse_item(&item_with(guideline, usize::MAX));
        let want_item = only_item(&want);
        for width in 45..=120 {
            let got = parse_item(&item_with(guideline, width));
            let name = format!("{guideline:?} at {width}");
            assert_eq!(guidelines(only_item(&got)), guidelines(want_item), "{name}");
            assert_eq!(guideline_codes(&got), guideline_codes(&want), "{name}");
            tried += 1;
        }
    }
    assert!(tried > 5000, "only {tried} layouts tried");
}
