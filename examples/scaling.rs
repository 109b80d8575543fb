//! Prints how parse time grows with input size, for inputs built to stress each scanning loop.
//!
//! ```text
//! cargo run --release --example scaling
//! ```
//!
//! `cargo run --release --example scaling -- --file=PATH` times one file instead.
//!
//! Each row parses an input of size n and of size 10n (or 2n); a linear parser shows a ratio
//! near the size ratio.

use std::time::Instant;

use imr_determination::parse;

#[path = "../tests/letters/mod.rs"]
mod letters;

use letters::{BASE, base_parts, letter_with_items as items};

fn long_line(bytes: usize) -> String {
    "physical therapy twice weekly ".repeat(bytes / 30)
}

fn header_line(n: usize) -> String {
    format!("{}\n{BASE}", "Priority: x Case Number: y ".repeat(n))
}

fn citations(n: usize) -> String {
    let (head, _, _) = base_parts();
    format!(
        "{head}Knee brace: Upheld\nMAXIMUS guideline: Decision based on MTUS Knee Complaints{}\n",
        ", and Knee Complaints 2004, Section(s): x".repeat(n)
    )
}

fn blank_lines_in_issues(n: usize) -> String {
    let (head, _, _) = base_parts();
    let blank = "\n".repeat(n);
    format!("{head}Knee brace:{blank}x{blank}")
}

fn colon_lines(n: usize) -> String {
    let (head, _, _) = base_parts();
    format!("{head}{}", ":\n".repeat(n))
}

fn time(s: &str) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        let p = parse(s);
        std::hint::black_box(&p);
        best = best.min(t.elapsed().as_secs_f64());
    }
    best
}

fn row(name: &str, small: usize, large: usize, make: fn(usize) -> String) {
    let (a, b) = (make(small), make(large));
    let (ta, tb) = (time(&a), time(&b));
    println!(
        "{name:<34} {small:>9} -> {large:>9}  {:>9} B -> {:>9} B  {:>9.2} ms -> {:>9.2} ms  x{:.1} (size x{:.1})",
        a.len(),
        b.len(),
        ta * 1e3,
        tb * 1e3,
        tb / ta,
        b.len() as f64 / a.len() as f64
    );
}

/// A row: its name, the two sizes, and how to build an input of a size.
type Row = (&'static str, usize, usize, fn(usize) -> String);

fn main() {
    let only: Option<String> = std::env::args().nth(1);
    if let Some(path) = only.as_deref().and_then(|o| o.strip_prefix("--file=")) {
        let text = std::fs::read_to_string(path).expect("a UTF-8 file");
        println!("{path}: {} B, {:.2} ms", text.len(), time(&text) * 1e3);
        return;
    }
    let rows: &[Row] = &[
        ("items", 2_000, 20_000, items),
        ("one line (bytes)", 1 << 20, 10 << 20, long_line),
        ("header labels on one line", 2_000, 20_000, header_line),
        (
            "blank lines in issues",
            100_000,
            1_000_000,
            blank_lines_in_issues,
        ),
        ("colon lines in issues", 100_000, 1_000_000, colon_lines),
        ("chained MTUS citations", 2_000, 20_000, citations),
        ("chained MTUS citations x10", 20_000, 200_000, citations),
    ];
    for (name, small, large, make) in rows {
        if only.as_deref().is_none_or(|o| name.contains(o)) {
            row(name, *small, *large, *make);
        }
    }
}
