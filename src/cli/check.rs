//! `imr check` and the human-readable rendering of diagnostics shared by the other commands.

use std::fmt::{self, Write as _};
use std::io::IsTerminal;

use imr_determination::{Code, Diagnostic, Parsed, Severity};
use miette::{
    LabeledSpan, MietteHandler, MietteHandlerOpts, NamedSource, ReportHandler, SourceCode,
};
use serde::Serialize;

use super::Options;
use super::inputs::Input;
use super::lints::{Lints, Shown};
use super::run::{Outcome, Status, Tally};

/// Width of rendered reports when the output is not a terminal.
const PLAIN_WIDTH: usize = 100;

/// How much of a letter is looked at for a NUL byte, the sign of a binary file (as git and
/// ripgrep do).
const BINARY_SNIFF: usize = 8 << 10;

/// Renders reports with miette's graphical handler, in colour as `--color` says, with the lint
/// levels applied to each diagnostic's severity.
pub struct Renderer {
    handler: MietteHandler,
    lints: Lints,
}

/// Where rendered reports go, to decide on colour and width.
#[derive(Clone, Copy)]
pub enum Stream {
    /// Standard output.
    Stdout,
    /// Standard error.
    Stderr,
}

impl Renderer {
    /// A renderer for reports written to `stream`.
    pub fn new(stream: Stream, opts: &Options) -> Self {
        let terminal = match stream {
            Stream::Stdout => std::io::stdout().is_terminal(),
            Stream::Stderr => std::io::stderr().is_terminal(),
        };
        let mut handler = MietteHandlerOpts::new()
            .force_graphical(true)
            .terminal_links(false)
            .color(opts.color.colors_stream(terminal))
            .unicode(true);
        if !terminal {
            handler = handler.width(PLAIN_WIDTH);
        }
        Renderer {
            handler: handler.build(),
            lints: opts.lints.clone(),
        }
    }

    /// The letter's diagnostics rendered with code frames, under a line naming the letter. A
    /// binary input's text is not shown, only each diagnostic's message and help.
    pub fn render(&self, parsed: &Parsed<'_>, name: &str) -> String {
        let binary = is_binary(&parsed.source);
        let source = (!binary).then(|| NamedSource::new(name, printable(&parsed.source)));
        let errors = parsed
            .diagnostics
            .iter()
            .filter(|d| self.lints.is_error(d))
            .count();
        let warnings = parsed.diagnostics.len() - errors;
        let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
        let report = LetterReport {
            summary: format!(
                "{name}: {}, {}{}",
                plural(errors, "error"),
                plural(warnings, "warning"),
                if binary {
                    " (binary file, text not shown)"
                } else {
                    ""
                }
            ),
            errors: errors > 0,
            source: source.as_ref(),
            related: parsed
                .diagnostics
                .iter()
                .map(|d| Leveled {
                    d,
                    severity: self.lints.severity(d),
                })
                .collect(),
        };
        let mut s = String::new();
        let _ = writeln!(s, "{}", Show(&self.handler, &report));
        s
    }
}

/// Whether a letter's text looks like a binary file's: a NUL byte near its start.
fn is_binary(source: &str) -> bool {
    source.as_bytes()[..source.len().min(BINARY_SNIFF)].contains(&0)
}

/// A letter's report as miette renders it: a line naming the letter, then each diagnostic with
/// a frame of the text (none for a binary file).
#[derive(Debug)]
struct LetterReport<'a> {
    summary: String,
    errors: bool,
    source: Option<&'a NamedSource<String>>,
    related: Vec<Leveled<'a>>,
}

impl fmt::Display for LetterReport<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.summary)
    }
}

impl std::error::Error for LetterReport<'_> {}

impl miette::Diagnostic for LetterReport<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(if self.errors {
            miette::Severity::Error
        } else {
            miette::Severity::Warning
        })
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.map(|s| s as &dyn SourceCode)
    }

    fn related<'r>(&'r self) -> Option<Box<dyn Iterator<Item = &'r dyn miette::Diagnostic> + 'r>> {
        Some(Box::new(
            self.related.iter().map(|d| d as &dyn miette::Diagnostic),
        ))
    }
}

/// One diagnostic with the severity the lint levels give it.
#[derive(Debug)]
struct Leveled<'a> {
    d: &'a Diagnostic,
    severity: Severity,
}

impl fmt::Display for Leveled<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.d, f)
    }
}

impl std::error::Error for Leveled<'_> {}

impl miette::Diagnostic for Leveled<'_> {
    fn code<'r>(&'r self) -> Option<Box<dyn fmt::Display + 'r>> {
        miette::Diagnostic::code(self.d)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'r>(&'r self) -> Option<Box<dyn fmt::Display + 'r>> {
        miette::Diagnostic::help(self.d)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        miette::Diagnostic::labels(self.d)
    }
}

struct Show<'a, D>(&'a MietteHandler, &'a D);

impl<D: miette::Diagnostic> fmt::Display for Show<'_, D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.debug(self.1, f)
    }
}

/// The text with control characters (other than line breaks and tabs) replaced by one-byte
/// stand-ins, so a binary file's report does not send control codes to the terminal. Byte
/// offsets are unchanged.
fn printable(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(match c {
            '\n' | '\t' => c,
            // A lone carriage return would start a new line on the terminal.
            '\r' if chars.peek() == Some(&'\n') => c,
            '\u{c}' => ' ',
            c if c.is_ascii_control() => '.',
            c => c,
        });
    }
    out
}

/// The status of a parsed letter, its diagnostics' severities as the lint levels give them.
pub fn status(parsed: &Parsed<'_>, lints: &Lints) -> Status {
    if lints.has_errors(&parsed.diagnostics) {
        Status::Errors
    } else if !parsed.diagnostics.is_empty() {
        Status::Warnings
    } else {
        Status::Conforming
    }
}

/// The codes of a letter's diagnostics, in the order they are reported.
pub fn codes(parsed: &Parsed<'_>) -> Vec<Code> {
    parsed.diagnostics.iter().map(|d| d.code()).collect()
}

/// One line per diagnostic, `name:line:column: severity[code]: message`, for commands whose
/// standard output is data.
pub fn compact(parsed: &Parsed<'_>, name: &str, lints: &Lints) -> String {
    let mut s = String::new();
    for d in &parsed.diagnostics {
        let (line, column) = d
            .labels()
            .first()
            .map_or((1, 1), |l| (l.span.line.max(1), l.span.column.max(1)));
        let severity = if lints.is_error(d) {
            "error"
        } else {
            "warning"
        };
        let _ = writeln!(
            s,
            "{name}:{line}:{column}: {severity}[{}]: {}",
            d.code(),
            printable(d.message()).replace(['\n', '\r'], " ")
        );
    }
    s
}

/// `imr check --format human` on one input: nothing on standard output with `--quiet`.
pub fn human(input: &Input, renderer: &Renderer, opts: &Options) -> Outcome {
    Outcome::of_letter(input, opts, |name, parsed, o| {
        if !parsed.diagnostics.is_empty() && !opts.quiet {
            o.out = renderer.render(parsed, name).into_bytes();
        }
    })
}

#[derive(Serialize)]
struct CheckLine<'a> {
    path: String,
    diagnostics: Shown<'a>,
}

/// `imr check --format json` on one input: one line, `{"path", "diagnostics"}`.
pub fn json(input: &Input, opts: &Options) -> Outcome {
    Outcome::of_letter(input, opts, |_, parsed, o| {
        super::json_line(
            &CheckLine {
                path: input.path(),
                diagnostics: opts.lints.shown(&parsed.diagnostics),
            },
            &mut o.out,
        );
    })
}

/// The summary line: letters checked, conforming, with errors, with warnings, and the count of
/// each code in the order the reports first showed it.
pub fn summary(t: &Tally) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut s = format!(
        "{} checked: {} conforming, {} with errors, {} with warnings",
        plural(t.checked, "letter", "letters"),
        t.conforming,
        t.with_errors,
        t.with_warnings
    );
    if t.unreadable > 0 {
        let _ = write!(
            s,
            ", {} could not be read",
            plural(t.unreadable, "input", "inputs")
        );
    }
    if !t.by_code.is_empty() {
        let list: Vec<String> = t.by_code.iter().map(|(c, n)| format!("{c}: {n}")).collect();
        let _ = write!(s, " ({})", list.join(", "));
    }
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_keeps_offsets() {
        let s = "a\0b\u{c}c\nd\u{7f}é\r\r\n";
        let p = printable(s);
        assert_eq!(p.len(), s.len());
        assert_eq!(p, "a.b c\nd.é.\r\n");
    }
}
