//! The credentials and the case header as other letters and other line widths give them (issue
//! 12): each fixture of `tests/fixtures/variants/` made for it (see its README) reads the
//! credentials it holds, with no diagnostic, and otherwise the tree of the letter it was made
//! from.

mod common;

use imr_determination::{Document, parse};

/// The fixture's text and the text of the letter it was made from.
fn texts(variant: &str, source: &str) -> (String, String) {
    let read = |p: &str| std::fs::read_to_string(common::fixtures().join(p)).expect("fixture");
    (read(&format!("variants/{variant}")), read(source))
}

fn strings(list: &[imr_determination::Text<'_>]) -> Vec<String> {
    list.iter().map(|t| t.text().into_owned()).collect()
}

fn without_reviewer<'a>(d: &Document<'a>) -> Document<'a> {
    let mut d = d.clone();
    d.reviewer = None;
    d
}

/// Parses both texts, checks the variant has no diagnostic its source has not, and returns
/// the variant's credentials (certifications, subspecialties, licensure) after checking that
/// the rest of the tree is the source's.
fn credentials(variant: &str, source: &str) -> [Vec<String>; 3] {
    let (v, s) = texts(variant, source);
    let (pv, ps) = (parse(&v), parse(&s));
    let codes =
        |d: &[imr_determination::Diagnostic]| d.iter().map(|d| d.code()).collect::<Vec<_>>();
    assert_eq!(codes(&pv.diagnostics), codes(&ps.diagnostics), "{variant}");
    let r = pv.document.reviewer.clone().expect("reviewer");
    assert_eq!(
        without_reviewer(&pv.document),
        without_reviewer(&ps.document),
        "{variant}"
    );
    [
        strings(&r.certifications),
        strings(&r.subspecialties),
        strings(&r.licensure),
    ]
}

const BASE: &str = "corpus/CM16-0213037.pypdf.txt";
const OLD: &str = "samples/000_c4fc68c783e212d6.txt";

#[test]
fn a_list_wrapped_after_a_word() {
    let [certs, _, states] = credentials("wrapped_credentials.txt", BASE);
    assert_eq!(certs, ["Family Practice", "Internal Medicine"]);
    assert_eq!(states, ["California", "North Carolina"]);
}

#[test]
fn a_state_with_periods() {
    let [certs, _, states] = credentials("state_with_periods.txt", BASE);
    assert_eq!(certs, ["Family Practice"]);
    assert_eq!(states, ["Washington D.C.", "California"]);
    let [certs, _, states] = credentials("state_with_periods_inline.txt", OLD);
    assert_eq!(certs, ["Physical Medicine and Rehabilitation"]);
    assert_eq!(states, ["Washington D.C."]);
}

#[test]
fn credentials_sentences_wrapped_anywhere() {
    let [certs, _, states] = credentials("credentials_wrapped_anywhere.txt", BASE);
    assert_eq!(certs, ["Family Practice"]);
    assert_eq!(states, ["California", "North Carolina"]);
    let [certs, subs, states] = credentials("inline_credentials_wrapped_anywhere.txt", OLD);
    assert_eq!(certs, ["Physical Medicine and Rehabilitation"]);
    assert!(subs.is_empty());
    assert_eq!(states, ["California"]);
}
