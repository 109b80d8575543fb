//! Parses the fixture letters (`tests/fixtures/{corpus,samples}`) over and over, one letter after
//! another, and prints the throughput. For instruction counts, which unlike wall-clock time are
//! stable on a shared machine, run a fixed number of rounds under callgrind:
//!
//! ```sh
//! cargo build --release --example throughput
//! ROUNDS=20 valgrind --tool=callgrind target/release/examples/throughput
//! ```
//!
//! and divide the instructions collected by 20 times the bytes per round it prints. With
//! `DIRS=a:b` the letters of those folders are read instead of the fixtures; with
//! `ONLY=text` only the letters whose path contains `text` are parsed; with
//! `JSON=1` each tree is also serialised with serde_json (to `io::sink()`), as `imr parse` does.

use std::time::Instant;

fn main() -> std::io::Result<()> {
    let mut texts = Vec::new();
    // DIRS=a:b reads the letters of other folders.
    let dirs = std::env::var("DIRS")
        .unwrap_or_else(|_| "tests/fixtures/corpus:tests/fixtures/samples".to_owned());
    for dir in dirs.split(':') {
        let mut paths: Vec<_> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        for p in paths {
            texts.push((p.display().to_string(), std::fs::read_to_string(&p)?));
        }
    }
    // ONLY=name keeps the letters whose file name contains `name`.
    if let Ok(only) = std::env::var("ONLY") {
        texts.retain(|(name, _)| name.contains(&only));
    }
    let texts: Vec<String> = texts.into_iter().map(|(_, t)| t).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    // A fixed number of rounds with ROUNDS=n, else as many as fit in three seconds.
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let json = std::env::var_os("JSON").is_some();
    let start = Instant::now();
    let (mut done, mut items) = (0, 0);
    while (rounds == 0 && start.elapsed().as_secs_f64() < 3.0) || done < rounds {
        for t in &texts {
            let parsed = imr_determination::parse(t);
            items += parsed.document.items.len();
            if json {
                serde_json::to_writer(std::io::sink(), &parsed.document)?;
            }
        }
        done += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{:.0} MB/s: {done} rounds of {} letters, {bytes} bytes per round ({items} items)",
        (bytes * done) as f64 / secs / 1e6,
        texts.len()
    );
    Ok(())
}
