//! Letters of a chosen shape built from one fixture letter, shared by the tests that need them
//! and by `examples/scaling.rs` (which includes this file with `#[path]`).
#![allow(dead_code)]

/// The letter the inputs are built from (two items).
pub const BASE: &str = include_str!("../fixtures/corpus/CM16-0213037.pypdf.txt");

/// `BASE` cut at its two item headers: the text up to the issues section's first item, that
/// item, and the rest.
pub fn base_parts() -> (&'static str, &'static str, &'static str) {
    let first = BASE
        .find("MRI of the right shoulder without contrast: Upheld")
        .expect("the base letter's first item");
    let second = BASE
        .find("MRI of the cervical spine without contrast: Upheld")
        .expect("the base letter's second item");
    (&BASE[..first], &BASE[first..second], &BASE[second..])
}

/// A letter whose issues section holds `body` (after its opening sentence) instead of items.
pub fn letter_with_issues_body(body: &str) -> String {
    let (head, _, _) = base_parts();
    format!("{head}{body}")
}

/// `BASE` with its first item repeated to `n` items, then its last item.
pub fn letter_with_items(n: usize) -> String {
    let (head, item, tail) = base_parts();
    let mut s = String::from(head);
    for _ in 0..n {
        s.push_str(item);
    }
    s.push_str(tail);
    s
}
