//! Hostile PDFs (feature `pdf`): whatever the file, reading it gives a clear error or a parse
//! with diagnostics, within seconds, in bounded memory, and never a panic.
//!
//! The files made with qpdf (a letter locked with a real password, a PDF of blank pages, the
//! pages of 300 letters in one PDF) are in `tests/fixtures/pdf/`, made by its `make.sh`; the
//! others are made here from a published letter.
#![cfg(feature = "pdf")]

use common::Rng;
use std::time::{Duration, Instant};

use imr_determination::{Code, ReadError, parse_file};

mod common;
#[path = "../fuzz/src/lib.rs"]
mod fuzz_checks;

/// A published letter (AES-encrypted with the empty password).
const LETTER: &[u8] = include_bytes!("fixtures/corpus/CM16-0213037.pdf");

/// What became of a hostile file.
#[derive(Debug)]
enum Outcome {
    /// Not read, for this reason.
    Unreadable(ReadError),
    /// Read and parsed, with these diagnostic codes.
    Parsed(Vec<Code>),
}

/// Reads `bytes` as the command does, in at most `limit`, checking the parse's invariants.
fn read(bytes: &[u8], limit: Duration) -> Outcome {
    let start = Instant::now();
    let mut text = String::new();
    let outcome = match parse_file(bytes, &mut text) {
        Err(e) => Outcome::Unreadable(e),
        Ok(parsed) => {
            fuzz_checks::check(&parsed);
            Outcome::Parsed(parsed.diagnostics.iter().map(|d| d.code()).collect())
        }
    };
    let took = start.elapsed();
    assert!(took < limit, "took {took:?}: {outcome:?}");
    outcome
}

/// The peak resident memory of this process, in MB (Linux; `None` elsewhere).
fn peak_rss_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/pdf/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture")
}

const SECONDS: Duration = Duration::from_secs(5);

/// Every hostile file in one test, so that the peak memory measured is theirs.
#[test]
fn hostile_pdfs_give_a_clear_error_or_diagnostic() {
    // The letter itself reads.
    assert!(matches!(read(LETTER, SECONDS), Outcome::Parsed(c) if c.is_empty()));

    // Empty, and a header only: not a PDF, and a damaged one.
    assert!(matches!(read(b"", SECONDS), Outcome::Parsed(c) if c == [Code::EmptyInput]));
    assert!(matches!(
        imr_determination::pdf::extract_text(b""),
        Err(ReadError::NotAPdf)
    ));
    assert!(matches!(
        read(b"%PDF-1.6\n", SECONDS),
        Outcome::Unreadable(ReadError::Damaged(_))
    ));
    assert!(matches!(
        read(&LETTER[..1024], SECONDS),
        Outcome::Unreadable(ReadError::Damaged(_))
    ));

    // Truncated halfway and at the tail (the cross-reference table and trailer cut off).
    for cut in [LETTER.len() / 2, LETTER.len() - 40, LETTER.len() - 1] {
        match read(&LETTER[..cut], SECONDS) {
            Outcome::Unreadable(ReadError::Damaged(_)) => {}
            // lopdf may rebuild what it needs from the objects left.
            Outcome::Parsed(_) => {}
            other => panic!("cut at {cut}: {other:?}"),
        }
    }

    // Random bytes, with and without a PDF header.
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for round in 0..50 {
        let len = rng.below(40_000);
        let mut bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        if round % 2 == 0 {
            bytes.splice(0..0, *b"%PDF-1.6\n");
        }
        let _ = read(&bytes, SECONDS);
    }

    // A few hundred random byte flips in the letter, twenty times over.
    let mut parsed = 0;
    for _ in 0..20 {
        let mut bytes = LETTER.to_vec();
        for _ in 0..300 {
            let at = rng.below(bytes.len());
            bytes[at] ^= 1 << rng.below(8);
        }
        if matches!(read(&bytes, SECONDS), Outcome::Parsed(_)) {
            parsed += 1;
        }
    }
    eprintln!("{parsed} of 20 flipped letters were read");

    // The letter's text saved as `.pdf`: text, read as text (the command, which knows the
    // name, reports it as not a PDF; see tests/cli.rs).
    let text = include_bytes!("fixtures/corpus/CM16-0213037.pypdf.txt");
    assert!(matches!(read(text, SECONDS), Outcome::Parsed(c) if c.is_empty()));

    // Locked with a real password.
    assert!(matches!(
        read(&fixture("password.pdf"), SECONDS),
        Outcome::Unreadable(ReadError::Password)
    ));

    // A page without a MediaBox makes the reader panic: caught, the file's error.
    assert!(matches!(
        read(&fixture("no_mediabox.pdf"), SECONDS),
        Outcome::Unreadable(ReadError::ReaderFailed(_))
    ));

    // Blank pages: no text layer.
    assert!(matches!(
        read(&fixture("blank_pages.pdf"), SECONDS),
        Outcome::Parsed(c) if c == [Code::NoTextLayer]
    ));

    // The pages of 300 letters in one PDF: one letter with repeated sections, reported.
    match read(&fixture("merged_300.pdf"), Duration::from_secs(30)) {
        Outcome::Parsed(c) => {
            assert!(c.contains(&Code::SectionOrder), "{c:?}");
            assert!(c.len() <= imr_determination::MAX_DIAGNOSTICS + 1);
        }
        other => panic!("merged: {other:?}"),
    }

    if let Some(mb) = peak_rss_mb() {
        eprintln!("peak memory: {mb} MB");
        assert!(mb < 500, "peak memory {mb} MB");
    }
}
