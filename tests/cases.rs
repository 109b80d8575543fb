//! The cases of issue 12's "what the new grammar must get right", each a real letter of
//! `fixtures/corpus` with one change (`fixtures/cases/README.md`, made by
//! `fixtures/make_variants.py`): the tree and the diagnostics each must give.

mod common;

use common::{check_diagnostics, check_malformed_tree, check_tree, fixtures, letters};
use imr_determination::{Code, DecisionValue, Document, Parsed, parse_bytes};

/// The text of a fixture, `folder/name`.
fn read(path: &str) -> Vec<u8> {
    std::fs::read(fixtures().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Each item as its treatment, decision, modification and number of citations per guideline:
/// what a change of layout must leave as it was.
fn outline(doc: &Document<'_>) -> Vec<String> {
    doc.items
        .iter()
        .map(|it| {
            let cited = |g: &Option<imr_determination::Guideline<'_>>| {
                g.as_ref().map(|g| g.citations.len())
            };
            format!(
                "{} | {:?} | {:?} | {:?} {:?}",
                it.treatment.text(),
                it.decision.map(|d| d.value),
                it.modification.as_ref().map(|m| (
                    m.original_request.text().into_owned(),
                    m.authorized.text().into_owned()
                )),
                cited(&it.claims_administrator_guideline),
                cited(&it.maximus_guideline),
            )
        })
        .collect()
}

/// Parses a case, checking the tree's and the diagnostics' spans.
fn case(bytes: &[u8]) -> Parsed<'_> {
    let parsed = parse_bytes(bytes);
    check_malformed_tree(&parsed.source, &parsed.document).expect("tree invariants");
    check_diagnostics(&parsed.source, &parsed.diagnostics).expect("diagnostic invariants");
    parsed
}

fn codes(parsed: &Parsed<'_>) -> Vec<Code> {
    parsed.diagnostics.iter().map(|d| d.code()).collect()
}

/// A valid case: no diagnostic, a tree that keeps the invariants of a valid letter, and the
/// outline of its source letter but for the items `changed` lists as `(index, outline)`.
fn assert_like_source(case_name: &str, source: &str, changed: &[(usize, &str)]) {
    let bytes = read(&format!("cases/{case_name}"));
    let parsed = case(&bytes);
    assert_eq!(codes(&parsed), [], "{case_name}: {:?}", parsed.diagnostics);
    check_tree(&parsed.source, &parsed.document).expect("tree invariants");
    let source_bytes = read(&format!("corpus/{source}"));
    let mut want = outline(&parse_bytes(&source_bytes).document);
    for &(i, item) in changed {
        want[i] = item.to_string();
    }
    assert_eq!(outline(&parsed.document), want, "{case_name}");
}

#[test]
fn an_item_header_wrapped_after_a_colon_inside_its_treatment() {
    // "MRI of the right shoulder without contrast, DOS: " / "11/11/2016:  Upheld "
    assert_like_source(
        "wrapped_after_colon.pypdf.txt",
        "CM16-0213037.pypdf.txt",
        &[(
            0,
            "MRI of the right shoulder without contrast, DOS: 11/11/2016 | Some(Upheld) | None | \
             Some(1) Some(1)",
        )],
    );
}

#[test]
fn a_rationale_quoting_a_modified_request_right_before_the_next_header() {
    let name = "rationale_quotes_modified_request.pdftotext.txt";
    assert_like_source(name, "CM16-0234464.pdftotext.txt", &[]);
    let bytes = read(&format!("cases/{name}"));
    let parsed = case(&bytes);
    let items = &parsed.document.items;
    let rationale = items[4].rationale.expect("item 5's rationale").text();
    assert!(
        rationale.ends_with(
            "Cyclobenzaprine 7.5mg #90 was the original request. Cyclobenzaprine 7.5mg #63 was \
             authorized by the Claims Administrator. The remaining IMR eligible portion of the \
             original request, Cyclobenzaprine 7.5mg #27 is not medically necessary."
        ),
        "{rationale}"
    );
    assert_eq!(items[5].treatment.text(), "Lidocaine ointment 5% 106.32gm");
}

#[test]
fn a_decision_with_a_period() {
    assert_like_source(
        "upheld_with_period.pypdf.txt",
        "CM16-0213037.pypdf.txt",
        &[],
    );
    let bytes = read("cases/upheld_with_period.pypdf.txt");
    let parsed = case(&bytes);
    let decision = parsed.document.items[0].decision.expect("decision");
    assert_eq!(&parsed.source[decision.span.range()], "Upheld");
}

/// The one `imr::missing_conclusion` of a letter cut short in its last rationale, labelled on
/// `last`, the rationale's last sentence; the tree is the source's.
fn assert_cut_short(case_name: &str, last: &str, says: &str) {
    let bytes = read(&format!("cases/{case_name}"));
    let parsed = case(&bytes);
    assert_eq!(codes(&parsed), [Code::MissingConclusion], "{case_name}");
    let d = &parsed.diagnostics[0];
    assert!(d.message().contains(says), "{case_name}: {}", d.message());
    assert!(
        d.message().contains("`NCS of the left upper extremity`"),
        "{}",
        d.message()
    );
    let label = d.labels()[0].span;
    assert_eq!(
        imr_determination::normalize(&parsed.source[label.range()]),
        last,
        "{case_name}"
    );
    let source = read("corpus/CM16-0247287.pdftotext.txt");
    assert_eq!(
        outline(&parsed.document),
        outline(&parse_bytes(&source).document),
        "{case_name}"
    );
    assert_eq!(
        parsed.document.items[1].decision.map(|d| d.value),
        Some(DecisionValue::Overturned)
    );
}

#[test]
fn a_letter_cut_short_inside_a_rationale_sentence() {
    assert_cut_short(
        "cut_mid_sentence.pdftotext.txt",
        "Therefore, the request",
        "stops mid-sentence: the letter may be cut short",
    );
}

#[test]
fn a_letter_cut_short_after_a_sentence_that_concludes_nothing() {
    assert_cut_short(
        "cut_after_a_sentence.pdftotext.txt",
        "Moving forward with the nerve conduction testing in question was, thus, indicated, \
         given the duration of the applicant's upper extremity paresthesias (some 5 weeks).",
        "states no conclusion on medical necessity: the letter may be cut short",
    );
}

#[test]
fn not_supported_as_being_medically_necessary_is_no_mismatch() {
    // An Upheld item whose rationale ends "... is not supported by the referenced guidelines
    // as being medically necessary.": the negation is six words before "medically".
    assert_like_source(
        "not_supported_as_being.pypdf.txt",
        "CM16-0213037.pypdf.txt",
        &[],
    );
}

/// No complete real letter, in any extraction or layout variant, is taken for one cut short.
#[test]
fn every_complete_letter_concludes_each_rationale() {
    let mut rationales = 0;
    for path in ["samples", "corpus", "variants"]
        .iter()
        .flat_map(|f| letters(f))
    {
        let bytes = std::fs::read(&path).expect("fixture");
        let parsed = parse_bytes(&bytes);
        rationales += parsed.document.items.len();
        let missing: Vec<_> = parsed
            .diagnostics
            .iter()
            .filter(|d| d.code() == Code::MissingConclusion)
            .collect();
        assert!(missing.is_empty(), "{}: {missing:?}", path.display());
    }
    assert!(rationales > 100, "{rationales}");
}

/// The diagnostics of a letter cut right after an item header: that item lacks both guidelines
/// and its rationale, each labelled on its treatment.
fn assert_cut_after_header(parsed: &Parsed<'_>, treatment: &str) {
    let it = parsed.document.items.last().expect("an item");
    assert_eq!(it.treatment.text(), treatment);
    assert_eq!(it.decision.map(|d| d.value), Some(DecisionValue::Upheld));
    assert!(it.claims_administrator_guideline.is_none() && it.maximus_guideline.is_none());
    assert!(it.rationale.is_none());
    assert_eq!(
        codes(parsed),
        [
            Code::MissingGuideline,
            Code::MissingGuideline,
            Code::MissingRationale
        ]
    );
    for d in &parsed.diagnostics {
        assert_eq!(d.labels()[0].span, it.treatment.span, "{d:?}");
    }
}

#[test]
fn a_letter_cut_short_after_an_item_header() {
    let bytes = read("cases/cut_after_item_header.pypdf.txt");
    let parsed = case(&bytes);
    let items = &parsed.document.items;
    assert_eq!(items.len(), 2, "{:?}", parsed.diagnostics);
    // Item 1 is the source's, its rationale not taking the header.
    let rationale = items[0].rationale.expect("item 1's rationale").text();
    assert!(
        rationale.ends_with(
            "Therefore the request for an MRI of the shoulder is determined to be not \
             medically necessary."
        ),
        "{rationale}"
    );
    assert_cut_after_header(&parsed, "MRI of the cervical spine without contrast");
}

#[test]
fn a_one_item_letter_cut_short_after_its_header() {
    let bytes = read("cases/cut_after_only_item_header.pypdf.txt");
    let parsed = case(&bytes);
    // One item, not imr::missing_items ("the letter decides no disputed item").
    assert_eq!(parsed.document.items.len(), 1, "{:?}", parsed.diagnostics);
    assert_cut_after_header(&parsed, "MRI without contrast of the right hip");
}
