//! Inputs that once parsed wrongly, each kept with the tree it must give.

use imr_determination::{ModificationForm, parse, render};

mod letters;

use letters::letter_with_issues_body;

/// A header search skipped the lines holding the same sentence ending as a failed region
/// (found in review): here the first region's "was the original request." leaves no treatment,
/// and the next line starts the modified request. (A header opens a paragraph: the line before
/// it ends a sentence.)
#[test]
fn modified_request_after_a_stray_original_request() {
    let text = letter_with_issues_body(
        "was the original request. Per the UR report.\n\
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

/// pdftotext text has no blank line between a rationale and the next item's header: a
/// rationale that quotes a modified request's sentences was read as the next item's modified
/// request, its treatment taking the rationale's last line.
#[test]
fn a_rationale_quoting_a_modified_request_before_the_next_header() {
    let guidelines = "Claims Administrator guideline: Decision based on MTUS Low Back Complaints 2004.\n\
                      MAXIMUS guideline: Decision based on MTUS Low Back Complaints 2004.\n";
    let text = letter_with_issues_body(&format!(
        "Lidoderm #30 was the original request. Lidoderm #15 was authorized by the Claims Administrator. \
         The remaining IMR eligible portion of the original request, Lidoderm #15 is: Upheld\n\
         {guidelines}\
         Decision rationale: Lidoderm #30 was the original request. Lidoderm #15 was authorized\n\
         by the Claims Administrator. The remaining IMR eligible portion of the original request,\n\
         Lidoderm #15 is not medically necessary.\n\
         Valium 5mg #30: Upheld.\n\
         {guidelines}\
         Decision rationale: It is not medically necessary.\n"
    ));
    let parsed = parse(&text);
    let items = &parsed.document.items;
    assert_eq!(items.len(), 2, "{:?}", parsed.diagnostics);
    assert_eq!(items[0].treatment.text(), "Lidoderm #15");
    assert!(items[0].modification.is_some());
    assert!(
        items[0]
            .rationale
            .unwrap()
            .text()
            .ends_with("Lidoderm #15 is not medically necessary.")
    );
    assert_eq!(items[1].treatment.text(), "Valium 5mg #30");
    assert!(items[1].modification.is_none());
    assert!(!parsed.has_errors(), "{:?}", parsed.diagnostics);
}

/// `normalize` keeps meaning: the tree records which wording a modified request used, and the
/// rendering writes that wording back (it used to write every modified request in the first).
#[test]
fn the_second_modified_request_wording_renders_as_written() {
    let guidelines = "Claims Administrator guideline: Decision based on MTUS Low Back Complaints 2004.\n\
                      MAXIMUS guideline: Decision based on MTUS Low Back Complaints 2004.\n";
    let text = letter_with_issues_body(&format!(
        "Norco 10/325mg #120 was the original request. The Claims Administrator authorized \
         Norco 10/325mg #60, leaving the original request IMR eligible. The original request, \
         Norco 10/325mg #120 is: Upheld\n\
         {guidelines}\
         Decision rationale: It is not medically necessary.\n"
    ));
    let parsed = parse(&text);
    let m = parsed.document.items[0]
        .modification
        .as_ref()
        .expect("a modified request");
    assert_eq!(m.form, ModificationForm::ClaimsAdministratorAuthorized);
    let rendered = render(&parsed.document);
    assert!(
        rendered.contains(
            "The Claims Administrator authorized Norco 10/325mg #60, leaving the original request IMR eligible."
        ),
        "{rendered}"
    );
    assert_eq!(parse(&rendered).document, parsed.document);
}
