//! The `imr` command: argument parsing, input expansion, parallel ordered processing and the
//! output of each subcommand.

mod args;
mod check;
mod export;
mod inputs;
mod lints;
mod normalize;
mod report;
mod run;

use std::ffi::OsString;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::{CommandFactory as _, FromArgMatches as _};
use imr_determination::Document;
use serde::Serialize;

use args::{CheckFormat, Cli, ColorChoice, Command, ParseFormat};
use lints::{Lints, Shown};
use run::{Outcome, Tally};

/// The settings every letter command shares, from the global flags.
pub struct Options {
    /// The lint levels (`--allow`, `--deny`).
    pub lints: Lints,
    /// `--max-file-size`, in bytes.
    pub max_file_size: u64,
    /// `--quiet`: no rendered diagnostics.
    pub quiet: bool,
    /// Whether a progress bar may be shown (not with `--quiet` or `--no-progress`).
    pub progress: bool,
    /// `--color`.
    pub color: ColorChoice,
}

/// Runs the command line and returns the exit status.
pub fn main() -> ExitCode {
    let argv: Vec<OsString> = std::env::args_os().collect();
    let color = match color_flag(&argv) {
        Some(ColorChoice::Always) => clap::ColorChoice::Always,
        Some(ColorChoice::Never) => clap::ColorChoice::Never,
        _ => clap::ColorChoice::Auto,
    };
    let parsed = Cli::command()
        .color(color)
        .try_get_matches_from(&argv)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(mut cli) => {
            // Given both before and after the subcommand, a global flag keeps only the
            // values given after it in clap: the levels are read from the whole line.
            cli.allow = repeated(&argv, "--allow");
            cli.deny = repeated(&argv, "--deny");
            cli
        }
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
        return ExitCode::from(usage_error(&format!("cannot start {n} threads: {e}")));
    }
    let lints = match Lints::new(cli.allow, cli.deny) {
        Ok(l) => l,
        Err(why) => return ExitCode::from(usage_error(&why)),
    };
    let opts = Options {
        lints,
        max_file_size: cli.max_file_size,
        quiet: cli.quiet,
        progress: !cli.quiet && !cli.no_progress,
        color: cli.color,
    };
    // A panic inside the PDF reader is reported as that file's error, not printed.
    #[cfg(feature = "pdf")]
    imr_determination::pdf::quiet_panics();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let code = match cli.command {
        Command::Parse {
            format,
            keep_partial,
            inputs,
        } => parse(&inputs, format, keep_partial, &opts, &mut out),
        Command::Check {
            format,
            deny_warnings,
            inputs,
        } => check(&inputs, format, deny_warnings, &opts, &mut out),
        Command::Export(args) => export::command(&args, &opts, &mut out),
        Command::Report(args) => report::command(&args, &opts, &mut out),
        Command::Normalize { output_dir, inputs } => {
            normalize::normalize(&inputs, output_dir.as_deref(), &opts, &mut out)
        }
        Command::Text { inputs } => text(&inputs, &opts, &mut out),
        Command::Completions { shell } => {
            // Generated whole first: clap_complete panics on a write error (a closed pipe).
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "imr", &mut script);
            finish(&mut out, &script)
        }
        Command::Man => {
            let mut page = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut page) {
                Ok(()) => finish(&mut out, &page),
                Err(e) => write_error(&e),
            }
        }
    };
    ExitCode::from(code)
}

/// Every value of the repeatable flag `name` (`--allow`, `--deny`), wherever it is given on the
/// command line, once clap has checked them.
fn repeated(argv: &[OsString], name: &str) -> Vec<imr_determination::Code> {
    let mut found = Vec::new();
    let mut args = argv.iter().skip(1).filter_map(|a| a.to_str());
    let prefix = format!("{name}=");
    while let Some(a) = args.next() {
        let value = match a {
            "--" => break,
            a if a == name => args.next(),
            a => a.strip_prefix(prefix.as_str()),
        };
        if let Some(code) = value.and_then(|v| args::parse_code(v).ok()) {
            found.push(code);
        }
    }
    found
}

/// The `--color` given on the command line, read before clap parses it so that clap's own
/// help and errors follow it too.
fn color_flag(argv: &[OsString]) -> Option<ColorChoice> {
    let mut found = None;
    let mut args = argv.iter().skip(1).filter_map(|a| a.to_str());
    while let Some(a) = args.next() {
        let value = match a {
            "--" => break,
            "--color" => args.next(),
            _ => a.strip_prefix("--color="),
        };
        found = match value {
            Some("always") => Some(ColorChoice::Always),
            Some("never") => Some(ColorChoice::Never),
            Some("auto") => Some(ColorChoice::Auto),
            _ => found,
        };
    }
    found
}

/// A usage problem found after parsing: reported on standard error, status 2.
fn usage_error(why: &str) -> u8 {
    let _ = writeln!(io::stderr(), "imr: {why}");
    2
}

/// Writes `bytes` to standard output: status 0, or 2 when it cannot be written (a closed pipe
/// is not an error).
fn finish(out: &mut impl Write, bytes: &[u8]) -> u8 {
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => 0,
        Err(e) => write_error(&e),
    }
}

fn write_error(e: &io::Error) -> u8 {
    if e.kind() == io::ErrorKind::BrokenPipe {
        return 0;
    }
    let _ = writeln!(io::stderr(), "imr: cannot write the output: {e}");
    2
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
    #[serde(skip_serializing_if = "Shown::is_empty")]
    diagnostics: Shown<'a>,
}

fn parse(
    args: &[String],
    format: Option<ParseFormat>,
    keep_partial: bool,
    opts: &Options,
    out: &mut impl Write,
) -> u8 {
    let inputs = inputs::expand(args);
    if format == Some(ParseFormat::Json) && inputs.list.len() > 1 {
        return usage_error(&format!(
            "--format json prints one document, and there are {} inputs; use --format jsonl \
             for one line per input, with its path",
            inputs.list.len()
        ));
    }
    let single = inputs.list.len() == 1 && !inputs.had_folder;
    let format = format.unwrap_or(if single {
        ParseFormat::Json
    } else {
        ParseFormat::Jsonl
    });
    let renderer = check::Renderer::new(check::Stream::Stderr, opts);
    let tally = run::run(&inputs.list, b"", out, opts.progress, |input| {
        Outcome::of_letter(input, opts, |name, parsed, o| {
            // With --keep-partial, the tree is printed whatever the diagnostics.
            let errors = !keep_partial && opts.lints.has_errors(&parsed.diagnostics);
            match format {
                ParseFormat::Json => {
                    if !parsed.diagnostics.is_empty() && !opts.quiet {
                        o.err = renderer.render(parsed, name).into_bytes();
                    }
                    if !errors {
                        o.out = serde_json::to_vec_pretty(&parsed.document).unwrap_or_default();
                        o.out.push(b'\n');
                    }
                }
                ParseFormat::Jsonl => {
                    let document = (!errors).then_some(&parsed.document);
                    if document.is_some() {
                        // The line is about one and a half times the letter: sized once, not
                        // doubled up to it.
                        o.out.reserve(parsed.source.len() / 2 * 3 + 1024);
                    }
                    json_line(
                        &ParseLine {
                            path: input.path(),
                            document,
                            diagnostics: opts.lints.shown(&parsed.diagnostics),
                        },
                        &mut o.out,
                    );
                }
            }
        })
    });
    tally.exit_code(false)
}

fn check(
    args: &[String],
    format: CheckFormat,
    deny_warnings: bool,
    opts: &Options,
    out: &mut impl Write,
) -> u8 {
    let inputs = inputs::expand(args);
    let tally: Tally = match format {
        CheckFormat::Human => {
            let renderer = check::Renderer::new(check::Stream::Stdout, opts);
            let tally = run::run(&inputs.list, b"", out, opts.progress, |i| {
                check::human(i, &renderer, opts)
            });
            if !tally.stdout_closed {
                let _ = out
                    .write_all(check::summary(&tally).as_bytes())
                    .and_then(|()| out.flush());
            }
            tally
        }
        CheckFormat::Json => run::run(&inputs.list, b"", out, opts.progress, |i| {
            check::json(i, opts)
        }),
    };
    tally.exit_code(deny_warnings)
}

/// `imr text`: the text each input is parsed as, printed whatever its diagnostics; only an
/// unreadable input fails (status 2).
fn text(args: &[String], opts: &Options, out: &mut impl Write) -> u8 {
    let inputs = inputs::expand(args);
    let tally = run::run(&inputs.list, b"", out, opts.progress, |input| {
        Outcome::of_letter(input, opts, |_, parsed, o| {
            o.out = parsed.source.as_bytes().to_vec();
        })
    });
    if tally.unreadable > 0 { 2 } else { 0 }
}
