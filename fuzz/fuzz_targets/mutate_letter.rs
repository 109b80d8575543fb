//! Mutates a real letter with insertions, deletions and line swaps driven by the fuzzer's
//! bytes, so the fuzzer explores near-valid letters (where the recovery code lives), then
//! parses it and checks the invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;

const SEEDS: &[&str] = &[
    include_str!("../../tests/fixtures/corpus/CM16-0213037.pypdf.txt"),
    include_str!("../../tests/fixtures/corpus/CM16-0234464.pdftotext.txt"),
    include_str!("../../tests/fixtures/corpus/CM17-0010420.pypdf.txt"),
    include_str!("../../tests/fixtures/samples/000_c4fc68c783e212d6.txt"),
    include_str!("../../tests/fixtures/samples/001_dde99a525ef75185.txt"),
    include_str!("../../tests/fixtures/variants/crlf.txt"),
    include_str!("../../tests/fixtures/variants/wrapped_header.txt"),
    include_str!("../../tests/fixtures/variants/modified_request_page_break.txt"),
    include_str!("../../tests/fixtures/invalid/decision_rationale_mismatch.txt"),
    include_str!("../../tests/fixtures/invalid/missing_credentials.txt"),
];

/// Pieces of the layout to insert: headings, labels, decisions, citation markers, line ends.
const TOKENS: &[&str] = &[
    "HOW THE IMR FINAL DETERMINATION WAS MADE\n",
    "CLINICAL CASE SUMMARY\n",
    "IMR ISSUES, DECISIONS AND RATIONALES\n",
    "Claims Administrator guideline: ",
    "MAXIMUS guideline: ",
    "Decision rationale: ",
    ": Upheld\n",
    ": Overturned\n",
    "Decision based on MTUS ",
    "Decision based on Non-MTUS Citation ",
    "Section(s): ",
    "Page(s): ",
    "Chapter: ",
    "(updated 03/25/15) ",
    "pages 12-14 ",
    ", and Shoulder Complaints 2004",
    "was the original request. ",
    "was authorized by the Claims Administrator. ",
    "The remaining IMR eligible portion of the original request, ",
    "The Claims Administrator authorized ",
    "Case Number: ",
    "State(s) of Licensure: ",
    "Certification(s)/Specialty: ",
    "is not medically necessary. ",
    "\n",
    " \n",
    "\n\n\n",
    "\r\n",
    "\u{c}",
    ":",
    ",",
    "\u{301}",
    "\u{202e}",
    "\u{feff}",
];

struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(b)
    }
    fn num(&mut self) -> Option<usize> {
        Some(usize::from(self.byte()?) << 8 | usize::from(self.byte()?))
    }
}

/// The char boundary at or before `at`.
fn floor(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A position in `s` chosen by a 16-bit number: scaled to the text's length.
fn pos(s: &str, n: usize) -> usize {
    floor(s, n * s.len() / 0xffff)
}

fn mutate(text: &mut String, data: &mut Bytes<'_>) -> Option<()> {
    match data.byte()? % 7 {
        // Insert a layout token.
        0 => {
            let at = pos(text, data.num()?);
            let t = TOKENS[usize::from(data.byte()?) % TOKENS.len()];
            text.insert_str(at, t);
        }
        // Insert raw bytes (made UTF-8).
        1 => {
            let at = pos(text, data.num()?);
            let len = usize::from(data.byte()? % 16);
            let take = len.min(data.0.len());
            let raw = String::from_utf8_lossy(&data.0[..take]).into_owned();
            data.0 = &data.0[take..];
            text.insert_str(at, &raw);
        }
        // Delete a range.
        2 => {
            let a = pos(text, data.num()?);
            let b = floor(text, a + usize::from(data.byte()?) * 4);
            text.replace_range(a..b, "");
        }
        // Swap two lines.
        3 | 4 => {
            let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
            if lines.len() > 1 {
                let n = lines.len();
                let i = data.num()? % n;
                let j = data.num()? % n;
                lines.swap(i, j);
            }
            *text = lines.concat();
        }
        // Misspell: replace the first ASCII letter at or after a place by another, so that
        // headings, labels and fixed sentences come out a few edits wrong.
        5 => {
            let at = pos(text, data.num()?);
            if let Some(k) = text[at..].bytes().position(|b| b.is_ascii_alphabetic()) {
                let by = char::from(b'a' + data.byte()? % 26).to_string();
                text.replace_range(at + k..at + k + 1, &by);
            }
        }
        // Duplicate a line.
        _ => {
            let lines: Vec<&str> = text.split_inclusive('\n').collect();
            if !lines.is_empty() {
                let i = data.num()? % lines.len();
                let line = lines[i].to_string();
                let at = lines[..i].iter().map(|l| l.len()).sum();
                text.insert_str(at, &line);
            }
        }
    }
    Some(())
}

/// The most bytes a mutated letter may grow to. Without a bound, duplicating the only line of a
/// letter whose line feeds were deleted doubles it at every step: 64 steps gave 134 MB inputs,
/// which the parser handled (2 s in release) but which made the fuzzer report slow units and
/// run out of memory.
const MAX_TEXT: usize = 1 << 18;

fuzz_target!(|data: &[u8]| {
    let mut data = Bytes(data);
    let Some(which) = data.byte() else { return };
    let mut text = SEEDS[usize::from(which) % SEEDS.len()].to_string();
    for _ in 0..64 {
        if text.len() > MAX_TEXT || mutate(&mut text, &mut data).is_none() {
            break;
        }
    }
    // `MUTATE_DUMP=path` writes the mutated letter there instead of parsing it, to reproduce an
    // artifact with the main crate (e.g. `cargo run --release --example scaling -- --file=path`).
    if let Some(path) = std::env::var_os("MUTATE_DUMP") {
        std::fs::write(path, &text).unwrap();
        return;
    }
    let parsed = imr_determination::parse(&text);
    imr_determination_fuzz::check(&parsed);
});
