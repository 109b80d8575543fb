//! `imr report`: one self-contained HTML page about a set of letters: totals, uphold rates by
//! category, drug class, guideline, specialty and month with their 95% intervals, and the
//! letters' conformance to the template.
//!
//! The workers gather what the page needs of each letter ([`stats::Letter`]); the main thread
//! sums it in input order ([`stats::Tally`]); the page is then drawn once: charts by plotters
//! ([`chart`]), the page by minijinja from `page.html`, the numbers embedded as JSON.

mod chart;
mod stats;

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use minijinja::value::Serde;
use minijinja::{Environment, Value, context};

use super::Options;
use super::args::ReportArgs;
use super::inputs::{self, Input};
use super::run::{self, Outcome, Status};
use stats::{Grouping, Letter, Summary, Tally};

/// The page's template.
const PAGE: &str = include_str!("page.html");

/// Runs `imr report` and returns the exit status: as for `check`, 2 when an input cannot be
/// read or the page cannot be written, 1 when a letter has errors, else 0.
pub fn command(args: &ReportArgs, opts: &Options, stdout: &mut impl Write) -> u8 {
    let inputs = inputs::expand(&args.inputs);
    // A page that cannot be written is known before the letters are read.
    let mut file = match args
        .output
        .as_deref()
        .map(|p| Output::create(p, &inputs.list))
    {
        None => None,
        Some(Ok(f)) => Some(f),
        Some(Err(why)) => {
            eprintln!("imr: {why}");
            return 2;
        }
    };
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
    let to = args
        .output
        .as_ref()
        .map_or("-".into(), |p| p.display().to_string());
    let written = match &mut file {
        Some(f) => f.finish(page.as_bytes()),
        None => stdout
            .write_all(page.as_bytes())
            .and_then(|()| stdout.flush()),
    };
    if let Err(e) = written {
        eprintln!("imr: cannot write {to}: {e}");
        return 2;
    }
    if !opts.quiet {
        let to = if file.is_some() {
            to
        } else {
            "standard output".into()
        };
        eprintln!("imr: wrote the page to {to}: {}", described(&summary));
    }
    tally.exit_code(false)
}

/// What the page counts, in one line: `135 inputs (98 conforming, ...); 219 items of 109
/// letters counted`.
fn described(summary: &Summary) -> String {
    let l = &summary.letters;
    let n = |n: u64, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    format!(
        "{} ({} conforming, {} with warnings, {} with errors, {} unreadable); {} of {} counted",
        n(l.inputs, "input"),
        l.conforming,
        l.warnings,
        l.errors,
        l.unreadable,
        n(summary.totals.all.items, "item"),
        n(l.counted, "letter"),
    )
}

/// The page's file: written beside its path under a temporary name and renamed to it at the
/// end, so that no input is replaced before it is read and an interrupted run leaves the
/// previous page whole.
struct Output {
    path: PathBuf,
    temporary: PathBuf,
    file: BufWriter<File>,
}

impl Output {
    /// Creates the temporary file, unless `path` is one of the `inputs`.
    fn create(path: &Path, inputs: &[Input]) -> Result<Output, String> {
        if inputs::is_an_input(path, inputs) {
            return Err(format!(
                "{} is an input; write the page elsewhere",
                path.display()
            ));
        }
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let temporary = path.with_file_name(format!(".{name}.{}.imr-tmp", std::process::id()));
        let file = File::create(&temporary)
            .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
        Ok(Output {
            path: path.to_owned(),
            temporary,
            file: BufWriter::new(file),
        })
    }

    /// Writes the page and puts it in place.
    fn finish(&mut self, page: &[u8]) -> io::Result<()> {
        let done = (self.file.write_all(page))
            .and_then(|()| self.file.flush())
            .and_then(|()| fs::rename(&self.temporary, &self.path));
        if done.is_err() {
            let _ = fs::remove_file(&self.temporary);
        }
        done
    }
}

impl Drop for Output {
    /// A run that stops before the page is written leaves no temporary file.
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.temporary);
    }
}

/// What the report needs of one input (its diagnostics are not printed: the page counts them).
fn letter(input: &Input, keep_partial: bool, opts: &Options) -> Outcome<Letter> {
    let mut o = Outcome::of_letter(input, opts, |_, parsed, o: &mut Outcome<Letter>| {
        o.data = Letter::of(input.path(), parsed, o.status, &opts.lints, keep_partial);
    });
    if o.status == Status::Unreadable {
        o.data = Letter {
            path: input.path(),
            status: Status::Unreadable,
            problem: o.problem.clone(),
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
    env.add_filter("fixed", fixed);
    env.add_filter("code_spans", code_spans);
    env.add_template("page.html", PAGE)?;
    // A chart of rates needs one: a grouping whose items have no decision read has none.
    let rates = |g: &Grouping| {
        let any = g.groups.iter().any(|g| g.rated().is_some());
        any.then(|| Value::from_safe_string(chart::rates(&g.groups)))
    };
    let charts = context! {
        category => rates(&s.by_category),
        drug_class => rates(&s.by_drug_class),
        guideline => rates(&s.by_guideline),
        specialty => rates(&s.by_specialty),
        month => (!s.by_month.groups.is_empty())
            .then(|| Value::from_safe_string(chart::months(&s.by_month.groups))),
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

/// `0.8123` as `81.2%`; no value as a dash. `round` is `down` or `up` for the bounds of an
/// interval, so that a bound short of 100% never shows as `100.0%` (nor one above 0 as `0.0%`).
fn pct(v: Option<f64>, round: Option<&str>) -> String {
    let Some(v) = v.filter(|v| v.is_finite()) else {
        return "\u{2013}".to_owned();
    };
    let tenths = v * 1000.0;
    let tenths = match round {
        Some("down") => tenths.floor(),
        Some("up") => tenths.ceil(),
        _ => tenths.round(),
    };
    format!("{:.1}%", tenths / 10.0)
}

/// A number with `places` decimals; no value as a dash.
fn fixed(v: Option<f64>, places: usize) -> String {
    v.filter(|v| v.is_finite())
        .map_or_else(|| "\u{2013}".to_owned(), |v| format!("{v:.places$}"))
}

/// Text with its `quoted` parts as `<code>`, escaped for HTML.
fn code_spans(text: &str) -> Value {
    let mut out = String::with_capacity(text.len() + 32);
    for (i, part) in text.split('`').enumerate() {
        let escaped = minijinja::HtmlEscape(part).to_string();
        if i % 2 == 1 {
            out.push_str("<code>");
            out.push_str(&escaped);
            out.push_str("</code>");
        } else {
            out.push_str(&escaped);
        }
    }
    Value::from_safe_string(out)
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
        assert_eq!(pct(Some(0.81234), None), "81.2%");
        assert_eq!(pct(None, None), "\u{2013}");
        assert_eq!(pct(Some(f64::NAN), None), "\u{2013}");
        // The bounds of an interval: 99.95% is not 100%, 0.04% is not 0%.
        assert_eq!(pct(Some(0.99951), Some("down")), "99.9%");
        assert_eq!(pct(Some(1.0), Some("down")), "100.0%");
        assert_eq!(pct(Some(0.0004), Some("up")), "0.1%");
        assert_eq!(fixed(Some(2.0), 2), "2.00");
        assert_eq!(fixed(None, 2), "\u{2013}");
        let html = code_spans("lacks `MAXIMUS guideline:` & <b>").to_string();
        assert_eq!(
            html,
            "lacks <code>MAXIMUS guideline:</code> &amp; &lt;b&gt;"
        );
    }

    #[test]
    fn the_page_of_nothing_says_so() {
        let s = Tally::default().finish();
        let html = page("T", &[], false, &s).unwrap();
        assert!(
            html.contains("no letter was read from the inputs"),
            "{html}"
        );
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
        assert_eq!(back["unreadable"][0]["examples"][0], "</script><b>.txt");
    }
}
