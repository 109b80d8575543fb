//! Every fixture letter: its tree (as JSON) and its diagnostics are snapshots under
//! `snapshots/`; every tree satisfies the span invariants; the layout variants give the tree of
//! the letter they were made from.

mod common;

use common::{
    HEADER_LABELS, HEADINGS, ITEM_LABELS, ROW_LABELS, check_diagnostics, check_tree, letters, stem,
};
use imr_determination::{Code, Document, Parsed, parse, parse_bytes, parse_file};
use miette::{GraphicalReportHandler, GraphicalTheme};

macro_rules! snapshot_settings {
    ($($body:tt)*) => {
        insta::with_settings!({
            snapshot_path => "../snapshots",
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, { $($body)* })
    };
}

/// The letters that must parse without errors.
fn valid_letters() -> Vec<std::path::PathBuf> {
    ["samples", "corpus", "variants"]
        .iter()
        .flat_map(|f| letters(f))
        .collect()
}

#[test]
fn valid_letters_have_no_errors_and_keep_the_invariants() {
    for path in valid_letters() {
        let bytes = std::fs::read(&path).expect("fixture");
        let parsed = parse_bytes(&bytes);
        let errors: Vec<_> = parsed
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        check_tree(&parsed.source, &parsed.document)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        check_diagnostics(&parsed.source, &parsed.diagnostics)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(!parsed.document.items.is_empty(), "{}", path.display());
    }
}

#[test]
fn tree_snapshots() {
    for path in valid_letters() {
        let folder = path
            .parent()
            .and_then(|p| p.file_name())
            .expect("folder")
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(&path).expect("fixture");
        let parsed = parse(&text);
        snapshot_settings! {
            insta::assert_json_snapshot!(format!("tree__{folder}__{}", stem(&path)), parsed.document);
        }
    }
}

/// The 25 corpus letters as published (encrypted PDFs): each extracts and parses without
/// errors, keeps the invariants on the extracted text, and its tree is a snapshot.
#[cfg(feature = "pdf")]
#[test]
fn pdf_letters_parse_and_their_trees_are_snapshots() {
    let mut pdfs: Vec<_> = std::fs::read_dir(common::fixtures().join("corpus"))
        .expect("corpus")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    pdfs.sort();
    assert_eq!(pdfs.len(), 25);
    for path in pdfs {
        let bytes = std::fs::read(&path).expect("fixture");
        let mut text = String::new();
        let parsed = imr_determination::pdf::parse_pdf(&bytes, &mut text).expect("readable");
        assert!(
            !parsed.has_errors(),
            "{}: {:?}",
            path.display(),
            parsed.diagnostics
        );
        check_tree(&parsed.source, &parsed.document)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        check_diagnostics(&parsed.source, &parsed.diagnostics)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        snapshot_settings! {
            insta::assert_json_snapshot!(format!("tree__pdf__{}", stem(&path)), parsed.document);
        }
    }
}

/// `text` with one letter of the phrase that starts at byte `at` replaced by another (one
/// edit, same length, so every other offset stays where it was).
fn misspell(text: &str, at: usize, phrase: &str) -> String {
    misspell_at(text, at, phrase).0
}

/// [`misspell`], and the offset of the letter replaced.
fn misspell_at(text: &str, at: usize, phrase: &str) -> (String, usize) {
    let i = (phrase.len() / 2..phrase.len())
        .find(|&i| phrase.as_bytes()[i].is_ascii_alphabetic())
        .expect("a letter in the second half");
    let was = phrase.as_bytes()[i];
    let by = if was == b'X' { "Q" } else { "X" };
    let mut out = text.to_owned();
    out.replace_range(at + i..at + i + 1, by);
    (out, at + i)
}

/// Misspells by one letter the first of each of `targets` that starts a line of each valid
/// letter, and checks that the letter gives the same tree and the same other diagnostics as
/// spelt right, and one diagnostic of `code` labelled on the misspelling. Returns how many
/// misspellings were tried.
fn misspell_each(targets: &[&str], code: Code) -> usize {
    let mut tried = 0;
    for path in valid_letters() {
        let text = std::fs::read_to_string(&path).expect("fixture");
        let want = parse(&text);
        let want_tree = serde_json::to_value(&want.document).expect("json");
        for target in targets {
            let Some(at) = text.match_indices(target).map(|(i, _)| i).find(|&i| {
                let line_start = text[..i].rfind('\n').map_or(0, |n| n + 1);
                text[line_start..i].trim().is_empty()
            }) else {
                continue;
            };
            tried += 1;
            let bad = misspell(&text, at, target);
            let got = parse(&bad);
            let name = format!("{} with {target:?} misspelt", path.display());
            assert_eq!(
                serde_json::to_value(&got.document).expect("json"),
                want_tree,
                "{name}"
            );
            let (misspelt, others): (Vec<_>, Vec<_>) = got
                .diagnostics
                .iter()
                .cloned()
                .partition(|d| d.code() == code);
            assert_eq!(others, want.diagnostics, "{name}");
            assert_eq!(misspelt.len(), 1, "{name}: {misspelt:?}");
            let label = misspelt[0].labels()[0].span;
            assert_eq!(label.range(), at..at + target.len(), "{name}");
            check_diagnostics(&got.source, &got.diagnostics)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
    tried
}

/// A heading misspelt by one letter is reported (`imr::misspelt_heading`, labelled on it) and
/// its section is still read: every letter gives the same tree and the same other diagnostics
/// as with the heading spelt right.
#[test]
fn a_misspelt_heading_is_reported_and_its_section_still_read() {
    let tried = misspell_each(&HEADINGS, Code::MisspeltHeading);
    assert!(tried > 100, "only {tried} headings tried");
}

/// Likewise a guideline label misspelt by one letter (`imr::misspelt_label`): its text is still
/// read as that label's.
#[test]
fn a_misspelt_label_is_reported_and_its_text_still_read() {
    let tried = misspell_each(&ITEM_LABELS, Code::MisspeltLabel);
    assert!(tried > 100, "only {tried} labels tried");
}

/// And a row label of the credentials block (`imr::misspelt_label`): its list is still read.
#[test]
fn a_misspelt_credentials_row_is_reported_and_its_list_still_read() {
    let tried = misspell_each(&ROW_LABELS, Code::MisspeltLabel);
    assert!(tried > 100, "only {tried} rows tried");
}

/// And a case header label (`imr::misspelt_label`): its value is still read.
#[test]
fn a_misspelt_case_header_label_is_reported_and_its_value_still_read() {
    let tried = misspell_each(&HEADER_LABELS, Code::MisspeltLabel);
    assert!(tried > 200, "only {tried} labels tried");
}

/// Misspells the `phrase` at byte `at` of the letter `text` (read from `path`) and asserts that a
/// diagnostic's label holds the misspelt letter.
fn assert_misspelling_labelled(path: &std::path::Path, text: &str, at: usize, phrase: &str) {
    let (bad, k) = misspell_at(text, at, phrase);
    let got = parse(&bad);
    let hit = got
        .diagnostics
        .iter()
        .flat_map(|d| d.labels())
        .any(|l| l.span.range().contains(&k));
    assert!(
        hit,
        "{} with {phrase:?} misspelt at {k}: {:?}",
        path.display(),
        got.diagnostics
    );
}

/// A misspelt phrase of a guideline statement is never silent: "Decision based on" (opening
/// the text or a later citation), the source "MTUS" after it, or a fixed sentence misspelt by
/// one letter gets a diagnostic labelled on the misspelling, in every valid letter.
#[test]
fn a_misspelt_guideline_phrase_is_never_silent() {
    let phrases = [
        "Decision based on",
        "on MTUS",
        "did not cite any medical evidence for its decision.",
        "based their decision on recommendation(s) outside of the MTUS Guidelines.",
    ];
    let mut tried = 0;
    for path in valid_letters() {
        let text = std::fs::read_to_string(&path).expect("fixture");
        for phrase in phrases {
            for (at, _) in text.match_indices(phrase).take(4) {
                tried += 1;
                assert_misspelling_labelled(&path, &text, at, phrase);
            }
        }
    }
    assert!(tried > 300, "only {tried} phrases tried");
}

/// A misspelt phrase of a modified request ("was the original request.", "was authorized by
/// the Claims Administrator." ...) in an item header is never silent: the header is read whole
/// as the treatment, and the warning's label holds the misspelling.
#[test]
fn a_misspelt_modified_request_is_never_silent() {
    let phrases = [
        "was the original request.",
        "was authorized by the Claims Administrator.",
        "The remaining IMR eligible portion of the original request,",
        "The Claims Administrator authorized",
        "leaving the original request IMR eligible.",
        "The original request,",
    ];
    let mut tried = 0;
    for path in valid_letters() {
        let text = std::fs::read_to_string(&path).expect("fixture");
        let want = parse(&text);
        // The item headers of modified requests, up to their decision.
        let headers: Vec<_> = want
            .document
            .items
            .iter()
            .filter(|i| i.modification.is_some())
            .filter_map(|i| Some(i.span.start..i.decision?.span.start))
            .collect();
        for phrase in phrases {
            for (at, _) in text.match_indices(phrase) {
                if !headers.iter().any(|h| h.contains(&at)) {
                    continue;
                }
                tried += 1;
                assert_misspelling_labelled(&path, &text, at, phrase);
            }
        }
    }
    assert!(tried > 20, "only {tried} phrases tried");
}

/// What an analyst counts in a tree: which header fields are there, how many credentials,
/// whether there is a summary, and per item its modification, decision, guidelines (fixed
/// sentence, citation sources, titles) and rationale. Free text is left out.
fn shape(doc: &Document<'_>) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    if let Some(h) = &doc.case_header {
        let present = h.fields().map(|(_, value)| value.is_some());
        write!(out, "header {present:?}; ").unwrap();
    }
    if let Some(r) = &doc.reviewer {
        let lists = [&r.certifications, &r.subspecialties, &r.licensure];
        let lens: Vec<usize> = lists.iter().map(|l| l.len()).collect();
        write!(out, "reviewer {lens:?}; ").unwrap();
    }
    write!(out, "summary {}; ", doc.case_summary.is_some()).unwrap();
    for i in &doc.items {
        let guideline = |g: &Option<imr_determination::Guideline<'_>>| {
            g.as_ref().map(|g| {
                let cites: Vec<_> = g
                    .citations
                    .iter()
                    .map(|c| (c.source, c.guideline.is_some()))
                    .collect();
                format!("{} {cites:?}", g.no_evidence_cited)
            })
        };
        write!(
            out,
            "item {} {:?} {:?} {:?} {}; ",
            i.modification.is_some(),
            i.decision.map(|d| d.value),
            guideline(&i.claims_administrator_guideline),
            guideline(&i.maximus_guideline),
            i.rationale.is_some()
        )
        .unwrap();
    }
    out
}

/// No one-character edit of a fixed phrase of the template changes what a tree holds
/// silently: an edit (a character deleted, replaced or inserted) inside a heading, a label or
/// a fixed sentence of any valid letter either gives a tree of the same shape ([`shape`]) or a
/// diagnostic. The edits are a fixed pseudo-random sample, the same on every run.
#[test]
fn no_edit_of_a_fixed_phrase_is_silent() {
    let phrases: Vec<&str> = common::headings_and_labels()
        .chain([
            "The Expert Reviewer has the following credentials:",
            "Decision based on",
            "MTUS",
            "Non-MTUS",
            "Upheld",
            "Overturned",
            "Board Certified in",
            "has a subspecialty in",
            "licensed to practice in",
            "was the original request.",
            "did not cite any medical evidence for its decision.",
            "based their decision on recommendation(s) outside of the MTUS Guidelines.",
        ])
        .collect();
    // A small linear congruential generator: the sample is the same on every run.
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize % n
    };
    let (mut tried, mut silent) = (0, Vec::new());
    for path in valid_letters() {
        let text = std::fs::read_to_string(&path).expect("fixture");
        let want = shape(&parse(&text).document);
        for &phrase in &phrases {
            for (at, _) in text.match_indices(phrase).take(2) {
                for _ in 0..3 {
                    let k = at + next(phrase.len());
                    let mut bad = text.clone();
                    let c = ["x", "Q", " "][next(3)];
                    match next(3) {
                        0 => drop(bad.remove(k)),
                        1 => bad.replace_range(k..=k, c),
                        _ => bad.insert_str(k, c),
                    }
                    if bad == text {
                        continue;
                    }
                    tried += 1;
                    let got = parse(&bad);
                    if got.diagnostics.is_empty() && shape(&got.document) != want {
                        silent.push(format!(
                            "{}: {:?}",
                            path.display(),
                            bad.get(at.saturating_sub(10)..(at + phrase.len() + 10).min(bad.len()))
                        ));
                    }
                }
            }
        }
    }
    assert!(tried > 3000, "only {tried} edits tried");
    assert!(
        silent.is_empty(),
        "{} silent edits: {silent:#?}",
        silent.len()
    );
}

/// A misspelt heading is looked for where its section belongs, past a near miss elsewhere, and
/// even when no heading is spelt right.
#[test]
fn misspelt_headings_are_found_where_their_sections_belong() {
    let text = std::fs::read_to_string(common::fixtures().join("corpus/CM16-0213037.pypdf.txt"))
        .expect("fixture");
    let want = parse(&text);
    // A near miss before the letter, and the summary's heading misspelt in its place.
    let moved = format!(
        "Clinical case summary:\n{}",
        text.replacen("CLINICAL CASE SUMMARY", "CLINICAL CASE SUMMXRY", 1)
    );
    let got = parse(&moved);
    assert_eq!(got.document, want.document);
    let codes: Vec<_> = got.diagnostics.iter().map(|d| d.code()).collect();
    assert_eq!(codes, [Code::UnexpectedText, Code::MisspeltHeading]);
    let at = moved.find("CLINICAL CASE SUMMXRY").expect("there");
    assert_eq!(got.diagnostics[1].labels()[0].span.start, at);
    // All three headings misspelt.
    let all = text
        .replacen(
            "HOW THE IMR FINAL DETERMINATION WAS MADE",
            "HOW THE IMR FINAL DETERMINATION WAS MXDE",
            1,
        )
        .replacen("CLINICAL CASE SUMMARY", "CLINICAL CASE SUMMXRY", 1)
        .replacen(
            "IMR ISSUES, DECISIONS AND RATIONALES",
            "IMR ISSUES, DECISIONS AND RATIONXLES",
            1,
        );
    let got = parse(&all);
    assert_eq!(got.document, want.document);
    let codes: Vec<_> = got.diagnostics.iter().map(|d| d.code()).collect();
    assert_eq!(codes, [Code::MisspeltHeading; 3]);
}

/// A label misspelt in its first two letters is not read as a label (lines are tried as labels
/// on them): the item lacks it, and the diagnostic points at the likely misspelling.
#[test]
fn a_label_misspelt_in_its_first_letters_is_only_pointed_at() {
    let text = std::fs::read_to_string(common::fixtures().join("corpus/CM16-0213037.pypdf.txt"))
        .expect("fixture");
    let moved = text.replacen("\nMAXIMUS guideline:", "\nMXAIMUS guideline:", 1);
    let got = parse(&moved);
    let codes: Vec<_> = got.diagnostics.iter().map(|d| d.code()).collect();
    assert_eq!(codes, [Code::MissingGuideline]);
    let at = moved.find("MXAIMUS guideline:").expect("there");
    let labels = got.diagnostics[0].labels();
    assert_eq!(labels[1].label, "a misspelt label?");
    assert_eq!(labels[1].span.range(), at..at + "MXAIMUS guideline:".len());
}

/// A misspelt heading out of its place (here the summary's, after the issues heading) is not
/// read as a heading: the section is reported missing, with a label on the likely misspelling.
#[test]
fn a_misspelt_heading_out_of_place_is_only_pointed_at() {
    let text = std::fs::read_to_string(common::fixtures().join("corpus/CM16-0213037.pypdf.txt"))
        .expect("fixture");
    let moved =
        text.replacen("CLINICAL CASE SUMMARY", "CLINICAL CASE", 1) + "\nCLINICAL CASE SUMARY\n";
    let got = parse(&moved);
    let codes: Vec<_> = got.diagnostics.iter().map(|d| d.code()).collect();
    assert!(codes.contains(&Code::MissingSection), "{codes:?}");
    assert!(!codes.contains(&Code::MisspeltHeading), "{codes:?}");
    let d = got
        .diagnostics
        .iter()
        .find(|d| d.code() == Code::MissingSection)
        .expect("missing");
    let at = moved.rfind("CLINICAL CASE SUMARY").expect("there");
    assert_eq!(
        d.labels()[0].span.range(),
        at..at + "CLINICAL CASE SUMARY".len()
    );
}

/// A fixture file parsed as the command reads it (Windows-1252 text decoded, PDFs extracted).
fn read<'t>(bytes: &'t [u8], text: &'t mut String) -> Parsed<'t> {
    parse_file(bytes, text).expect("a readable fixture")
}

/// Diagnostics as a user sees them: miette's graphical report, no colour, 80 columns.
fn rendered(name: &str, bytes: &[u8]) -> String {
    let mut text = String::new();
    let parsed = read(bytes, &mut text);
    let report = parsed.report(name);
    let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
        .with_width(80)
        .with_links(false);
    let mut out = String::new();
    for d in report.iter() {
        handler.render_report(&mut out, &d).expect("render");
        out.push('\n');
    }
    out
}

#[test]
fn diagnostic_snapshots() {
    for path in letters("invalid") {
        let bytes = std::fs::read(&path).expect("fixture");
        let name = format!("invalid/{}.txt", stem(&path));
        let mut text = String::new();
        let parsed = read(&bytes, &mut text);
        check_diagnostics(&parsed.source, &parsed.diagnostics)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        common::check_malformed_tree(&parsed.source, &parsed.document)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut snapshot = format!("diagnostics__{}", stem(&path));
        if stem(&path) == "legacy_encoding" && !cfg!(feature = "encoding") {
            // Without the feature, Windows-1252 text is not decoded: invalid UTF-8.
            snapshot.push_str("__without_encoding");
        }
        snapshot_settings! {
            insta::assert_snapshot!(snapshot, rendered(&name, &bytes));
        }
    }
}

/// Each malformed fixture reports the problem it was made with.
#[test]
fn every_code_has_a_fixture() {
    let expect: &[(&str, &[Code])] = &[
        ("empty_input", &[Code::EmptyInput]),
        ("empty_whitespace", &[Code::EmptyInput]),
        ("invalid_utf8", &[Code::InvalidUtf8]),
        #[cfg(feature = "encoding")]
        ("legacy_encoding", &[Code::LegacyEncoding]),
        #[cfg(not(feature = "encoding"))]
        ("legacy_encoding", &[Code::InvalidUtf8]),
        ("not_a_determination", &[Code::NotADetermination]),
        ("unsupported_layout_2013", &[Code::UnsupportedLayout]),
        ("unsupported_layout_mpr", &[Code::UnsupportedLayout]),
        ("missing_section", &[Code::MissingSection]),
        ("section_order", &[Code::SectionOrder]),
        ("unknown_decision", &[Code::UnknownDecision]),
        ("missing_guideline", &[Code::MissingGuideline]),
        ("missing_rationale", &[Code::MissingRationale]),
        (
            "decision_rationale_mismatch",
            &[Code::DecisionRationaleMismatch],
        ),
        ("unknown_guideline", &[Code::UnknownGuideline]),
        ("missing_credentials", &[Code::MissingCredentials]),
        ("missing_items", &[Code::MissingItems]),
        (
            "misspelt_heading_and_label",
            &[Code::MisspeltHeading, Code::MisspeltLabel],
        ),
        ("missing_item_header", &[Code::MissingItemHeader]),
        ("label_order", &[Code::LabelOrder]),
        ("unexpected_text", &[Code::UnexpectedText]),
        ("missing_boilerplate", &[Code::MissingBoilerplate]),
        ("missing_header_field", &[Code::MissingHeaderField]),
        ("unrecognised_guideline", &[Code::UnrecognisedGuideline]),
        ("missing_conclusion", &[Code::MissingConclusion]),
        ("impossible_date", &[Code::ImpossibleDate]),
        (
            "three_problems",
            &[
                Code::MissingCredentials,
                Code::UnknownDecision,
                Code::MissingGuideline,
            ],
        ),
    ];
    for (name, codes) in expect {
        let path = common::fixtures().join(format!("invalid/{name}.txt"));
        let bytes = std::fs::read(&path).expect("fixture");
        let mut text = String::new();
        let parsed = read(&bytes, &mut text);
        let got: Vec<Code> = parsed.diagnostics.iter().map(|d| d.code()).collect();
        assert_eq!(&got, codes, "{name}");
    }
    // The one code that only a PDF gives, from a PDF of blank pages.
    let pdf_codes: &[Code] = &[Code::NoTextLayer];
    #[cfg(feature = "pdf")]
    {
        let bytes = std::fs::read(common::fixtures().join("pdf/blank_pages.pdf")).expect("fixture");
        let mut text = String::new();
        let got: Vec<Code> = read(&bytes, &mut text)
            .diagnostics
            .iter()
            .map(|d| d.code())
            .collect();
        assert_eq!(got, pdf_codes);
    }
    for code in Code::ALL {
        assert!(
            expect.iter().any(|(_, codes)| codes.contains(code))
                || pdf_codes.contains(code)
                || (!cfg!(feature = "encoding") && *code == Code::LegacyEncoding),
            "no fixture for {code}"
        );
    }
    assert_eq!(
        letters("invalid").len(),
        expect.len(),
        "a fixture is not listed here"
    );
}

fn tree_of(folder: &str, name: &str) -> (String, Vec<u8>) {
    let path = common::fixtures().join(folder).join(name);
    (
        path.display().to_string(),
        std::fs::read(&path).expect("fixture"),
    )
}

fn assert_same_tree(a: &Document<'_>, b: &Document<'_>, what: &str) {
    if a != b {
        let a = serde_json::to_string_pretty(a).expect("json");
        let b = serde_json::to_string_pretty(b).expect("json");
        panic!("{what}: trees differ\n--- variant\n{a}\n--- source\n{b}");
    }
}

#[test]
fn layout_variants_give_the_tree_of_their_source() {
    let (_, base) = tree_of("corpus", "CM16-0213037.pypdf.txt");
    let base = parse_bytes(&base);
    let (_, old) = tree_of("samples", "000_c4fc68c783e212d6.txt");
    let old = parse_bytes(&old);
    let (_, mpr) = tree_of("corpus", "CM16-0234464.pdftotext.txt");
    let mpr = parse_bytes(&mpr);
    for (variant, source) in [
        ("crlf.txt", &base),
        ("bom.txt", &base),
        ("form_feeds.txt", &base),
        ("page_breaks.txt", &base),
        ("wrapped_header.txt", &base),
        ("single_spaced.txt", &old),
        ("modified_request_page_break.txt", &mpr),
    ] {
        let (name, bytes) = tree_of("variants", variant);
        let parsed = parse_bytes(&bytes);
        assert!(
            parsed.diagnostics.is_empty(),
            "{name}: {:?}",
            parsed.diagnostics
        );
        assert_same_tree(&parsed.document, &source.document, &name);
    }

    let (name, bytes) = tree_of("variants", "no_header.txt");
    let parsed = parse_bytes(&bytes);
    assert!(parsed.document.case_header.is_none(), "{name}");
    let mut with_header = base.document.clone();
    with_header.case_header = None;
    assert_same_tree(&parsed.document, &with_header, &name);

    let (name, bytes) = tree_of("variants", "overturned.txt");
    let parsed = parse_bytes(&bytes);
    assert!(
        parsed.diagnostics.is_empty(),
        "{name}: {:?}",
        parsed.diagnostics
    );
    let (a, b) = (&parsed.document, &base.document);
    assert_eq!(a.items[0], b.items[0]);
    assert_eq!(
        a.items[1].decision.map(|d| d.value),
        Some(imr_determination::DecisionValue::Overturned)
    );
    assert_eq!(a.items[1].treatment, b.items[1].treatment);
    assert_eq!(a.items[1].maximus_guideline, b.items[1].maximus_guideline);
}

/// Both extractions of every corpus letter give the same tree.
#[test]
fn both_extractions_agree() {
    for path in letters("corpus") {
        let name = stem(&path);
        let Some(case) = name.strip_suffix(".pypdf") else {
            continue;
        };
        let a = std::fs::read_to_string(&path).expect("fixture");
        let b = std::fs::read_to_string(path.with_file_name(format!("{case}.pdftotext.txt")))
            .expect("fixture");
        let (a, b) = (parse(&a), parse(&b));
        let (mut da, mut db) = (a.document.clone(), b.document.clone());
        // Free text differs across the extractors in whitespace, which equality ignores, and
        // in line-end hyphens pypdf keeps ("anti- depressants"): compare it without them.
        for (x, y) in free_text(&mut da).into_iter().zip(free_text(&mut db)) {
            assert_eq!(dehyphenate(&x), dehyphenate(&y), "{case}");
        }
        assert_same_tree(&db, &da, case);
    }
}

/// Takes the free text (case summary, rationales) out of a tree, as normalised strings.
fn free_text(doc: &mut Document<'_>) -> Vec<String> {
    let mut out = vec![doc.case_summary.take().map(|t| t.text().into_owned())];
    for item in &mut doc.items {
        out.push(item.rationale.take().map(|t| t.text().into_owned()));
    }
    out.into_iter().map(Option::unwrap_or_default).collect()
}

/// Joins words broken at a line end with a hyphen: "anti- depressants" becomes "antidepressants".
fn dehyphenate(s: &str) -> String {
    s.replace("- ", "-").replace('-', "")
}
