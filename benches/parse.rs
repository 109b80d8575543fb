//! Parser benchmarks (issue 5, and the linear-cost check of issue 4), with [divan].
//!
//! ```sh
//! cargo bench --bench parse                  # everything, a few minutes on 2 cores
//! cargo bench --bench parse -- scaling       # only the benches whose path contains `scaling`
//! cargo bench --bench parse -- --help
//! ```
//!
//! Every bench counts the bytes of its input, so divan reports throughput (the median's MB/s is
//! the figure quoted in README.md).
//!
//! - `fixture`: `parse` of each letter of `tests/fixtures/corpus` and `tests/fixtures/samples`,
//!   and `all_fixtures`: of all of them in one go.
//! - `large_letter`: `parse` of a letter whose first item block is repeated to 2,000 items.
//! - `tree_vs_json`: the cost of building the tree (`parse`) and of serialising an already built
//!   tree (`serde_json::to_writer(io::sink(), &document)`) measured separately, then both.
//! - `scaling`: pairs of inputs ten times apart in size; cost should grow about 10x (linear),
//!   i.e. the MB/s of the two sizes should be about equal. A clearly lower MB/s for the larger
//!   size means a super-linear path (backtracking over the rest of the input, quadratic joins).
//!   - `items`: a letter with 2,000 vs 20,000 items;
//!   - `long_line`: a 1 MB vs 10 MB line without newlines (a letter's words, joined by spaces);
//!     no section heading, so this measures how fast such an input is rejected;
//!   - `long_rationale`: a valid letter whose first rationale has a 1 MB vs 10 MB line;
//!   - `blank_lines`: 200,000 vs 2,000,000 blank lines.

use std::hint::black_box;
use std::path::Path;
use std::sync::LazyLock;

use divan::Bencher;
use divan::counter::BytesCount;

fn main() {
    divan::main();
}

/// A fixture letter: its name (`corpus/…` or `samples/…`) and text.
struct Fixture {
    name: String,
    text: String,
}

/// The fixture letters, read once when the first bench needs them.
static FIXTURES: LazyLock<Vec<Fixture>> = LazyLock::new(|| {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut fixtures = Vec::new();
    for dir in ["corpus", "samples"] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(dir))
            .expect("fixture folder")
            .map(|entry| entry.expect("fixture entry").path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
            .collect();
        paths.sort();
        for path in paths {
            let name = format!("{dir}/{}", path.file_name().unwrap().to_string_lossy());
            let text = std::fs::read_to_string(&path).expect("fixture text");
            fixtures.push(Fixture { name, text });
        }
    }
    assert!(!fixtures.is_empty(), "no fixture letters found");
    fixtures
});

fn fixture_names() -> impl Iterator<Item = &'static str> {
    FIXTURES.iter().map(|f| f.name.as_str())
}

fn fixture_text(name: &str) -> &'static str {
    &FIXTURES
        .iter()
        .find(|f| f.name == name)
        .expect("fixture")
        .text
}

fn total_bytes() -> usize {
    FIXTURES.iter().map(|f| f.text.len()).sum()
}

/// The letter whose item block is repeated for the large letters.
const BASE_LETTER: &str = "corpus/CM16-0213037.pypdf.txt";

/// Whether `line` is an item header (`TREATMENT: Upheld` / `TREATMENT: Overturned`).
fn is_item_header(line: &str) -> bool {
    let line = line.trim_end();
    line.contains(':') && (line.ends_with("Upheld") || line.ends_with("Overturned"))
}

/// The base letter with its first item block repeated so that it has `items` items; the parse
/// is checked once (right item count, no errors) so the bench measures what it says.
fn letter_with_items(items: usize) -> String {
    let text = fixture_text(BASE_LETTER);
    let mut headers = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if is_item_header(line) {
            headers.push(offset);
        }
        offset += line.len();
    }
    assert!(headers.len() >= 2, "the base letter needs two items");
    let (first, second) = (headers[0], headers[1]);
    let existing = headers.len();
    assert!(items >= existing);
    let block = &text[first..second];
    let mut out = String::with_capacity(text.len() + block.len() * (items - existing));
    out.push_str(&text[..second]);
    for _ in existing..items {
        out.push_str(block);
    }
    out.push_str(&text[second..]);
    let parsed = imr_determination::parse(&out);
    assert_eq!(
        parsed.document.items.len(),
        items,
        "large letter item count"
    );
    assert!(!parsed.has_errors(), "large letter has errors");
    out
}

/// A line of `bytes` bytes (rounded down to a whole word) without newlines: the base letter's
/// words joined by single spaces, repeated.
fn long_line(bytes: usize) -> String {
    let words: Vec<&str> = fixture_text(BASE_LETTER).split_whitespace().collect();
    let mut out = String::with_capacity(bytes);
    'fill: loop {
        for word in &words {
            if out.len() + word.len() + 1 > bytes {
                break 'fill;
            }
            out.push_str(word);
            out.push(' ');
        }
    }
    out
}

/// The base letter with a line of about `bytes` bytes appended to its first rationale; the parse
/// is checked once (no errors, the rationale holds the line).
fn long_rationale(bytes: usize) -> String {
    let text = fixture_text(BASE_LETTER);
    let label = "Decision rationale: ";
    let at = text.find(label).expect("a rationale") + label.len();
    let line = long_line(bytes);
    let out = format!("{}{line}{}", &text[..at], &text[at..]);
    let parsed = imr_determination::parse(&out);
    assert!(!parsed.has_errors(), "long rationale letter has errors");
    let rationale = parsed.document.items[0]
        .rationale
        .as_ref()
        .expect("rationale");
    assert!(
        rationale.text().len() > bytes / 2,
        "the line is not in the rationale"
    );
    out
}

/// `parse` of each fixture letter.
#[divan::bench(args = fixture_names(), sample_count = 50)]
fn fixture(bencher: Bencher, name: &str) {
    let text = fixture_text(name);
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| imr_determination::parse(black_box(text)));
}

/// `parse` of all fixture letters, one after another (the tree of each is dropped in the loop).
#[divan::bench(sample_count = 50)]
fn all_fixtures(bencher: Bencher) {
    let fixtures = &*FIXTURES;
    bencher.counter(BytesCount::new(total_bytes())).bench(|| {
        for f in fixtures {
            black_box(imr_determination::parse(black_box(&f.text)));
        }
    });
}

/// `parse` of a letter with 2,000 items (about 5 MB).
#[divan::bench(sample_count = 20)]
fn large_letter(bencher: Bencher) {
    let text = letter_with_items(2_000);
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| imr_determination::parse(black_box(&text)));
}

/// Tree building and JSON serialisation, separately and together, over all fixture letters.
mod tree_vs_json {
    use super::*;

    /// `parse` alone (same as `all_fixtures`, repeated here for a side-by-side reading).
    #[divan::bench(sample_count = 50)]
    fn parse_only(bencher: Bencher) {
        let fixtures = &*FIXTURES;
        bencher.counter(BytesCount::new(total_bytes())).bench(|| {
            for f in fixtures {
                black_box(imr_determination::parse(black_box(&f.text)));
            }
        });
    }

    /// `serde_json::to_writer(io::sink(), &document)` of trees parsed beforehand; throughput is
    /// counted in bytes of letter text, so it compares directly with `parse_only`.
    #[divan::bench(sample_count = 50)]
    fn serialize_only(bencher: Bencher) {
        let parsed: Vec<_> = FIXTURES
            .iter()
            .map(|f| imr_determination::parse(&f.text))
            .collect();
        bencher.counter(BytesCount::new(total_bytes())).bench(|| {
            for p in &parsed {
                serde_json::to_writer(std::io::sink(), black_box(&p.document)).unwrap();
            }
        });
    }

    /// Both, as `imr parse --format jsonl` does per letter (without the file I/O).
    #[divan::bench(sample_count = 50)]
    fn parse_and_serialize(bencher: Bencher) {
        let fixtures = &*FIXTURES;
        bencher.counter(BytesCount::new(total_bytes())).bench(|| {
            for f in fixtures {
                let parsed = imr_determination::parse(black_box(&f.text));
                serde_json::to_writer(std::io::sink(), &parsed.document).unwrap();
            }
        });
    }

    /// `serde_json::to_writer` of the 2,000-item letter's tree.
    #[divan::bench(sample_count = 20)]
    fn serialize_large_letter(bencher: Bencher) {
        let text = letter_with_items(2_000);
        let parsed = imr_determination::parse(&text);
        bencher
            .counter(BytesCount::of_str(&text))
            .bench(|| serde_json::to_writer(std::io::sink(), black_box(&parsed.document)).unwrap());
    }
}

/// Linear cost (issue 4): each pair of inputs is ten times apart in size, so the time should grow
/// about 10x and the MB/s stay about the same.
mod scaling {
    use super::*;

    /// A letter with 2,000 vs 20,000 items (about 5 MB vs 50 MB).
    #[divan::bench(args = [2_000, 20_000], sample_count = 10)]
    fn items(bencher: Bencher, items: usize) {
        let text = letter_with_items(items);
        bencher
            .counter(BytesCount::of_str(&text))
            .bench(|| imr_determination::parse(black_box(&text)));
    }

    /// One line of 1 MB vs 10 MB, no newline.
    #[divan::bench(args = [1_000_000, 10_000_000], sample_count = 10)]
    fn long_line(bencher: Bencher, bytes: usize) {
        let text = super::long_line(bytes);
        bencher
            .counter(BytesCount::of_str(&text))
            .bench(|| imr_determination::parse(black_box(&text)));
    }

    /// The base letter with a 1 MB vs 10 MB line (no newline) appended to its first item's
    /// rationale: a long line that the parser must read through, not reject up front.
    #[divan::bench(args = [1_000_000, 10_000_000], sample_count = 10)]
    fn long_rationale(bencher: Bencher, bytes: usize) {
        let text = super::long_rationale(bytes);
        bencher
            .counter(BytesCount::of_str(&text))
            .bench(|| imr_determination::parse(black_box(&text)));
    }

    /// 200,000 vs 2,000,000 blank lines (`\n` only).
    #[divan::bench(args = [200_000, 2_000_000], sample_count = 10)]
    fn blank_lines(bencher: Bencher, lines: usize) {
        let text = "\n".repeat(lines);
        bencher
            .counter(BytesCount::of_str(&text))
            .bench(|| imr_determination::parse(black_box(&text)));
    }
}
