//! Processing many letters in parallel and writing the results in input order.
//!
//! Inputs are taken in chunks; the letters of a chunk are processed in parallel on rayon's pool
//! while the results of the previous chunk are written, in order, by the calling thread. At most
//! two chunks of results are held at once, so memory does not grow with the number of letters.

use std::cell::RefCell;
use std::io::{self, IsTerminal, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use imr_determination::Code;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use super::Options;
use super::inputs::{Input, ReadBuf};

/// Letters per chunk.
const CHUNK: usize = 512;

/// What became of one input: bytes for the outputs, and `data` for a command that gathers
/// something else from each letter (the report's counts), handed to [`run_with`]'s `take`.
#[derive(Debug, Default)]
pub struct Outcome<D = ()> {
    /// Bytes for standard output.
    pub out: Vec<u8>,
    /// Bytes for standard error.
    pub err: Vec<u8>,
    /// Whether the letter conforms, has warnings or errors, or could not be read.
    pub status: Status,
    /// The code of every diagnostic, for the summary.
    pub codes: Vec<Code>,
    /// Why the input could not be read (as on standard error, without the name).
    pub problem: Option<String>,
    /// What the command gathers from the letter besides bytes.
    pub data: D,
}

/// The state of one input.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// No diagnostic.
    #[default]
    Conforming,
    /// Warnings only.
    Warnings,
    /// At least one error.
    Errors,
    /// The input could not be read (an I/O problem).
    Unreadable,
}

impl<D: Default> Outcome<D> {
    /// Reads and parses one input and applies the lint levels (the allowed diagnostics are
    /// removed), then lets `fill` write the outcome of the letter (its status and codes are set
    /// already), given the input's display name and the parse. An input that cannot be read,
    /// or is larger than `--max-file-size`, gives [`Outcome::unreadable`].
    pub fn of_letter(
        input: &Input,
        opts: &Options,
        fill: impl FnOnce(&str, &imr_determination::Parsed<'_>, &mut Outcome<D>),
    ) -> Outcome<D> {
        let name = input.display_name();
        with_letter(input, opts.max_file_size, |letter| {
            let mut parsed = match letter {
                Ok(p) => p,
                Err(why) => return Outcome::unreadable(&name, &why),
            };
            opts.lints.apply(&mut parsed.diagnostics);
            let mut o = Outcome {
                status: super::check::status(&parsed, &opts.lints),
                codes: super::check::codes(&parsed),
                ..Outcome::default()
            };
            fill(&name, &parsed, &mut o);
            o
        })
    }

    /// An input that could not be read: `why` goes to standard error.
    pub fn unreadable(name: &str, why: &str) -> Self {
        Outcome {
            err: format!("imr: {name}: {why}\n").into_bytes(),
            status: Status::Unreadable,
            problem: Some(why.to_owned()),
            ..Outcome::default()
        }
    }
}

/// Reads one input (at most `limit` bytes) and parses it (a PDF's extracted text, or text in
/// UTF-8 or Windows-1252: see [`imr_determination::parse_file`]), then gives the parse to `f`,
/// or why the input could not be read. A file named `*.pdf` must be a PDF.
pub fn with_letter<R>(
    input: &Input,
    limit: u64,
    f: impl FnOnce(Result<imr_determination::Parsed<'_>, String>) -> R,
) -> R {
    thread_local! {
        // Each thread reads its letters into one buffer, and makes text into another, reused.
        static BUF: RefCell<(ReadBuf, String)> = RefCell::default();
    }
    BUF.with_borrow_mut(|(buf, text)| {
        let bytes = match input.read_into(buf, limit) {
            Ok(b) => b,
            Err(why) => return f(Err(why)),
        };
        if input.is_pdf() && !imr_determination::looks_like_pdf(bytes) {
            return f(Err(imr_determination::ReadError::NotAPdf.to_string()));
        }
        let r = f(imr_determination::parse_file(bytes, text).map_err(|e| e.to_string()));
        // A very large extracted text is not kept for the next letter.
        if text.capacity() > 4 << 20 {
            *text = String::new();
        }
        r
    })
}

/// Counts over a run, for the exit status and the summary.
#[derive(Debug, Default, Clone)]
pub struct Tally {
    /// Letters read.
    pub checked: usize,
    /// Letters with no diagnostic.
    pub conforming: usize,
    /// Letters with at least one error.
    pub with_errors: usize,
    /// Letters with warnings and no error.
    pub with_warnings: usize,
    /// Inputs that could not be read.
    pub unreadable: usize,
    /// Diagnostics by code, in the order each code was first reported.
    pub by_code: Vec<(Code, usize)>,
    /// Standard output was closed early (e.g. piped into `head`).
    pub stdout_closed: bool,
}

impl Tally {
    fn add<D>(&mut self, o: &Outcome<D>) {
        match o.status {
            Status::Unreadable => {
                self.unreadable += 1;
                return;
            }
            Status::Conforming => self.conforming += 1,
            Status::Warnings => self.with_warnings += 1,
            Status::Errors => self.with_errors += 1,
        }
        self.checked += 1;
        for &c in &o.codes {
            match self.by_code.iter_mut().find(|(k, _)| *k == c) {
                Some((_, n)) => *n += 1,
                None => self.by_code.push((c, 1)),
            }
        }
    }

    /// The exit status: 2 when an input could not be read, 1 when a letter has errors (or
    /// warnings, with `deny_warnings`), 0 otherwise.
    pub fn exit_code(&self, deny_warnings: bool) -> u8 {
        if self.unreadable > 0 {
            2
        } else if self.with_errors > 0 || (deny_warnings && self.with_warnings > 0) {
            1
        } else {
            0
        }
    }
}

/// How long a run goes on before its progress bar is shown: a quick run shows none.
const PROGRESS_DELAY: Duration = Duration::from_secs(1);

/// Runs `work` on every input in parallel and writes each outcome, in input order, to `out` and
/// standard error. `header` is written first. A progress bar is shown on standard error when
/// `progress` allows it, standard error is a terminal and the run lasts over a second. Stops
/// early, quietly, when `out` is closed.
pub fn run<F, W>(inputs: &[Input], header: &[u8], out: &mut W, progress: bool, work: F) -> Tally
where
    F: Fn(&Input) -> Outcome + Sync,
    W: Write,
{
    run_with(inputs, header, out, progress, work, drop)
}

/// [`run`], giving each outcome's `data` to `take`, in input order, as its bytes are written.
pub fn run_with<'i, F, W, D>(
    inputs: &'i [Input],
    header: &[u8],
    out: &mut W,
    progress: bool,
    work: F,
    mut take: impl FnMut(D),
) -> Tally
where
    F: Fn(&Input) -> Outcome<D> + Sync,
    W: Write,
    D: Send + Default,
{
    let mut tally = Tally::default();
    let bar = if progress && io::stderr().is_terminal() && std::env::var_os("CI").is_none() {
        progress_bar(inputs.len())
    } else {
        None
    };
    let guarded = |input: &Input| {
        let o = catch_unwind(AssertUnwindSafe(|| work(input))).unwrap_or_else(|_| {
            Outcome::unreadable(
                &input.display_name(),
                "internal error while processing this input (please report it)",
            )
        });
        if let Some(b) = &bar {
            b.inc(1);
        }
        o
    };
    let write_one = |o: &Outcome<D>, out: &mut W| -> io::Result<()> {
        if !o.err.is_empty() {
            out.flush()?;
            let _ = io::stderr().lock().write_all(&o.err);
        }
        out.write_all(&o.out)
    };
    let mut write_chunk = |outcomes: Vec<Outcome<D>>, tally: &mut Tally, out: &mut W| {
        let write_all = || -> io::Result<()> {
            for o in outcomes {
                tally.add(&o);
                write_one(&o, out)?;
                take(o.data);
            }
            out.flush()
        };
        match &bar {
            // The bar is cleared while a chunk is written, and drawn again after it: once per
            // chunk, not once per letter.
            Some(b) if !b.is_hidden() => b.suspend(write_all),
            _ => write_all(),
        }
    };

    let result = (|| -> io::Result<()> {
        out.write_all(header)?;
        std::thread::scope(|scope| -> io::Result<()> {
            let (finished, finished_rx) = mpsc::channel::<()>();
            if let Some(b) = &bar {
                scope.spawn(move || {
                    if finished_rx.recv_timeout(PROGRESS_DELAY) == Err(RecvTimeoutError::Timeout) {
                        b.set_draw_target(ProgressDrawTarget::stderr());
                        b.tick();
                    }
                });
            }
            let guarded = &guarded;
            let spawn = |chunk: &'i [Input]| {
                scope.spawn(move || chunk.par_iter().map(guarded).collect::<Vec<_>>())
            };
            let mut chunks = inputs.chunks(CHUNK);
            let mut pending = chunks.next().map(spawn);
            while let Some(done) = pending.take() {
                // Start on the next chunk while this one is written.
                pending = chunks.next().map(spawn);
                let outcomes = done.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
                write_chunk(outcomes, &mut tally, out)?;
            }
            drop(finished);
            Ok(())
        })?;
        out.flush()
    })();
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    if let Err(e) = result {
        tally.stdout_closed = true;
        if e.kind() != io::ErrorKind::BrokenPipe {
            let _ = writeln!(io::stderr(), "imr: cannot write the output: {e}");
            tally.unreadable += 1;
        }
    }
    tally
}

/// A progress bar on standard error, hidden until [`PROGRESS_DELAY`] has passed.
fn progress_bar(len: usize) -> Option<ProgressBar> {
    if len < 2 {
        return None;
    }
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::hidden());
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} letters  {elapsed} (eta {eta})")
    {
        bar.set_style(style);
    }
    Some(bar)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn output_keeps_input_order_across_chunks() {
        let inputs: Vec<Input> = (0..CHUNK * 2 + 7)
            .map(|i| Input::File(PathBuf::from(i.to_string())))
            .collect();
        let mut out = Vec::new();
        let tally = run(&inputs, b"h\n", &mut out, true, |i| Outcome {
            out: format!("{}\n", i.path()).into_bytes(),
            ..Outcome::default()
        });
        let want: String = std::iter::once("h".to_owned())
            .chain((0..inputs.len()).map(|i| i.to_string()))
            .map(|l| l + "\n")
            .collect();
        assert_eq!(String::from_utf8(out).unwrap(), want);
        assert_eq!(tally.checked, inputs.len());
        assert_eq!(tally.exit_code(true), 0);
    }

    #[test]
    fn a_panic_is_an_unreadable_input_not_a_crash() {
        let inputs = vec![Input::Stdin, Input::File(PathBuf::from("x"))];
        let mut out = Vec::new();
        let tally = run(&inputs, b"", &mut out, true, |i| {
            if *i == Input::Stdin {
                panic!("boom");
            }
            Outcome::default()
        });
        assert_eq!(tally.unreadable, 1);
        assert_eq!(tally.conforming, 1);
        assert_eq!(tally.exit_code(false), 2);
    }
}
