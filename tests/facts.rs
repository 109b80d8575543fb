//! Every corpus letter, in both extractions, gives the reference facts of
//! `tests/fixtures/corpus/facts.json` (taken from the letters by a separate extraction).

mod common;

use imr_determination::{Document, Guideline, Source, Text, parse};
use serde_json::{Value, json};

fn texts(v: &[Text<'_>]) -> Vec<String> {
    v.iter().map(|t| t.text().into_owned()).collect()
}

fn opt(t: &Option<Text<'_>>) -> Value {
    t.as_ref().map_or(Value::Null, |t| json!(t.text()))
}

fn guideline_facts(g: &Option<Guideline<'_>>) -> Value {
    let Some(g) = g else { return Value::Null };
    let mtus: Vec<Value> = g
        .citations
        .iter()
        .filter(|c| c.source == Source::Mtus)
        .map(|c| json!([c.guideline.map(|t| t.text().into_owned()), c.year]))
        .collect();
    let non_mtus = g
        .citations
        .iter()
        .filter(|c| c.source == Source::NonMtus)
        .count();
    json!({"no_evidence_cited": g.no_evidence_cited, "mtus": mtus, "non_mtus": non_mtus})
}

/// The facts of a tree, in the shape of `facts.json`, keeping only the keys it has.
fn facts(doc: &Document<'_>, reference: &Value) -> Value {
    let h = doc.case_header.clone().unwrap_or_default();
    let mut header = serde_json::Map::new();
    for (key, value) in [
        ("case_number", &h.case_number),
        ("date_assigned", &h.date_assigned),
        ("date_of_injury", &h.date_of_injury),
        ("decision_date", &h.decision_date),
        ("ur_denial_date", &h.ur_denial_date),
        ("priority", &h.priority),
        ("application_received", &h.application_received),
    ] {
        if reference["case_header"].get(key).is_some() {
            header.insert(key.into(), opt(value));
        }
    }
    let r = doc.reviewer.clone().unwrap_or_default();
    let items: Vec<Value> = doc
        .items
        .iter()
        .zip(reference["items"].as_array().into_iter().flatten().chain(std::iter::repeat(&Value::Null)))
        .map(|(item, want)| {
            let mut v = json!({
                "decision": item.decision.map(|d| d.value),
                "treatment": item.treatment.text(),
                "claims_administrator_guideline": guideline_facts(&item.claims_administrator_guideline),
                "maximus_guideline": guideline_facts(&item.maximus_guideline),
            });
            for key in ["original_request", "authorized"] {
                if want.get(key).is_some() {
                    let m = item.modification.as_ref();
                    v[key] = match key {
                        "original_request" => json!(m.map(|m| m.original_request.text())),
                        _ => json!(m.map(|m| m.authorized.text())),
                    };
                }
            }
            v
        })
        .collect();
    let count = |f: &dyn Fn(&imr_determination::Item<'_>) -> bool| {
        doc.items.iter().filter(|i| f(i)).count()
    };
    json!({
        "case_header": header,
        "licensure": texts(&r.licensure),
        "certifications_text": texts(&r.certifications).join(", "),
        "items": items,
        "n_claims_admin_labels": count(&|i| i.claims_administrator_guideline.is_some()),
        "n_maximus_labels": count(&|i| i.maximus_guideline.is_some()),
        "n_rationale_labels": count(&|i| i.rationale.is_some()),
    })
}

#[test]
fn corpus_letters_give_the_reference_facts() {
    let path = common::fixtures().join("corpus/facts.json");
    let all: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("facts")).expect("json");
    let all = all.as_object().expect("object");
    assert_eq!(all.len(), 25);
    let mut checked = 0;
    for (case, want) in all {
        for style in ["pypdf", "pdftotext"] {
            let path = common::fixtures().join(format!("corpus/{case}.{style}.txt"));
            let text = std::fs::read_to_string(&path).expect("letter");
            has_the_facts(&path, &parse(&text), want);
            checked += 1;
        }
    }
    assert_eq!(checked, 50);
}

/// Asserts that the letter at `path` parsed without errors to the reference facts `want`.
fn has_the_facts(path: &std::path::Path, parsed: &imr_determination::Parsed<'_>, want: &Value) {
    assert!(
        !parsed.has_errors(),
        "{}: {:?}",
        path.display(),
        parsed.diagnostics
    );
    assert_eq!(&facts(&parsed.document, want), want, "{}", path.display());
}

/// The same letters as published, straight from the PDF.
#[cfg(feature = "pdf")]
#[test]
fn pdf_letters_give_the_reference_facts() {
    let path = common::fixtures().join("corpus/facts.json");
    let all: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("facts")).expect("json");
    let all = all.as_object().expect("object");
    let mut checked = 0;
    for (case, want) in all {
        let path = common::fixtures().join(format!("corpus/{case}.pdf"));
        let bytes = std::fs::read(&path).expect("letter");
        let mut text = String::new();
        let parsed = imr_determination::pdf::parse_pdf(&bytes, &mut text).expect("readable");
        has_the_facts(&path, &parsed, want);
        checked += 1;
    }
    assert_eq!(checked, 25);
}
