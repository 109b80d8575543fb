//! Command-line arguments (clap derive).

use clap::{Parser, Subcommand, ValueEnum};

const TOP_EXAMPLES: &str = "\
Examples:
  imr check tests/fixtures/corpus              check every *.txt letter in a folder
  imr parse letter.txt > letter.json           the tree of one letter as JSON
  imr export --format csv letters/ > items.csv one row per disputed item
  pdftotext -layout x.pdf - | imr check -      read a letter from standard input

Exit status: 0 every input conforms (warnings allowed unless --deny-warnings),
1 some input has errors, 2 usage or I/O problems (other inputs are still processed).";

const PARSE_EXAMPLES: &str = "\
Examples:
  imr parse tests/fixtures/corpus/CM16-0213037.pypdf.txt
  imr parse --format jsonl tests/fixtures/corpus > trees.jsonl
  cat letter.txt | imr parse -";

const CHECK_EXAMPLES: &str = "\
Examples:
  imr check tests/fixtures/corpus tests/fixtures/samples
  imr check --format json letters/ | jq -c 'select(.diagnostics != [])'
  imr check --deny-warnings letter.txt";

const EXPORT_EXAMPLES: &str = "\
Examples:
  imr export tests/fixtures/corpus > items.csv
  imr export --format jsonl letters/ > items.jsonl
  duckdb -c \"select decision, count(*) from 'items.csv' group by 1\"";

const NORMALIZE_EXAMPLES: &str = "\
Examples:
  imr normalize tests/fixtures/corpus/CM16-0213037.pdftotext.txt
  imr normalize - < letter.txt > letter.canonical.txt";

/// Parse, check and export California workers' compensation IMR Final Determination letters.
///
/// INPUTs are files, folders (searched recursively for *.txt, in sorted path order) and `-` for
/// standard input, freely mixed.
#[derive(Debug, Parser)]
#[command(name = "imr", version, after_help = TOP_EXAMPLES, arg_required_else_help = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// Worker threads (default: one per core).
    #[arg(short = 'j', long, global = true, value_name = "N")]
    pub jobs: Option<usize>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the tree of each letter as JSON.
    #[command(after_help = PARSE_EXAMPLES)]
    Parse {
        /// `json` prints the document itself (default for a single file); `jsonl` prints one
        /// line per input, `{"path", "document"}` or, with errors, `{"path", "document": null,
        /// "diagnostics": [...]}` (default for several inputs or a folder).
        #[arg(long, short)]
        format: Option<ParseFormat>,
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
    /// One row per disputed item, for spreadsheets, DuckDB or pandas.
    #[command(after_help = EXPORT_EXAMPLES)]
    Export {
        /// `csv` (lists joined with "; ") or `jsonl` (lists as arrays).
        #[arg(long, short, default_value = "csv")]
        format: ExportFormat,
        /// Files, folders, or `-` for standard input.
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<String>,
    },
    /// Print the canonical text of a letter (single-spaced; parses back to the same tree).
    #[command(after_help = NORMALIZE_EXAMPLES)]
    Normalize {
        /// A file, or `-` for standard input.
        #[arg(value_name = "INPUT")]
        input: String,
    },
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

/// Output of `imr export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Comma-separated values with a header row.
    Csv,
    /// One JSON object per line and item.
    Jsonl,
}
