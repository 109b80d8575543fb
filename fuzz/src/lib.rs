//! Checks shared by the fuzz targets.

use imr_determination::{Parsed, Span, visit_spans};

/// Asserts the invariants of one parse:
///
/// - every diagnostic label lies inside the text (`source`, the lossy copy for invalid UTF-8)
///   and starts and ends on char boundaries, with a 1-based line and column;
/// - every span of the tree does too, and lies inside the document's span;
/// - the report renders through miette (which reads every label's text).
pub fn check(parsed: &Parsed<'_>) {
    let src: &str = &parsed.source;
    let ok = |s: &Span, what: &str| {
        assert!(
            s.start <= s.end && s.end <= src.len(),
            "{what} span {s:?} outside the input (len {})",
            src.len()
        );
        assert!(
            src.is_char_boundary(s.start) && src.is_char_boundary(s.end),
            "{what} span {s:?} not on char boundaries"
        );
        // Every span is located, the tree of invalid UTF-8 (that of its valid prefix) too.
        assert!(
            s.line >= 1 && s.column >= 1,
            "{what} span {s:?} not located"
        );
    };
    for d in &parsed.diagnostics {
        for l in d.labels() {
            ok(&l.span, "label");
        }
    }
    let doc = parsed.document.span;
    visit_spans(&parsed.document, &mut |s| {
        ok(s, "tree");
        assert!(
            s.start >= doc.start && s.end <= doc.end,
            "{s:?} outside the document {doc:?}"
        );
    });
    if !parsed.diagnostics.is_empty() && src.len() < 1 << 16 {
        let report = parsed.report("fuzz.txt");
        let handler = miette::NarratableReportHandler::new();
        for located in report.iter() {
            let mut out = String::new();
            handler
                .render_report(&mut out, &located)
                .expect("the report renders");
        }
    }
}
