//! `imr normalize`: the canonical text of one letter on standard output, or of many letters
//! written under a folder (`--output-dir`), at the same relative paths.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::check::{Renderer, Stream};
use super::inputs::{self, Input};
use super::run::{self, Outcome};
use super::{Options, usage_error};

/// Runs `imr normalize` on `args`, to standard output or under `output_dir`.
pub fn normalize(
    args: &[String],
    output_dir: Option<&Path>,
    opts: &Options,
    out: &mut impl Write,
) -> u8 {
    match output_dir {
        None => to_stdout(args, opts, out),
        Some(dir) => to_folder(args, dir, opts, out),
    }
}

/// One letter, printed.
fn to_stdout(args: &[String], opts: &Options, out: &mut impl Write) -> u8 {
    let expanded = inputs::expand(args);
    if args.len() > 1 || expanded.had_folder {
        return usage_error(
            "without --output-dir, `imr normalize` prints one letter; to normalise several, \
             or a folder, write them with --output-dir DIR",
        );
    }
    let renderer = Renderer::new(Stream::Stderr, opts);
    let tally = run::run(&expanded.list, b"", out, false, |input| {
        Outcome::of_letter(input, opts, |name, parsed, o| {
            if !parsed.diagnostics.is_empty() && !opts.quiet {
                o.err = renderer.render(parsed, name).into_bytes();
            }
            if !opts.lints.has_errors(&parsed.diagnostics) {
                o.out = imr_determination::render(&parsed.document).into_bytes();
            }
        })
    });
    tally.exit_code(false)
}

/// A letter to write, and where.
struct Job {
    input: Input,
    target: Option<PathBuf>,
}

/// Many letters, each written to `dir` at its path relative to the folder it was found in (a
/// file given by itself: its file name). A letter with errors is reported and not written; two
/// letters that would be written to the same file, or a letter that would overwrite itself,
/// are problems. Files already under `dir` (when it lies inside an input folder) are not read.
fn to_folder(args: &[String], dir: &Path, opts: &Options, out: &mut impl Write) -> u8 {
    if let Err(e) = fs::create_dir_all(dir) {
        return usage_error(&format!("cannot create {}: {e}", dir.display()));
    }
    let written_under = fs::canonicalize(dir).ok();
    let mut jobs = Vec::new();
    let mut targets = HashSet::new();
    for arg in args {
        let root = Path::new(arg);
        // The output folder when it lies strictly inside this input folder.
        let inside = written_under
            .as_ref()
            .filter(|out| fs::canonicalize(root).is_ok_and(|r| out.starts_with(&r) && **out != r));
        for input in inputs::expand(std::slice::from_ref(arg)).list {
            if let (Input::File(p), Some(out)) = (&input, inside)
                && fs::canonicalize(p).is_ok_and(|p| p.starts_with(out))
            {
                // Already a canonical text, written by an earlier run into a folder inside
                // the input: not read again (it would be written again one folder deeper).
                continue;
            }
            let target = match &input {
                Input::File(p) => {
                    let relative = p
                        .strip_prefix(root)
                        .ok()
                        .filter(|r| !r.as_os_str().is_empty())
                        .or_else(|| p.file_name().map(Path::new));
                    // A PDF's canonical text is text: `x.pdf` is written as `x.txt`.
                    let pdf = input.is_pdf();
                    relative.map(|r| {
                        let t = dir.join(r);
                        if pdf { t.with_extension("txt") } else { t }
                    })
                }
                _ => None,
            };
            let job = match (input, target) {
                (Input::Stdin, _) => problem(
                    "-",
                    "standard input has no name to write it under in --output-dir; leave out --output-dir to print it",
                ),
                (input @ Input::File(_), Some(t)) if !targets.insert(t.clone()) => problem(
                    &input.path(),
                    &format!("another input is written to {} already", t.display()),
                ),
                (input @ Input::File(_), Some(t))
                    if inputs::same_file(Path::new(&input.path()), &t) =>
                {
                    problem(
                        &input.path(),
                        "would be overwritten by its own canonical text",
                    )
                }
                (input, target) => Job { input, target },
            };
            jobs.push(job);
        }
    }
    // Each file has one target (a file given twice is a problem the second time).
    let mut target_of = HashMap::new();
    let mut inputs = Vec::with_capacity(jobs.len());
    for job in jobs {
        if let Some(t) = job.target {
            target_of.insert(job.input.path(), t);
        }
        inputs.push(job.input);
    }
    let renderer = Renderer::new(Stream::Stderr, opts);
    let tally = run::run(&inputs, b"", out, opts.progress, |input| {
        let target = target_of.get(&input.path());
        Outcome::of_letter(input, opts, |name, parsed, o| {
            if !parsed.diagnostics.is_empty() && !opts.quiet {
                o.err = renderer.render(parsed, name).into_bytes();
            }
            if opts.lints.has_errors(&parsed.diagnostics) {
                o.err.extend_from_slice(
                    format!("imr: {name}: has errors; not written\n").as_bytes(),
                );
                return;
            }
            let Some(target) = target else { return };
            let text = imr_determination::render(&parsed.document);
            let written = target
                .parent()
                .map_or(Ok(()), fs::create_dir_all)
                .and_then(|()| fs::write(target, text));
            if let Err(e) = written {
                *o = Outcome::unreadable(name, &format!("cannot write {}: {e}", target.display()));
            }
        })
    });
    tally.exit_code(false)
}

fn problem(path: &str, why: &str) -> Job {
    Job {
        input: Input::Problem(path.to_owned(), why.to_owned()),
        target: None,
    }
}
