//! A letter cut short (a page lost, a download stopped) must not pass as conforming: what its
//! last item lacks is reported.

mod common;

use imr_determination::{Code, parse};

/// Every valid fixture, cut right after its last item's header: the item is still read, and
/// lacks its guidelines and rationale (before, the header was read as the last line of the
/// item before it, and the letter passed as conforming).
#[test]
fn a_letter_cut_after_an_item_header_reports_that_item() {
    for folder in ["samples", "corpus", "variants"] {
        for path in common::letters(folder) {
            let text = std::fs::read_to_string(&path).expect("fixture");
            let full = parse(&text);
            let last = full.document.items.last().expect("items");
            let Some(decision) = last.decision else {
                continue;
            };
            let cut = &text[..decision.span.end];
            let parsed = parse(cut);
            let name = common::stem(&path);
            assert_eq!(
                parsed.document.items.len(),
                full.document.items.len(),
                "{name}"
            );
            let codes: Vec<Code> = parsed.diagnostics.iter().map(|d| d.code()).collect();
            assert!(codes.contains(&Code::MissingGuideline), "{name}: {codes:?}");
            assert!(codes.contains(&Code::MissingRationale), "{name}: {codes:?}");
            assert!(!codes.contains(&Code::MissingItems), "{name}: {codes:?}");
        }
    }
}

/// Every valid fixture cut at the end of any line of its last item after its header and before
/// the rationale's text: the letter has an error (what is missing).
#[test]
fn a_letter_cut_before_its_last_rationale_has_an_error() {
    for folder in ["samples", "corpus", "variants"] {
        for path in common::letters(folder) {
            let text = std::fs::read_to_string(&path).expect("fixture");
            let full = parse(&text);
            let last = full.document.items.last().expect("items");
            let Some(rationale) = last.rationale else {
                continue;
            };
            let cuts = text[..rationale.span.start]
                .match_indices('\n')
                .map(|(i, _)| i)
                .filter(|&i| i >= last.decision.map_or(last.span.start, |d| d.span.end));
            for cut in cuts {
                let parsed = parse(&text[..cut]);
                assert!(
                    parsed.has_errors(),
                    "{} cut at {cut}: {:?}",
                    common::stem(&path),
                    parsed.diagnostics
                );
            }
        }
    }
}
