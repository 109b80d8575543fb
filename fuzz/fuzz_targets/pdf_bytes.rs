//! Arbitrary bytes (seeded with the published PDFs) into `parse_file`, as the command reads a
//! file: a PDF's text is extracted and parsed, other bytes are decoded as text. No panic escapes
//! (one inside the PDF reader is caught and is the file's error), and a parse keeps the
//! invariants of `parse_bytes`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // A panic inside the PDF reader is caught and reported by `extract_text`; without this,
    // libFuzzer's own hook would abort on it before it is caught. Every other panic aborts.
    imr_determination::pdf::quiet_panics();
    let mut text = String::new();
    if let Ok(parsed) = imr_determination::parse_file(data, &mut text) {
        imr_determination_fuzz::check(&parsed);
    }
});
