//! `imr`: parse, check, export and normalise IMR Final Determination letters.
//!
//! The command's code lives in `src/cli/`, compiled only into this binary (feature `cli`); the
//! library stays free of clap, rayon, csv, serde_json and indicatif.
#![forbid(unsafe_code)]

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
