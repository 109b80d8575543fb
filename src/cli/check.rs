//! `imr check` and the human-readable rendering of diagnostics shared by the other commands.

use std::fmt::{self, Write as _};
use std::io::IsTerminal;

use imr_determination::{Code, Parsed, Report};
use miette::{MietteHandler, MietteHandlerOpts, ReportHandler};
use serde::Serialize;

use super::inputs::Input;
use super::run::{Outcome, Status, Tally};

/// Width of rendered reports when the output is not a terminal.
const PLAIN_WIDTH: usize = 100;

/// Renders reports with miette's graphical handler: in colour for a terminal, plain when
/// `NO_COLOR` is set or the output is not a terminal.
pub struct Renderer {
    handler: MietteHandler,
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
    pub fn new(stream: Stream) -> Self {
        let terminal = match stream {
            Stream::Stdout => std::io::stdout().is_terminal(),
            Stream::Stderr => std::io::stderr().is_terminal(),
        };
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let mut opts = MietteHandlerOpts::new()
            .force_graphical(true)
            .terminal_links(false)
            .color(terminal && !no_color)
            .unicode(true);
        if !terminal {
            opts = opts.width(PLAIN_WIDTH);
        }
        Renderer {
            handler: opts.build(),
        }
    }

    /// The letter's diagnostics rendered with code frames, under a line naming the letter.
    pub fn render(&self, parsed: &Parsed<'_>, name: &str) -> String {
        let report = Report::new(name, &printable(&parsed.source), parsed.diagnostics.clone());
        let mut s = String::new();
        let _ = writeln!(s, "{}", Show(&self.handler, &report));
        s
    }
}

struct Show<'a>(&'a MietteHandler, &'a Report);

impl fmt::Display for Show<'_> {
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

/// The status of a parsed letter.
pub fn status(parsed: &Parsed<'_>) -> Status {
    if parsed.has_errors() {
        Status::Errors
    } else if parsed.has_warnings() {
        Status::Warnings
    } else {
        Status::Conforming
    }
}

/// The codes of a letter's diagnostics.
pub fn codes(parsed: &Parsed<'_>) -> Vec<Code> {
    parsed.diagnostics.iter().map(|d| d.code()).collect()
}

/// One line per diagnostic, `name:line:column: severity[code]: message`, for commands whose
/// standard output is data.
pub fn compact(parsed: &Parsed<'_>, name: &str) -> String {
    let mut s = String::new();
    for d in &parsed.diagnostics {
        let (line, column) = d
            .labels()
            .first()
            .map_or((1, 1), |l| (l.span.line.max(1), l.span.column.max(1)));
        let severity = if d.is_error() { "error" } else { "warning" };
        let _ = writeln!(
            s,
            "{name}:{line}:{column}: {severity}[{}]: {}",
            d.code(),
            d.message()
        );
    }
    s
}

/// `imr check --format human` on one input.
pub fn human(input: &Input, renderer: &Renderer) -> Outcome {
    Outcome::of_letter(input, |name, parsed, o| {
        if !parsed.diagnostics.is_empty() {
            o.out = renderer.render(parsed, name).into_bytes();
        }
    })
}

#[derive(Serialize)]
struct CheckLine<'a> {
    path: String,
    diagnostics: &'a [imr_determination::Diagnostic],
}

/// `imr check --format json` on one input: one line, `{"path", "diagnostics"}`.
pub fn json(input: &Input) -> Outcome {
    Outcome::of_letter(input, |_, parsed, o| {
        super::json_line(
            &CheckLine {
                path: input.path(),
                diagnostics: &parsed.diagnostics,
            },
            &mut o.out,
        );
    })
}

/// The summary line: letters checked, conforming, with errors, with warnings, counts by code.
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
    let mut by_code = t.by_code.clone();
    by_code.sort_by_key(|&(c, _)| Code::ALL.iter().position(|&k| k == c));
    if !by_code.is_empty() {
        let list: Vec<String> = by_code.iter().map(|(c, n)| format!("{c}: {n}")).collect();
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
