//! Command-line arguments (clap derive).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use clap_complete::Shell;
use imr_determination::Code;

const TOP_EXAMPLES: &str = "\
Examples:
  imr check tests/fixtures/corpus              check every *.txt and *.pdf letter in a folder
  imr check CM16-0213037.pdf                   read a letter as published
  imr text letter.pdf                          the text that is parsed (spans point into it)
  imr parse letter.txt > letter.json           the tree of one letter as JSON
  imr export --format csv letters/ > items.csv one row per disputed item
  imr report letters/ -o report.html           one page: uphold rates, conformance
  pdftotext -layout x.pdf - | imr check -      read a letter from standard input

Exit status: 0 every input conforms (warnings allowed unless --deny-warnings or --deny),
1 some input has errors, 2 usage or I/O problems, an input too large or a folder without
letters (the other inputs are still processed).";

const PARSE_EXAMPLES: &str = "\
Examples:
  imr parse tests/fixtures/corpus/CM16-0213037.pypdf.txt
  imr parse --format jsonl tests/fixtures/corpus > trees.jsonl
  cat letter.txt | imr parse -";

const CHECK_EXAMPLES: &str = "\
Examples:
  imr check tests/fixtures/corpus tests/fixtures/samples
  imr check --format json letters/ | jq -c 'select(.diagnostics != [])'
  imr check --deny-warnings letter.txt
  imr check --allow unknown_guideline --deny decision_rationale_mismatch letters/
  imr check --color always letters/ | less -R
  imr check -q letters/                       the summary line only";

const EXPORT_EXAMPLES: &str = "\
Examples:
  imr export tests/fixtures/corpus > items.csv
  imr export --table citations --format jsonl letters/ > citations.jsonl
  imr export --table letters --format parquet -o letters.parquet letters/
  duckdb -c \"select category, avg((decision = 'upheld')::int) from 'items.parquet' group by 1\"";

const REPORT_EXAMPLES: &str = "\
Examples:
  imr report letters/ -o report.html           one page: totals, uphold rates, conformance
  imr report --title 'Lumbar MRI, 2016' mri/ -o mri.html
  imr report --keep-partial letters/ -o all.html   count letters with errors too

The page is one HTML file with its styles, charts (SVG) and data (JSON, in the element
#imr-report-data) inside: it opens offline and travels as an e-mail attachment.";

const NORMALIZE_EXAMPLES: &str = "\
Examples:
  imr normalize tests/fixtures/corpus/CM16-0213037.pdftotext.txt
  imr normalize - < letter.txt > letter.canonical.txt
  imr normalize --output-dir canonical/ letters/   canonical/x/y.txt for letters/x/y.txt";

const TEXT_EXAMPLES: &str = "\
Examples:
  imr text letter.pdf > letter.txt
  imr text letter.pdf | sed -n 40,60p          the lines a diagnostic points at";

const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  imr completions bash > ~/.local/share/bash-completion/completions/imr
  imr completions zsh > ~/.zfunc/_imr
  imr completions fish > ~/.config/fish/completions/imr.fish";

const MAN_EXAMPLES: &str = "\
Examples:
  imr man > ~/.local/share/man/man1/imr.1 && man imr
  imr man | man -l -";

/// Parse, check, export and report on California workers' compensation IMR Final Determination
/// letters.
///
/// INPUTs are files (text in UTF-8 or Windows-1252, or PDFs as published), folders (searched
/// recursively for letters — *.txt and *.pdf — in sorted path order) and `-` for standard
/// input, freely mixed.
#[derive(Debug, Parser)]
#[command(name = "imr", version, after_help = TOP_EXAMPLES, arg_required_else_help = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// Worker threads (default: one per core).
    #[arg(short = 'j', long, global = true, value_name = "N")]
    pub jobs: Option<usize>,
    /// When to colour reports: `auto` colours them on a terminal unless `NO_COLOR` is set
    /// (`CLICOLOR_FORCE` colours them anywhere); `always`, e.g. for `less -R`; `never`.
    #[arg(long, global = true, value_name = "WHEN", default_value = "auto")]
    pub color: ColorChoice,
    /// Print only the summary line and problems reading inputs: no rendered diagnostics, no
    /// progress bar (data on standard output is still printed).
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Never show the progress bar (it is shown only on a terminal, for runs over a second).
    #[arg(long, global = true)]
    pub no_progress: bool,
    /// Silence the warnings of CODE (e.g. `imr::unknown_guideline`, or `unknown_guideline`);
    /// repeatable. Errors cannot be silenced.
    #[arg(long, global = true, value_name = "CODE", value_parser = parse_code)]
    pub allow: Vec<Code>,
    /// Count the warnings of CODE as errors; repeatable (see also `check --deny-warnings`).
    #[arg(long, global = true, value_name = "CODE", value_parser = parse_code)]
    pub deny: Vec<Code>,
    /// Skip, and report, inputs larger than SIZE bytes (suffixes K, M, G: powers of 1024,
    /// e.g. `64MiB`, `512K`).
    #[arg(long, global = true, value_name = "SIZE", default_value = "64MiB", value_parser = parse_size)]
    pub max_file_size: u64,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the tree of each letter as JSON.
    #[command(after_help = PARSE_EXAMPLES)]
    Parse {
        /// `json` prints the document itself (the default for a single file, and only for
        /// one); `jsonl` prints one line per input, `{"path", "document"}` or, with errors,
        /// `{"path", "document": null, "diagnostics": [...]}` (the default for several inputs
        /// or a folder).
        #[arg(long, short)]
        format: Option<ParseFormat>,
        /// Print the best tree built even for a letter with errors (with its diagnostics).
        #[arg(long)]
        keep_partial: bool,
        /// Files, folders, or `-` for standard input.
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<String>,
    },
    /// Check letters against the template and report every problem.
    #[command(after_help = CHECK_EXAMPLES)]
    Check {
        /// `human` renders each diagnostic with the offending text, then a summary; `json`
        /// prints one line per input: `{"path", "diagnostics": [...]}`.
        #[arg(long, short, default_value = "human")]
        format: CheckFormat,
        /// Exit with status 1 when any letter has warnings, too.
        #[arg(long)]
        deny_warnings: bool,
        /// Files, folders, or `-` for standard input.
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<String>,
    },
    /// Tables of letters, items or citations, for spreadsheets, DuckDB or pandas.
    #[command(after_help = EXPORT_EXAMPLES)]
    Export(ExportArgs),
    /// Write one HTML page about the letters: totals, uphold rates by category, drug class,
    /// guideline, specialty and month, and their conformance to the template.
    #[command(after_help = REPORT_EXAMPLES)]
    Report(ReportArgs),
    /// Print the canonical text of a letter (single-spaced; parses back to the same tree), or
    /// write that of many into a folder.
    #[command(after_help = NORMALIZE_EXAMPLES)]
    Normalize {
        /// Write one file per letter under DIR, at the letter's path relative to the folder
        /// it was found in (a file given by itself: its name); files already under DIR are
        /// not read. Without it, one INPUT is printed to standard output.
        #[arg(long, short, value_name = "DIR")]
        output_dir: Option<PathBuf>,
        /// Files, folders (with --output-dir), or `-` for standard input (without it).
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<String>,
    },
    /// Print the text that is parsed: a PDF's extracted text, a text file's decoded text.
    ///
    /// Diagnostics' lines, columns and offsets point into this text. Several inputs are printed
    /// one after another, as `cat` does.
    #[command(after_help = TEXT_EXAMPLES)]
    Text {
        /// Files, folders, or `-` for standard input.
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<String>,
    },
    /// Print the completion script for SHELL.
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions {
        /// The shell.
        shell: Shell,
    },
    /// Print the manual page (roff), e.g. `imr man > ~/.local/share/man/man1/imr.1`.
    #[command(after_help = MAN_EXAMPLES)]
    Man,
}

/// When to colour rendered reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set; anywhere when `CLICOLOR_FORCE` is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl ColorChoice {
    /// Whether to colour output going to a stream, `terminal` telling whether it is one and
    /// `var` reading the environment.
    pub fn colors(self, terminal: bool, var: impl Fn(&str) -> Option<String>) -> bool {
        let set = |name: &str| var(name).is_some_and(|v| !v.is_empty());
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto if set("NO_COLOR") => false,
            ColorChoice::Auto
                if set("CLICOLOR_FORCE") && var("CLICOLOR_FORCE").as_deref() != Some("0") =>
            {
                true
            }
            ColorChoice::Auto => terminal,
        }
    }

    /// Whether to colour output going to standard output or error, from the environment.
    pub fn colors_stream(self, terminal: bool) -> bool {
        self.colors(terminal, |name| {
            std::env::var_os(name).map(|v| v.to_string_lossy().into_owned())
        })
    }
}

/// A diagnostic code, written `imr::unknown_guideline` or `unknown_guideline`.
pub fn parse_code(s: &str) -> Result<Code, String> {
    let name = s.strip_prefix("imr::").unwrap_or(s);
    Code::ALL
        .iter()
        .copied()
        .find(|c| c.as_str().strip_prefix("imr::") == Some(name))
        .ok_or_else(|| {
            let all: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
            format!("no such code; the codes are {}", all.join(", "))
        })
}

/// A size in bytes: a number with an optional suffix K, M or G (powers of 1024; `KiB`, `KB`,
/// `k` and `B` alike).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(digits);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("`{s}` is not a size (e.g. 64MiB, 512K, 1000000)"))?;
    let unit = unit.trim().to_ascii_lowercase();
    let shift = match unit.trim_end_matches('b').trim_end_matches('i') {
        "" => 0,
        "k" => 10,
        "m" => 20,
        "g" => 30,
        _ => return Err(format!("`{s}`: unknown unit (use K, M or G)")),
    };
    number
        .checked_mul(1 << shift)
        .ok_or_else(|| format!("`{s}` is too large"))
}

/// Output of `imr parse`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ParseFormat {
    /// The document object, pretty-printed.
    Json,
    /// One JSON object per line and input.
    Jsonl,
}

/// Output of `imr check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Rendered diagnostics and a summary line.
    Human,
    /// One JSON object per line and input.
    Json,
}

/// The arguments of `imr export` (docs/tables.md describes the tables).
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// `letters` (one row per letter), `items` (one per disputed item) or `citations` (one per
    /// cited guideline).
    #[arg(long, short, default_value = "items")]
    pub table: ExportTable,
    /// `csv` (lists as JSON arrays), `jsonl` or `parquet` (needs `-o`).
    #[arg(long, short, default_value = "csv")]
    pub format: ExportFormat,
    /// Write to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
    /// Export the rows of letters with errors too (`status` = `errors`), their diagnostics on
    /// standard error; by default such a letter gives no rows.
    #[arg(long)]
    pub keep_partial: bool,
    /// Files, folders, or `-` for standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
}

/// The arguments of `imr report`.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Write the page to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The page's title.
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// Count the items of letters with errors too (by default only the conformance section
    /// counts such letters: what was read of them may be wrong).
    #[arg(long)]
    pub keep_partial: bool,
    /// Files, folders, or `-` for standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
}

/// Output of `imr export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Comma-separated values with a header row.
    Csv,
    /// One JSON object per line and row.
    Jsonl,
    /// An Apache Parquet file, written in row groups as the letters stream by.
    Parquet,
}

/// The table `imr export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportTable {
    /// One row per letter.
    Letters,
    /// One row per disputed item.
    Items,
    /// One row per cited guideline.
    Citations,
}
