//! The shared vocabularies on real letters: treatment categories against the hand labels of
//! `fixtures/categories.json` (the items of the 25 corpus letters, labelled by hand following
//! `TREATMENTS.md`), and the MTUS guideline ids and reviewer specialties of the corpus.

mod common;

use imr_determination::{Source, parse};
use serde_json::Value;

/// Every item of the corpus letters (both extractions), parsed, against its hand label: the
/// category and the drug class must both be right. Prints the accuracy and each miss.
#[test]
fn categories_match_the_hand_labels() {
    let labels: Value = serde_json::from_str(
        &std::fs::read_to_string(common::fixtures().join("categories.json")).expect("labels"),
    )
    .expect("json");
    let labels = labels.as_object().expect("object by case number");
    let (mut right, mut total) = (0, 0);
    let mut misses = Vec::new();
    for (case, items) in labels {
        for style in ["pypdf", "pdftotext"] {
            let path = common::fixtures().join(format!("corpus/{case}.{style}.txt"));
            let text = std::fs::read_to_string(&path).expect("letter");
            let parsed = parse(&text);
            let items = items.as_array().expect("items");
            assert_eq!(parsed.document.items.len(), items.len(), "{case}");
            for (item, label) in parsed.document.items.iter().zip(items) {
                let want = (
                    label["category"].as_str().expect("category"),
                    label["drug_class"].as_str(),
                );
                let got = (item.category.as_str(), item.drug_class.map(|c| c.as_str()));
                total += 1;
                if got == want {
                    right += 1;
                } else {
                    misses.push(format!("{}: {want:?}, got {got:?}", item.treatment.text()));
                }
            }
        }
    }
    let accuracy = f64::from(right) / f64::from(total);
    println!(
        "categories: {right} of {total} items right ({:.1}%)",
        accuracy * 100.0
    );
    for m in &misses {
        println!("  miss: {m}");
    }
    assert!(total >= 96, "{total} items");
    assert!(accuracy >= 0.95, "{accuracy}: {misses:#?}");
}

/// Every MTUS citation of the fixture letters with a known title has a guideline id.
#[test]
fn every_known_mtus_title_of_the_fixtures_has_an_id() {
    let mut cited = 0;
    for path in ["corpus", "samples"].into_iter().flat_map(common::letters) {
        let text = std::fs::read_to_string(&path).expect("letter");
        let parsed = parse(&text);
        for item in &parsed.document.items {
            let guidelines = [
                &item.claims_administrator_guideline,
                &item.maximus_guideline,
            ];
            for c in guidelines.into_iter().flatten().flat_map(|g| &g.citations) {
                let Some(title) = c.guideline.as_ref().map(|t| t.text()) else {
                    continue;
                };
                if c.source == Source::Mtus
                    && imr_determination::MTUS_TITLES.iter().any(|t| *t == title)
                {
                    cited += 1;
                    assert!(
                        imr_determination::vocab::guideline_id(&title).is_some(),
                        "{title}"
                    );
                }
            }
        }
    }
    assert!(cited > 50, "{cited}");
}
