//! Helpers shared by the integration tests: fixture discovery and tree invariants.
#![allow(dead_code)]

#[cfg(feature = "cli")]
pub mod command;

use std::path::{Path, PathBuf};

use imr_determination::{Diagnostic, Document, Span, Text, normalize};

/// The section headings, as the template writes them.
pub const HEADINGS: [&str; 3] = [
    "HOW THE IMR FINAL DETERMINATION WAS MADE",
    "CLINICAL CASE SUMMARY",
    "IMR ISSUES, DECISIONS AND RATIONALES",
];

/// The labels of an item, in their order.
pub const ITEM_LABELS: [&str; 3] = [
    "Claims Administrator guideline:",
    "MAXIMUS guideline:",
    "Decision rationale:",
];

/// The row labels of the credentials block.
pub const ROW_LABELS: [&str; 2] = ["State(s) of Licensure:", "Certification(s)/Specialty:"];

/// The case header labels that are written on one line (`Application Received:` is broken
/// over two in most letters).
pub const HEADER_LABELS: [&str; 6] = [
    "Case Number:",
    "Date Assigned:",
    "Date of Injury:",
    "Decision Date:",
    "UR Denial Date:",
    "Priority:",
];

/// Every heading and label above: the words of the template whose misspelling is read as
/// spelt right.
pub fn headings_and_labels() -> impl Iterator<Item = &'static str> {
    HEADINGS
        .into_iter()
        .chain(ITEM_LABELS)
        .chain(ROW_LABELS)
        .chain(HEADER_LABELS)
}

/// The fixture directory.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The `*.txt` files of a fixture folder, sorted.
pub fn letters(folder: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(fixtures().join(folder))
        .expect("fixture folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    v
}

/// The file name without `.txt`.
pub fn stem(p: &Path) -> String {
    p.file_stem().expect("name").to_string_lossy().into_owned()
}

/// Checks a span against the source: inside it, ordered ends, on char boundaries, and its line
/// and column agree with its start.
fn check_span(src: &str, s: &Span, what: &str) -> Result<(), String> {
    if s.start > s.end || s.end > src.len() {
        return Err(format!(
            "{what}: span {s:?} outside the input ({} bytes)",
            src.len()
        ));
    }
    if !src.is_char_boundary(s.start) || !src.is_char_boundary(s.end) {
        return Err(format!("{what}: span {s:?} not on char boundaries"));
    }
    let line = src[..s.start].matches('\n').count() + 1;
    let line_start = src[..s.start].rfind('\n').map_or(0, |i| i + 1);
    let column = src[line_start..s.start].chars().count() + 1;
    if (s.line as usize, s.column as usize) != (line, column) {
        return Err(format!(
            "{what}: span {s:?} says line {} column {}, the source says {line}:{column}",
            s.line, s.column
        ));
    }
    Ok(())
}

/// A text node: a valid span whose source, normalised, is the node's text.
fn check_text(src: &str, t: &Text<'_>, what: &str) -> Result<(), String> {
    check_span(src, &t.span, what)?;
    let from_source = normalize(&src[t.span.range()]);
    if from_source != t.text() {
        return Err(format!(
            "{what}: text {:?} is not its source {from_source:?}",
            t.text()
        ));
    }
    Ok(())
}

fn encloses(parent: &Span, child: &Span, what: &str) -> Result<(), String> {
    if parent.start <= child.start && child.end <= parent.end {
        Ok(())
    } else {
        Err(format!(
            "{what}: child {child:?} outside its parent {parent:?}"
        ))
    }
}

fn in_order(spans: &[Span], what: &str, strict: bool) -> Result<(), String> {
    let mut spans = spans.to_vec();
    if !strict {
        spans.sort_by_key(|s| (s.start, s.end));
    }
    for w in spans.windows(2) {
        if w[0].end > w[1].start {
            return Err(format!("{what}: {:?} overlaps or follows {:?}", w[0], w[1]));
        }
    }
    Ok(())
}

/// Every invariant of a tree over its source: spans inside the input and on char boundaries,
/// parents enclosing children, siblings in the template's order, text nodes equal to their
/// normalised source.
pub fn check_tree(src: &str, doc: &Document<'_>) -> Result<(), String> {
    check_tree_with(src, doc, true)
}

/// [`check_tree`] for the tree of a malformed letter, whose parts may be out of the template's
/// order: siblings must not overlap.
pub fn check_malformed_tree(src: &str, doc: &Document<'_>) -> Result<(), String> {
    check_tree_with(src, doc, false)
}

fn check_tree_with(src: &str, doc: &Document<'_>, strict: bool) -> Result<(), String> {
    check_span(src, &doc.span, "document")?;
    let mut sections = Vec::new();
    if let Some(h) = &doc.case_header {
        check_span(src, &h.span, "case header")?;
        encloses(&doc.span, &h.span, "case header")?;
        sections.push(h.span);
        for t in h.fields().into_iter().filter_map(|(_, value)| value) {
            check_text(src, t, "header value")?;
            encloses(&h.span, &t.span, "header value")?;
        }
    }
    if let Some(r) = &doc.reviewer {
        check_span(src, &r.span, "reviewer")?;
        encloses(&doc.span, &r.span, "reviewer")?;
        sections.push(r.span);
        for list in [&r.certifications, &r.subspecialties, &r.licensure] {
            for t in list {
                check_text(src, t, "credential")?;
                encloses(&r.span, &t.span, "credential")?;
            }
            in_order(
                &list.iter().map(|t| t.span).collect::<Vec<_>>(),
                "credential list",
                strict,
            )?;
        }
    }
    if let Some(t) = &doc.case_summary {
        check_text(src, t, "case summary")?;
        encloses(&doc.span, &t.span, "case summary")?;
        sections.push(t.span);
    }
    for (k, item) in doc.items.iter().enumerate() {
        let what = format!("item {k}");
        check_span(src, &item.span, &what)?;
        encloses(&doc.span, &item.span, &what)?;
        sections.push(item.span);
        let mut parts = Vec::new();
        if let Some(m) = &item.modification {
            check_text(src, &m.original_request, "original request")?;
            check_text(src, &m.authorized, "authorized")?;
            parts.push(m.original_request.span);
            parts.push(m.authorized.span);
        }
        check_text(src, &item.treatment, "treatment")?;
        parts.push(item.treatment.span);
        if let Some(d) = &item.decision {
            check_span(src, &d.span, "decision")?;
            let word = &src[d.span.range()];
            if !word.eq_ignore_ascii_case(d.value.as_str()) {
                return Err(format!("{what}: decision span covers {word:?}"));
            }
            parts.push(d.span);
        }
        for g in [
            &item.claims_administrator_guideline,
            &item.maximus_guideline,
        ]
        .into_iter()
        .flatten()
        {
            check_text(src, &g.text, "guideline")?;
            parts.push(g.text.span);
            let mut cits = Vec::new();
            for c in &g.citations {
                check_text(src, &c.text, "citation")?;
                encloses(&g.text.span, &c.text.span, "citation")?;
                cits.push(c.text.span);
                for t in [&c.guideline, &c.chapter, &c.topic, &c.updated]
                    .into_iter()
                    .flatten()
                    .chain(&c.sections)
                {
                    check_text(src, t, "citation part")?;
                    encloses(&c.text.span, &t.span, "citation part")?;
                }
            }
            in_order(&cits, "citations", strict)?;
        }
        if let Some(t) = &item.rationale {
            check_text(src, t, "rationale")?;
            parts.push(t.span);
        }
        for p in &parts {
            encloses(&item.span, p, &what)?;
        }
        in_order(&parts, &what, strict)?;
    }
    in_order(&sections, "document parts", strict)?;
    Ok(())
}

/// Diagnostics' labels lie inside the input, on char boundaries, with the right line and column.
pub fn check_diagnostics(src: &str, diags: &[Diagnostic]) -> Result<(), String> {
    for d in diags {
        if d.labels().is_empty() && !src.trim().is_empty() {
            return Err(format!("{}: no label", d.code()));
        }
        if d.help().is_none_or(str::is_empty) {
            return Err(format!("{}: no help", d.code()));
        }
        for l in d.labels() {
            check_span(src, &l.span, d.code().as_str())?;
        }
    }
    Ok(())
}

/// xorshift64*: a small deterministic generator, no dependency.
pub struct Rng(pub u64);

impl Rng {
    /// The next number.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}
