//! The canonical text of a letter.
//!
//! [`render`] writes a tree back as a letter: single-spaced, one blank line between blocks, each
//! text on one line, the template's fixed sentences as the template writes them. Parsing the
//! result gives an equal tree (spans aside), which makes it the normal form of a letter
//! whatever extractor produced the original.

use std::fmt::Write as _;

use crate::ast::{Document, Guideline, Item, ModificationForm};
use crate::span::Text;
use crate::template::modified::{
    AUTHORIZED_BY, CA_AUTHORIZED, LEAVING, ORIGINAL, REMAINING, THE_ORIGINAL,
};
use crate::template::{
    BLOCK_INTRO, BOARD, BOILERPLATE, INLINE_INTRO, ISSUES_INTRO, LICENSED, LabelKind, RowKind,
    SUBSPECIALTY, SUMMARY_INTRO, SectionKind,
};

/// Renders the canonical text of a tree.
///
/// ```
/// let letter = std::fs::read_to_string("tests/fixtures/corpus/CM16-0213037.pdftotext.txt").unwrap();
/// let parsed = imr_determination::parse(&letter);
/// let text = imr_determination::render(&parsed.document);
/// assert!(text.starts_with("Case Number: CM16-0213037\n"));
/// assert_eq!(imr_determination::parse(&text).document, parsed.document);
/// ```
pub fn render(doc: &Document<'_>) -> String {
    let mut out = String::with_capacity(8 * 1024);
    if let Some(h) = &doc.case_header {
        for (label, value) in h.fields() {
            if let Some(v) = value {
                let _ = writeln!(out, "{label} {}", v.text());
            }
        }
        out.push('\n');
    }
    block(&mut out, SectionKind::How.heading(), BOILERPLATE);
    if let Some(r) = &doc.reviewer {
        if r.subspecialties.is_empty() {
            let _ = writeln!(out, "{BLOCK_INTRO}");
            let _ = writeln!(out, "{} {}", RowKind::Licensure.label(), join(&r.licensure));
            let _ = writeln!(
                out,
                "{} {}",
                RowKind::Certification.label(),
                join(&r.certifications)
            );
        } else {
            let _ = writeln!(
                out,
                "{INLINE_INTRO} {BOARD} {}{SUBSPECIALTY} {} {LICENSED} {}.",
                join(&r.certifications),
                join(&r.subspecialties),
                join(&r.licensure)
            );
        }
        out.push('\n');
    }
    block(&mut out, SectionKind::Summary.heading(), SUMMARY_INTRO);
    if let Some(s) = &doc.case_summary {
        let _ = writeln!(out, "{}\n", s.text());
    }
    block(&mut out, SectionKind::Issues.heading(), ISSUES_INTRO);
    for item in &doc.items {
        render_item(&mut out, item);
    }
    let kept = out.trim_end_matches('\n').len();
    out.truncate(kept + usize::from(kept < out.len()));
    out
}

fn block(out: &mut String, heading: &str, first: &str) {
    let _ = writeln!(out, "{heading}\n{first}\n");
}

fn join(list: &[Text<'_>]) -> String {
    let mut s = String::new();
    for (i, t) in list.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        s.push_str(&t.text());
    }
    s
}

fn render_item(out: &mut String, item: &Item<'_>) {
    let decision = item.decision.map_or("", |d| d.value.as_str());
    match &item.modification {
        Some(m) => {
            let (x, y, z) = (
                m.original_request.text(),
                m.authorized.text(),
                item.treatment.text(),
            );
            let _ = match m.form {
                ModificationForm::ClaimsAdministratorAuthorized => writeln!(
                    out,
                    "{x} {ORIGINAL} {CA_AUTHORIZED} {y}{LEAVING} {THE_ORIGINAL} {z} is: {decision}\n"
                ),
                ModificationForm::AuthorizedBy => writeln!(
                    out,
                    "{x} {ORIGINAL} {y} {AUTHORIZED_BY} {REMAINING} {z} is: {decision}\n"
                ),
            };
        }
        None => {
            let _ = writeln!(out, "{}: {decision}\n", item.treatment.text());
        }
    }
    guideline(
        out,
        LabelKind::ClaimsAdministrator,
        &item.claims_administrator_guideline,
    );
    guideline(out, LabelKind::Maximus, &item.maximus_guideline);
    if let Some(r) = &item.rationale {
        let _ = writeln!(out, "{} {}\n", LabelKind::Rationale.as_str(), r.text());
    }
}

fn guideline(out: &mut String, label: LabelKind, g: &Option<Guideline<'_>>) {
    if let Some(g) = g {
        let _ = writeln!(out, "{} {}\n", label.as_str(), g.text.text());
    }
}
