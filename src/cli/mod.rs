//! The `imr` command: argument parsing, input expansion, parallel ordered processing and the
//! output of each subcommand.

mod args;
mod check;
mod export;
mod inputs;
mod run;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::Parser as _;
use imr_determination::{Diagnostic, Document};
use serde::Serialize;

use args::{CheckFormat, Cli, Command, ExportFormat, ParseFormat};
use inputs::Input;
use run::{Outcome, Tally};

/// Runs the command line and returns the exit status.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            // Help and version go to stdout with status 0; usage errors to stderr with 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    if let Some(n) = cli.jobs
        && let Err(e) = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
    {
        let _ = writeln!(io::stderr(), "imr: cannot start {n} threads: {e}");
        return ExitCode::from(2);
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let code = match cli.command {
        Command::Parse { format, inputs } => parse(&inputs, format, &mut out),
        Command::Check {
            format,
            deny_warnings,
            inputs,
        } => check(&inputs, format, deny_warnings, &mut out),
        Command::Export { format, inputs } => export(&inputs, format, &mut out),
        Command::Normalize { input } => normalize(&input, &mut out),
    };
    ExitCode::from(code)
}

/// Appends a value to `out` as one line of JSON.
pub(crate) fn json_line<T: Serialize>(value: &T, out: &mut Vec<u8>) {
    let start = out.len();
    if let Err(e) = serde_json::to_writer(&mut *out, value) {
        // Serialising the tree cannot fail (no maps with non-string keys); just in case:
        out.truncate(start);
        out.extend_from_slice(format!("{{\"error\":{:?}}}", e.to_string()).as_bytes());
    }
    out.push(b'\n');
}

#[derive(Serialize)]
struct ParseLine<'a> {
    path: String,
    document: Option<&'a Document<'a>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    diagnostics: &'a [Diagnostic],
}

fn parse(args: &[String], format: Option<ParseFormat>, out: &mut impl Write) -> u8 {
    let inputs = inputs::expand(args);
    let single = inputs.list.len() == 1 && !inputs.had_folder;
    let format = format.unwrap_or(if single {
        ParseFormat::Json
    } else {
        ParseFormat::Jsonl
    });
    let renderer = check::Renderer::new(check::Stream::Stderr);
    let tally = run::run(&inputs.list, b"", out, |input| {
        Outcome::of_letter(input, |name, parsed, o| match format {
            ParseFormat::Json => {
                if !parsed.diagnostics.is_empty() {
                    o.err = renderer.render(parsed, name).into_bytes();
                }
                if !parsed.has_errors() {
                    o.out = serde_json::to_vec_pretty(&parsed.document).unwrap_or_default();
                    o.out.push(b'\n');
                }
            }
            ParseFormat::Jsonl => {
                let document = (!parsed.has_errors()).then_some(&parsed.document);
                if document.is_some() {
                    // The line is about one and a half times the letter: sized once, not
                    // doubled up to it.
                    o.out.reserve(parsed.source.len() / 2 * 3 + 1024);
                }
                json_line(
                    &ParseLine {
                        path: input.path(),
                        document,
                        diagnostics: &parsed.diagnostics,
                    },
                    &mut o.out,
                );
            }
        })
    });
    tally.exit_code(false)
}

fn check(args: &[String], format: CheckFormat, deny_warnings: bool, out: &mut impl Write) -> u8 {
    let inputs = inputs::expand(args);
    let tally: Tally = match format {
        CheckFormat::Human => {
            let renderer = check::Renderer::new(check::Stream::Stdout);
            let tally = run::run(&inputs.list, b"", out, |i| check::human(i, &renderer));
            if !tally.stdout_closed {
                let _ = out
                    .write_all(check::summary(&tally).as_bytes())
                    .and_then(|()| out.flush());
            }
            tally
        }
        CheckFormat::Json => run::run(&inputs.list, b"", out, check::json),
    };
    tally.exit_code(deny_warnings)
}

fn export(args: &[String], format: ExportFormat, out: &mut impl Write) -> u8 {
    let inputs = inputs::expand(args);
    let (header, format) = match format {
        ExportFormat::Csv => (export::csv_header(), export::Format::Csv),
        ExportFormat::Jsonl => (Vec::new(), export::Format::Jsonl),
    };
    let tally = run::run(&inputs.list, &header, out, |i| export::export(i, format));
    tally.exit_code(false)
}

fn normalize(arg: &str, out: &mut impl Write) -> u8 {
    let input = match inputs::expand(&[arg.to_owned()]) {
        i if i.had_folder => Input::Problem(
            arg.to_owned(),
            "is a folder; `imr normalize` takes one letter".to_owned(),
        ),
        mut i => i.list.pop().unwrap_or(Input::Stdin),
    };
    let renderer = check::Renderer::new(check::Stream::Stderr);
    let tally = run::run(std::slice::from_ref(&input), b"", out, |input| {
        Outcome::of_letter(input, |name, parsed, o| {
            if !parsed.diagnostics.is_empty() {
                o.err = renderer.render(parsed, name).into_bytes();
            }
            if !parsed.has_errors() {
                o.out = imr_determination::render(&parsed.document).into_bytes();
            }
        })
    });
    tally.exit_code(false)
}
