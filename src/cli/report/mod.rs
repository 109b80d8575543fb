//! `imr report`: one self-contained HTML page about a set of letters: totals, uphold rates by
//! category, drug class, guideline, specialty and month with their 95% intervals, and the
//! letters' conformance to the template.
//!
//! The workers gather what the page needs of each letter ([`stats::Letter`]); the main thread
//! sums it in input order ([`stats::Tally`]); the page is then drawn once: charts by plotters
//! ([`chart`]), the page by minijinja from `page.html`, the numbers embedded as JSON.

mod chart;
mod stats;

use std::fs::File;
use std::io::{self, BufWriter, Write};

use minijinja::value::Serde;
use minijinja::{Environment, Value, context};

use super::Options;
use super::args::ReportArgs;
use super::inputs::{self, Input};
use super::run::{self, Outcome, Status};
use stats::{Letter, Summary, Tally};

/// The page's template.
const PAGE: &str = include_str!("page.html");

/// Runs `imr report` and returns the exit status: as for `check`, 2 when an input cannot be
/// read or the page cannot be written, 1 when a letter has errors, else 0.
pub fn command(args: &ReportArgs, opts: &Options, stdout: &mut impl Write) -> u8 {
    // The file is made first: a page that cannot be written is known before the letters are read.
    let mut file = match &args.output {
        None => None,
        Some(path) => match File::create(path) {
            Ok(f) => Some(BufWriter::new(f)),
            Err(e) => {
                eprintln!("imr: cannot create {}: {e}", path.display());
                return 2;
            }
        },
    };
    let inputs = inputs::expand(&args.inputs);
    let mut sums = Tally::default();
    let work = |input: &Input| letter(input, args.keep_partial, opts);
    // Nothing goes to standard output while the letters are read: only unreadable inputs are
    // reported, on standard error.
    let tally = run::run_with(
        &inputs.list,
        b"",
        &mut io::sink(),
        opts.progress,
        work,
        |l| {
            sums.add(l);
        },
    );
    let summary = sums.finish();
    let title = args.title.as_deref().unwrap_or("IMR Final Determinations");
    let page = match page(title, &args.inputs, args.keep_partial, &summary) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("imr: cannot make the page (please report it): {e:#}");
            return 2;
        }
    };
    let out: &mut dyn Write = match &mut file {
        Some(f) => f,
        None => stdout,
    };
    if let Err(e) = out.write_all(page.as_bytes()).and_then(|()| out.flush()) {
        let to = (args.output.as_ref()).map_or("-".into(), |p| p.display().to_string());
        eprintln!("imr: cannot write {to}: {e}");
        return 2;
    }
    tally.exit_code(false)
}

/// What the report needs of one input (its diagnostics are not printed: the page counts them).
fn letter(input: &Input, keep_partial: bool, opts: &Options) -> Outcome<Letter> {
    let mut o = Outcome::of_letter(input, opts, |_, parsed, o: &mut Outcome<Letter>| {
        o.data = Letter::of(input.path(), parsed, o.status, keep_partial);
    });
    if o.status == Status::Unreadable {
        // The message on standard error is `imr: NAME: WHY`.
        let message = String::from_utf8_lossy(&o.err);
        let name = format!("imr: {}: ", input.display_name());
        let why = message.trim_end().strip_prefix(&name).unwrap_or(&message);
        o.data = Letter {
            path: input.path(),
            status: Status::Unreadable,
            problem: Some(why.trim_end().to_owned()),
            ..Letter::default()
        };
    }
    o
}

/// The page: the template filled with the summary, its charts and its JSON.
fn page(
    title: &str,
    inputs: &[String],
    keep_partial: bool,
    s: &Summary,
) -> Result<String, minijinja::Error> {
    let mut env = Environment::new();
    env.add_filter("pct", pct);
    env.add_filter("num", num);
    env.add_template("page.html", PAGE)?;
    let charts = context! {
        category => Value::from_safe_string(chart::rates(&s.by_category.groups)),
        drug_class => Value::from_safe_string(chart::rates(&s.by_drug_class.groups)),
        guideline => Value::from_safe_string(chart::rates(&s.by_guideline.groups)),
        specialty => Value::from_safe_string(chart::rates(&s.by_specialty.groups)),
        month => Value::from_safe_string(chart::months(&s.by_month.groups)),
    };
    env.get_template("page.html")?.render(context! {
        title,
        inputs => Value::from(Serde(inputs)),
        keep_partial,
        version => env!("CARGO_PKG_VERSION"),
        s => Value::from(Serde(s)),
        charts,
        data => Value::from_safe_string(script_json(s)),
    })
}

/// The summary as JSON that may stand inside a `<script>` element: `<`, `>` and `&` escaped
/// as `\u003c`... (the same JSON once parsed).
fn script_json(s: &Summary) -> String {
    let json = serde_json::to_string(s).unwrap_or_else(|_| "null".into());
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// `0.8123` as `81.2%`; no value as a dash.
fn pct(v: Option<f64>) -> String {
    v.filter(|v| v.is_finite())
        .map_or_else(|| "\u{2013}".to_owned(), |v| format!("{:.1}%", v * 100.0))
}

/// `12345` as `12,345`.
fn num(v: u64) -> String {
    let digits = v.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_well() {
        assert_eq!(num(0), "0");
        assert_eq!(num(999), "999");
        assert_eq!(num(1000), "1,000");
        assert_eq!(num(1_234_567), "1,234,567");
        assert_eq!(pct(Some(0.81234)), "81.2%");
        assert_eq!(pct(None), "\u{2013}");
        assert_eq!(pct(Some(f64::NAN)), "\u{2013}");
    }

    #[test]
    fn the_page_of_nothing_says_so() {
        let s = Tally::default().finish();
        let html = page("T", &[], false, &s).unwrap();
        assert!(html.contains("No letter was found"), "{html}");
        assert!(!html.contains("NaN"));
        assert!(!html.contains("<svg"), "no chart of nothing");
    }

    #[test]
    fn the_embedded_json_cannot_close_its_script() {
        let mut t = Tally::default();
        t.add(Letter {
            path: "</script><b>.txt".into(),
            status: Status::Unreadable,
            ..Letter::default()
        });
        let s = t.finish();
        let json = script_json(&s);
        assert!(!json.contains('<'), "{json}");
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["unreadable_examples"][0]["path"], "</script><b>.txt");
    }
}
