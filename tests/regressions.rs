//! Inputs that once parsed wrongly, each kept with the tree it must give.

use imr_determination::parse;

mod letters;

use letters::letter_with_issues_body;

/// A header search skipped the lines holding the same sentence ending as a failed region
/// (found in review): here the first region's "was the original request." leaves no treatment,
/// and the next line starts the modified request.
#[test]
fn modified_request_after_a_stray_original_request() {
    let text = letter_with_issues_body(
        "was the original request. Per the UR\n\
         Norco #60 was the original request.\n\
         Norco #30 was authorized by the Claims Administrator. The remaining IMR eligible portion of \
         the original request, Norco #30: Upheld\n\
         Claims Administrator guideline: Decision based on MTUS Low Back Complaints 2004.\n\n\
         MAXIMUS guideline: Decision based on MTUS Low Back Complaints 2004.\n\n\
         Decision rationale: It is not medically necessary.\n",
    );
    let parsed = parse(&text);
    let items = &parsed.document.items;
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].treatment.text(), "Norco #30");
    let m = items[0].modification.as_ref().expect("a modified request");
    assert_eq!(m.original_request.text(), "Norco #60");
    assert_eq!(m.authorized.text(), "Norco #30");
}
