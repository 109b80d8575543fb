//! Integration tests of the `imr` command: every subcommand, format, flag and exit status,
//! standard input, mixed and hostile folders, missing, unreadable and oversized inputs, colour,
//! the progress bar on a terminal, completions and the manual page.
#![cfg(feature = "cli")]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const GOOD: &str = "tests/fixtures/corpus/CM16-0213037.pypdf.txt";
const SAMPLE: &str = "tests/fixtures/samples/000_c4fc68c783e212d6.txt";
const BAD: &str = "tests/fixtures/invalid/unknown_decision.txt";
const WARN: &str = "tests/fixtures/invalid/decision_rationale_mismatch.txt";

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `imr` with `args`, feeding `stdin`, without colour or CI-dependent behaviour.
fn imr_with(args: &[&str], stdin: &[u8]) -> Out {
    imr_env(args, stdin, &[])
}

/// Runs `imr` as [`imr_with`] does, with `NO_COLOR=1` and no `CLICOLOR_FORCE` unless `env`
/// sets (`Some`) or removes (`None`) them.
fn imr_env(args: &[&str], stdin: &[u8], env: &[(&str, Option<&str>)]) -> Out {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_imr"));
    cmd.args(args)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE");
    for (name, value) in env {
        match value {
            Some(v) => cmd.env(name, v),
            None => cmd.env_remove(name),
        };
    }
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("imr runs");
    let mut input = child.stdin.take().expect("stdin");
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().expect("imr finishes");
    writer.join().expect("stdin writer");
    Out {
        code: out.status.code().expect("exit status, not a signal"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

fn imr(args: &[&str]) -> Out {
    imr_with(args, b"")
}

fn snapshot(name: &str, value: &str) {
    insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!(name, value);
    });
}

fn json_lines(s: &str) -> Vec<serde_json::Value> {
    s.lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

/// A fresh folder under the system's temporary folder.
fn temp_dir(name: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let dir = std::env::temp_dir().join(format!(
        "imr-cli-test-{name}-{}-{nanos}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// A folder mixing a good letter, a malformed one, an empty file, a binary file, a file with NUL
/// bytes in a subfolder, and a non-`.txt` file that must be skipped.
fn mixed_folder(name: &str) -> PathBuf {
    let dir = temp_dir(name);
    std::fs::copy(GOOD, dir.join("a_good.txt")).expect("copy");
    std::fs::copy(BAD, dir.join("b_malformed.txt")).expect("copy");
    std::fs::write(dir.join("c_empty.txt"), b"").expect("write");
    let binary: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 256) as u8).collect();
    std::fs::write(dir.join("d_binary.txt"), binary).expect("write");
    std::fs::create_dir(dir.join("sub")).expect("mkdir");
    std::fs::write(dir.join("sub/e_nul.txt"), b"a\0b\0\x01\x02 hello\n").expect("write");
    std::fs::write(dir.join("notes.md"), b"not a letter").expect("write");
    dir
}

fn rel(dir: &Path, out: &str) -> String {
    out.replace(&dir.display().to_string(), "[DIR]")
}

// ---- help and usage -------------------------------------------------------------------------

#[test]
fn help_shows_examples_for_every_command() {
    let top = imr(&["--help"]);
    assert_eq!(top.code, 0);
    assert!(top.stdout.contains("Examples:"), "{}", top.stdout);
    for cmd in ["parse", "check", "export", "normalize"] {
        let o = imr(&[cmd, "--help"]);
        assert_eq!(o.code, 0, "{cmd}");
        assert!(o.stdout.contains("Examples:"), "{cmd}: {}", o.stdout);
        assert!(
            o.stdout.contains(&format!("imr {cmd} ")),
            "{cmd}: {}",
            o.stdout
        );
    }
    assert_eq!(imr(&["--version"]).code, 0);
}

#[test]
fn usage_problems_exit_2() {
    for args in [
        &[][..],
        &["check"][..],
        &["frobnicate", GOOD][..],
        &["check", "--format", "xml", GOOD][..],
        &["normalize", GOOD, SAMPLE][..],
    ] {
        let o = imr(args);
        assert_eq!(o.code, 2, "{args:?}: {}", o.stderr);
        assert!(o.stdout.is_empty(), "{args:?}");
        assert!(!o.stderr.is_empty(), "{args:?}");
    }
}

// ---- check ----------------------------------------------------------------------------------

#[test]
fn check_bundled_letters_exits_0() {
    let o = imr(&["check", "tests/fixtures/corpus", "tests/fixtures/samples"]);
    assert_eq!(o.code, 0, "{}{}", o.stdout, o.stderr);
    // The corpus folder holds each of its 25 letters as two text extractions and, read with
    // the `pdf` feature, as the published PDF.
    let letters = if cfg!(feature = "pdf") { 80 } else { 55 };
    assert_eq!(
        o.stdout,
        format!(
            "{letters} letters checked: {letters} conforming, 0 with errors, 0 with warnings\n"
        )
    );
    assert!(
        o.stderr.is_empty(),
        "no progress bar on pipes: {}",
        o.stderr
    );
}

#[test]
fn check_human_renders_every_diagnostic_and_a_summary() {
    let o = imr(&["check", "tests/fixtures/invalid"]);
    assert_eq!(o.code, 1);
    assert!(o.stderr.is_empty(), "{}", o.stderr);
    assert!(
        !o.stdout.contains('\u{1b}'),
        "no colour when not a terminal"
    );
    snapshot("cli_check_human_invalid", &o.stdout);
}

#[test]
fn check_json_one_line_per_input() {
    let o = imr(&["check", "--format", "json", "tests/fixtures/invalid", GOOD]);
    assert_eq!(o.code, 1);
    let lines = json_lines(&o.stdout);
    assert_eq!(lines.len(), 27);
    for line in &lines {
        let path = line["path"].as_str().expect("path");
        let stem = Path::new(path)
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("stem");
        let codes: Vec<&str> = line["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .map(|d| d["code"].as_str().expect("code"))
            .collect();
        if path == GOOD {
            assert!(codes.is_empty());
        } else if ![
            "empty_whitespace",
            "three_problems",
            "misspelt_heading_and_label",
        ]
        .contains(&stem)
            && !stem.starts_with("unsupported_layout")
        {
            assert_eq!(codes, [format!("imr::{stem}")], "{path}");
        }
    }
    snapshot("cli_check_json_invalid", &o.stdout);
}

#[test]
fn warnings_pass_unless_denied() {
    let o = imr(&["check", WARN]);
    assert_eq!(o.code, 0);
    assert!(o.stdout.contains("imr::decision_rationale_mismatch"));
    assert!(o.stdout.ends_with(
        "1 letter checked: 0 conforming, 0 with errors, 1 with warnings \
         (imr::decision_rationale_mismatch: 1)\n"
    ));
    assert_eq!(imr(&["check", "--deny-warnings", WARN]).code, 1);
    assert_eq!(imr(&["check", "--deny-warnings", GOOD]).code, 0);
    assert_eq!(imr(&["check", "--format", "json", WARN]).code, 0);
}

#[test]
fn missing_file_exits_2_and_the_rest_is_processed() {
    let o = imr(&["check", GOOD, "no/such/letter.txt", SAMPLE]);
    assert_eq!(o.code, 2);
    assert_eq!(
        o.stderr,
        "imr: no/such/letter.txt: no such file or directory\n"
    );
    assert_eq!(
        o.stdout,
        "2 letters checked: 2 conforming, 0 with errors, 0 with warnings, \
         1 input could not be read\n"
    );
    // An I/O problem outranks letters with errors.
    assert_eq!(imr(&["check", BAD, "no/such/letter.txt"]).code, 2);
    let o = imr(&["check", "--format", "json", "no/such/letter.txt", GOOD]);
    assert_eq!(o.code, 2);
    assert_eq!(json_lines(&o.stdout).len(), 1);
}

#[test]
fn stdin_is_read_with_dash() {
    let letter = std::fs::read(BAD).expect("fixture");
    let o = imr_with(&["check", "-"], &letter);
    assert_eq!(o.code, 1);
    assert!(o.stdout.contains("<stdin>:50:45"), "{}", o.stdout);
    let o = imr_with(&["check", "--format", "json", "-"], &letter);
    assert_eq!(json_lines(&o.stdout)[0]["path"], "-");
    let good = std::fs::read(GOOD).expect("fixture");
    assert_eq!(imr_with(&["check", "-"], &good).code, 0);
    // Standard input twice is a usage problem for the second.
    let o = imr_with(&["check", "-", "-"], &good);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("only be read once"));
}

#[test]
fn invalid_utf8_is_a_diagnostic() {
    let o = imr(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/invalid/invalid_utf8.txt",
    ]);
    assert_eq!(o.code, 1);
    let d = &json_lines(&o.stdout)[0]["diagnostics"][0];
    assert_eq!(d["code"], "imr::invalid_utf8");
    assert_eq!(d["labels"][0]["span"]["start"], 1767);
    // 0x81 is not text in Windows-1252 either.
    let o = imr_with(&["check", "-"], b"Physical therapy \x81 page 98\n");
    assert_eq!(o.code, 1);
    assert!(o.stdout.contains("imr::invalid_utf8"));
}

/// Windows-1252 text (a lone 0x96 for an en dash) is read as such, with a warning on that
/// byte; `imr text` shows the decoded text the spans point into.
#[test]
fn windows_1252_text_is_decoded_with_a_warning() {
    let path = "tests/fixtures/invalid/legacy_encoding.txt";
    let o = imr(&["check", "--format", "json", path]);
    assert_eq!(o.code, 0, "a warning only: {}", o.stderr);
    let d = &json_lines(&o.stdout)[0]["diagnostics"][0];
    assert_eq!(d["code"], "imr::legacy_encoding");
    assert_eq!(d["severity"], "warning");
    let span = &d["labels"][0]["span"];
    assert_eq!(
        (span["start"].clone(), span["end"].clone()),
        (1767.into(), 1770.into())
    );
    let text = imr(&["text", path]);
    assert_eq!(text.code, 0);
    assert_eq!(&text.stdout[1767..1770], "\u{2013}");
    let bytes = std::fs::read(path).expect("fixture");
    assert_eq!(
        text.stdout.replace('\u{2013}', "\u{96}").chars().count(),
        bytes.len()
    );
    // The tree is that of the letter with a UTF-8 en dash.
    let parsed = imr(&["parse", path]);
    let want = imr_with(&["parse", "-"], text.stdout.as_bytes());
    assert_eq!(parsed.stdout, want.stdout);
}

#[test]
fn a_mixed_folder() {
    let dir = mixed_folder("mixed");
    let d = dir.display().to_string();
    let o = imr(&["check", "--format", "json", &d]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    let lines = json_lines(&o.stdout);
    let summary: Vec<(String, Vec<String>)> = lines
        .iter()
        .map(|l| {
            let path = rel(&dir, l["path"].as_str().unwrap_or_default());
            let codes = l["diagnostics"]
                .as_array()
                .map(|a| a.iter().map(|d| d["code"].to_string()).collect())
                .unwrap_or_default();
            (path, codes)
        })
        .collect();
    assert_eq!(
        format!("{summary:#?}"),
        format!(
            "{:#?}",
            [
                ("[DIR]/a_good.txt", vec![]),
                ("[DIR]/b_malformed.txt", vec!["\"imr::unknown_decision\""]),
                ("[DIR]/c_empty.txt", vec!["\"imr::empty_input\""]),
                ("[DIR]/d_binary.txt", vec!["\"imr::invalid_utf8\""]),
                ("[DIR]/sub/e_nul.txt", vec!["\"imr::not_a_determination\""]),
            ]
            .map(|(p, c)| (
                p.to_owned(),
                c.into_iter().map(str::to_owned).collect::<Vec<_>>()
            ))
        )
    );

    let o = imr(&["check", &d]);
    assert_eq!(o.code, 1);
    // The codes in the order the reports showed them.
    assert!(o.stdout.ends_with(
        "5 letters checked: 1 conforming, 4 with errors, 0 with warnings \
         (imr::unknown_decision: 1, imr::empty_input: 1, imr::invalid_utf8: 1, \
         imr::not_a_determination: 1)\n"
    ));
    // Binary files (a NUL byte) are reported without their text: no control bytes and no
    // replacement characters reach the terminal.
    assert!(
        o.stdout
            .chars()
            .all(|c| c == '\n' || !(c.is_control() || c == '\u{fffd}')),
        "binary content is not echoed: {}",
        o.stdout
    );
    assert_eq!(o.stdout.matches("(binary").count(), 2, "{}", o.stdout);

    let missing = dir.join("gone.txt").display().to_string();
    let o = imr(&["check", &d, &missing]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("gone.txt: no such file or directory"));

    let o = imr(&["export", &d]);
    assert_eq!(o.code, 1);
    assert_eq!(
        o.stdout.lines().count(),
        1 + 2,
        "header and the good letter's two items"
    );
    assert!(
        o.stderr
            .contains("b_malformed.txt: has errors; no rows exported")
    );

    let o = imr(&["parse", &d]);
    assert_eq!(o.code, 1);
    let lines = json_lines(&o.stdout);
    assert_eq!(lines.len(), 5);
    assert!(lines[0]["document"].is_object());
    assert!(lines[0].get("diagnostics").is_none());
    assert!(lines[1]["document"].is_null());
    assert_eq!(lines[1]["diagnostics"][0]["code"], "imr::unknown_decision");
    let _ = std::fs::remove_dir_all(&dir);
}

// ---- parse ----------------------------------------------------------------------------------

#[test]
fn parse_single_prints_the_document() {
    let o = imr(&["parse", GOOD]);
    assert_eq!(o.code, 0);
    let doc: serde_json::Value = serde_json::from_str(&o.stdout).expect("JSON");
    assert_eq!(doc["case_header"]["case_number"]["text"], "CM16-0213037");
    assert_eq!(
        doc["items"][0]["treatment"]["text"],
        "MRI of the right shoulder without contrast"
    );
    assert_eq!(doc["items"][0]["decision"]["value"], "upheld");
    // The same as the library's serialisation.
    let text = std::fs::read_to_string(GOOD).expect("fixture");
    let lib = serde_json::to_value(&imr_determination::parse(&text).document).expect("ser");
    assert_eq!(doc, lib);
    // From standard input too.
    let o = imr_with(&["parse", "-"], text.as_bytes());
    assert_eq!(o.code, 0);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&o.stdout).expect("JSON"),
        lib
    );
}

#[test]
fn parse_json_with_errors_reports_on_stderr() {
    let o = imr(&["parse", BAD]);
    assert_eq!(o.code, 1);
    assert!(o.stdout.is_empty());
    assert!(o.stderr.contains("imr::unknown_decision"), "{}", o.stderr);
}

#[test]
fn parse_jsonl_one_line_per_input() {
    let o = imr(&["parse", GOOD, BAD, WARN]);
    assert_eq!(o.code, 1);
    let lines = json_lines(&o.stdout);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["path"], GOOD);
    assert!(lines[0]["document"]["items"].is_array());
    assert!(lines[1]["document"].is_null());
    assert_eq!(lines[1]["diagnostics"][0]["severity"], "error");
    assert!(
        lines[2]["document"].is_object(),
        "warnings keep the document"
    );
    assert_eq!(lines[2]["diagnostics"][0]["severity"], "warning");
    let o = imr(&["parse", "--format", "jsonl", GOOD]);
    assert_eq!(o.code, 0);
    assert_eq!(json_lines(&o.stdout).len(), 1);
}

#[test]
fn parse_json_takes_one_letter_and_suggests_jsonl() {
    for args in [
        &["parse", "--format", "json", GOOD, SAMPLE][..],
        &["parse", "--format", "json", "tests/fixtures/corpus"][..],
    ] {
        let o = imr(args);
        assert_eq!(o.code, 2, "{args:?}");
        assert!(o.stdout.is_empty(), "nothing is printed: {}", o.stdout);
        assert!(o.stderr.contains("--format jsonl"), "{}", o.stderr);
    }
}

// ---- export ---------------------------------------------------------------------------------

#[test]
fn export_csv() {
    let o = imr(&["export", "tests/fixtures/samples"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let mut r = csv::Reader::from_reader(o.stdout.as_bytes());
    let headers: Vec<String> = r
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(headers[0], "path");
    assert!(
        headers
            .iter()
            .all(|h| h.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
    );
    for col in [
        "case_number",
        "treatment",
        "decision",
        "item_index",
        "maximus_pages",
    ] {
        assert!(headers.iter().any(|h| h == col), "{col}");
    }
    let rows: Vec<csv::StringRecord> = r.records().collect::<Result<_, _>>().expect("rows");
    assert!(rows.iter().all(|row| row.len() == headers.len()));
    snapshot("cli_export_csv_samples", &o.stdout);
}

#[test]
fn export_jsonl() {
    let o = imr(&[
        "export",
        "--format",
        "jsonl",
        GOOD,
        "tests/fixtures/samples",
    ]);
    assert_eq!(o.code, 0);
    let rows = json_lines(&o.stdout);
    assert_eq!(rows[0]["path"], GOOD);
    assert_eq!(rows[0]["case_number"], "CM16-0213037");
    assert_eq!(rows[0]["item_index"], 1);
    assert_eq!(rows[0]["decision"], "upheld");
    assert!(rows[0]["maximus_mtus"].is_array());
    let csv = imr(&["export", GOOD, "tests/fixtures/samples"]);
    let mut r = csv::Reader::from_reader(csv.stdout.as_bytes());
    assert_eq!(
        r.records().count(),
        rows.len(),
        "one row per item in both formats"
    );
    let keys: Vec<&String> = rows[0].as_object().expect("object").keys().collect();
    let header: Vec<String> = r.headers().expect("h").iter().map(str::to_owned).collect();
    assert_eq!(keys.len(), header.len());
}

// ---- normalize ------------------------------------------------------------------------------

#[test]
fn normalize_prints_the_canonical_text() {
    let o = imr(&[
        "normalize",
        "tests/fixtures/corpus/CM16-0213037.pdftotext.txt",
    ]);
    assert_eq!(o.code, 0);
    assert!(o.stdout.starts_with("Case Number: CM16-0213037\n"));
    let original = std::fs::read_to_string(GOOD).expect("fixture");
    assert_eq!(
        imr_determination::parse(&o.stdout).document,
        imr_determination::parse(&original).document
    );
    let again = imr_with(&["normalize", "-"], o.stdout.as_bytes());
    assert_eq!(again.code, 0);
    assert_eq!(
        again.stdout, o.stdout,
        "the canonical text is a fixed point"
    );

    let o = imr(&["normalize", BAD]);
    assert_eq!(o.code, 1);
    assert!(o.stdout.is_empty());
    assert!(o.stderr.contains("imr::unknown_decision"));
    assert_eq!(imr(&["normalize", "no/such/letter.txt"]).code, 2);
    assert_eq!(imr(&["normalize", "tests/fixtures/samples"]).code, 2);
}

// ---- streams --------------------------------------------------------------------------------

#[test]
fn closed_stdout_ends_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_imr"))
        .args([
            "parse",
            "--format",
            "jsonl",
            "tests/fixtures/corpus",
            "tests/fixtures/corpus",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("imr runs");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).expect("some output");
    drop(stdout);
    let out = child.wait_with_output().expect("imr finishes");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        out.status.code().is_some(),
        "ended by a signal: {:?}",
        out.status
    );
}

// ---- README ---------------------------------------------------------------------------------

#[test]
fn readme_documents_every_code_and_points_to_the_columns() {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    for code in imr_determination::Code::ALL {
        let row = format!(
            "| `{}` | {} |",
            code.as_str(),
            match code.severity() {
                imr_determination::Severity::Error => "error",
                imr_determination::Severity::Warning => "warning",
            }
        );
        assert!(readme.contains(&row), "README lacks the row for {code}");
    }
    // The columns of the export tables are documented in docs/tables.md (tests/docs.rs).
    assert!(readme.contains("docs/tables.md"));
}

/// A folder that fights back: a symbolic link looping to its parent and one to the folder
/// itself, a folder named `*.txt`, a link to a file that does not exist (as a file that vanished
/// between listing and reading would be), and a named pipe, which must not be read (it would
/// block). Each problem is reported on its own line, the letters are all checked once, and the
/// run ends.
#[cfg(unix)]
#[test]
fn batch_survives_links_loops_folders_named_txt_and_vanished_files() {
    use std::os::unix::fs::symlink;
    let dir = temp_dir("hostile-folder");
    std::fs::copy(GOOD, dir.join("good.txt")).expect("copy");
    std::fs::create_dir_all(dir.join("sub/folder.txt")).expect("mkdir");
    std::fs::copy(SAMPLE, dir.join("sub/folder.txt/inner.txt")).expect("copy");
    symlink("..", dir.join("sub/loop")).expect("symlink");
    symlink(&dir, dir.join("self")).expect("symlink");
    symlink(dir.join("vanished-target.txt"), dir.join("vanished.txt")).expect("symlink");
    // Best effort: without mkfifo the folder simply has no pipe.
    let _ = Command::new("mkfifo").arg(dir.join("pipe.txt")).status();

    let mut child = Command::new(env!("CARGO_BIN_EXE_imr"))
        .args(["check", "--format", "json"])
        .arg(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("imr runs");
    // The run must end: a loop followed forever or a pipe read would hang here.
    let started = std::time::Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > std::time::Duration::from_secs(60) {
            let _ = child.kill();
            panic!("imr check did not finish on the hostile folder");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let stderr = String::from_utf8(out.stderr).expect("utf-8");
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unreadable input exits 2\n{stderr}"
    );
    let lines = json_lines(&stdout);
    let paths: Vec<&str> = lines.iter().filter_map(|l| l["path"].as_str()).collect();
    assert_eq!(paths.len(), 2, "each letter once: {paths:?}");
    assert!(paths.iter().any(|p| p.ends_with("good.txt")));
    assert!(paths.iter().any(|p| p.ends_with("inner.txt")));
    for l in &lines {
        assert_eq!(l["diagnostics"].as_array().map(Vec::len), Some(0), "{l}");
    }
    // In sorted order: the link to the folder itself, the link to its parent, the link to
    // nothing; each once.
    let problems: Vec<&str> = stderr.lines().collect();
    assert_eq!(problems.len(), 3, "one line per problem: {stderr}");
    assert!(
        problems[0].contains("/self: symbolic link loop: leads back to"),
        "{stderr}"
    );
    assert!(
        problems[1].contains("/sub/loop: symbolic link loop: leads back to"),
        "{stderr}"
    );
    assert!(
        problems[2].contains("vanished.txt: no such file or directory"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

// ---- colour, quiet, progress ----------------------------------------------------------------

#[test]
fn color_follows_the_flag_and_the_environment() {
    let colored = |args: &[&str], env: &[(&str, Option<&str>)]| {
        let o = imr_env(args, b"", env);
        assert_eq!(o.code, 1, "{args:?} {env:?}: {}", o.stderr);
        o.stdout.contains('\u{1b}')
    };
    let check = ["check", BAD];
    // Standard output is a pipe here: auto means no colour, unless forced.
    assert!(!colored(&check, &[("NO_COLOR", None)]));
    assert!(colored(&["check", "--color", "always", BAD], &[]));
    assert!(colored(&["check", "--color=always", BAD], &[]));
    assert!(!colored(
        &["check", "--color", "never", BAD],
        &[("CLICOLOR_FORCE", Some("1"))]
    ));
    assert!(colored(
        &check,
        &[("NO_COLOR", None), ("CLICOLOR_FORCE", Some("1"))]
    ));
    assert!(!colored(
        &check,
        &[("NO_COLOR", None), ("CLICOLOR_FORCE", Some("0"))]
    ));
    // NO_COLOR outranks CLICOLOR_FORCE, as anstream (clap's own output) has it.
    assert!(!colored(&check, &[("CLICOLOR_FORCE", Some("1"))]));
    // The flag is global: before the subcommand too, and for reports on standard error.
    assert!(colored(&["--color", "always", "check", BAD], &[]));
    let o = imr(&["parse", "--color", "always", BAD]);
    assert!(o.stderr.contains('\u{1b}'), "{}", o.stderr);
    assert_eq!(imr(&["check", "--color", "sometimes", BAD]).code, 2);
}

#[test]
fn quiet_prints_only_the_summary_and_input_problems() {
    let o = imr(&[
        "check",
        "-q",
        "tests/fixtures/invalid",
        "no/such/letter.txt",
    ]);
    assert_eq!(o.code, 2);
    assert_eq!(o.stdout.lines().count(), 1, "{}", o.stdout);
    assert!(
        o.stdout
            .starts_with("26 letters checked: 0 conforming, 17 with errors")
    );
    assert_eq!(
        o.stderr,
        "imr: no/such/letter.txt: no such file or directory\n"
    );
    let o = imr(&["check", "--quiet", WARN]);
    assert_eq!(o.code, 0);
    assert!(o.stdout.starts_with("1 letter checked"), "{}", o.stdout);
    // Other commands: the data still, no rendered diagnostics; a letter left out is still said.
    let o = imr(&["parse", "-q", BAD]);
    assert_eq!((o.code, o.stdout.as_str(), o.stderr.as_str()), (1, "", ""));
    let o = imr(&["parse", "-q", WARN]);
    assert_eq!(o.code, 0);
    assert!(o.stderr.is_empty() && o.stdout.starts_with('{'));
    let o = imr(&["export", "-q", GOOD, BAD]);
    assert_eq!(o.code, 1);
    assert_eq!(o.stdout.lines().count(), 3);
    assert_eq!(
        o.stderr,
        format!("imr: {BAD}: has errors; no rows exported (see --keep-partial)\n")
    );
}

/// Runs a shell command line on a terminal (util-linux `script` gives it one) and returns what
/// the terminal showed; `CI` is unset so that the progress bar may show.
#[cfg(unix)]
fn on_a_terminal(command_line: &str) -> String {
    let out = Command::new("script")
        .args(["-qec", command_line, "/dev/null"])
        .env("NO_COLOR", "1")
        .env_remove("CI")
        .stdin(Stdio::null())
        .output()
        .expect("script (util-linux) runs");
    assert!(out.status.success(), "{command_line}: {:?}", out.status);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[cfg(unix)]
#[test]
fn the_progress_bar_shows_only_on_runs_over_a_second() {
    let imr = env!("CARGO_BIN_EXE_imr");
    let bar = "/2 letters ";
    // A quick run on a terminal draws nothing.
    let quick = on_a_terminal(&format!("{imr} export tests/fixtures/samples > /dev/null"));
    assert!(!quick.contains("letters"), "{quick:?}");
    // A run held up for two seconds (standard input comes late) shows the bar on standard
    // error, then clears it.
    let slow = format!("(sleep 2; cat {GOOD}) | {imr} check - {SAMPLE}");
    let shown = on_a_terminal(&slow);
    assert!(shown.contains(bar), "{shown:?}");
    assert!(
        shown.contains("2 letters checked: 2 conforming"),
        "{shown:?}"
    );
    for flag in ["--no-progress", "--quiet"] {
        let hidden = on_a_terminal(&slow.replace(" check ", &format!(" check {flag} ")));
        assert!(!hidden.contains(bar), "{flag}: {hidden:?}");
        assert!(hidden.contains("2 letters checked"), "{flag}: {hidden:?}");
    }
}

// ---- lint levels ----------------------------------------------------------------------------

#[test]
fn allow_and_deny_set_the_level_of_a_code() {
    let code = "imr::decision_rationale_mismatch";
    // --deny: the warning is an error, in the report, the summary, JSON and the exit status.
    for name in [code, "decision_rationale_mismatch"] {
        let o = imr(&["check", "--deny", name, WARN]);
        assert_eq!(o.code, 1, "{}", o.stdout);
        assert!(o.stdout.contains("1 error, 0 warnings"), "{}", o.stdout);
        assert!(o.stdout.ends_with(&format!(
            "1 letter checked: 0 conforming, 1 with errors, 0 with warnings ({code}: 1)\n"
        )));
    }
    let o = imr(&["check", "--format", "json", "--deny", code, WARN, GOOD]);
    assert_eq!(o.code, 1);
    assert_eq!(
        json_lines(&o.stdout)[0]["diagnostics"][0]["severity"],
        "error"
    );
    let o = imr(&["parse", "--format", "jsonl", "--deny", code, WARN]);
    assert_eq!(o.code, 1);
    assert!(json_lines(&o.stdout)[0]["document"].is_null());
    let o = imr(&["export", "--deny", code, WARN]);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains(&format!("error[{code}]")), "{}", o.stderr);
    // Denying another code changes nothing.
    assert_eq!(imr(&["check", "--deny", "unknown_guideline", WARN]).code, 0);

    // --allow: the warning is gone.
    let o = imr(&["check", "--allow", code, WARN]);
    assert_eq!(o.code, 0);
    assert_eq!(
        o.stdout,
        "1 letter checked: 1 conforming, 0 with errors, 0 with warnings\n"
    );
    let o = imr(&["check", "--format", "json", "--allow", code, WARN]);
    assert_eq!(
        json_lines(&o.stdout)[0]["diagnostics"],
        serde_json::json!([])
    );
    assert_eq!(
        imr(&["check", "--deny-warnings", "--allow", code, WARN]).code,
        0
    );
    // Repeatable, and after the subcommand or before it.
    let o = imr(&[
        "--allow",
        "unknown_guideline",
        "check",
        "--allow",
        code,
        "--deny",
        "missing_boilerplate",
        "--deny",
        "unexpected_text",
        "tests/fixtures/invalid",
    ]);
    assert_eq!(o.code, 1);
    assert!(!o.stdout.contains(code) && !o.stdout.contains("imr::unknown_guideline"));
    let summary = o.stdout.lines().last().expect("summary");
    assert!(
        summary.starts_with("26 letters checked: 2 conforming, 19 with errors, 5 with warnings"),
        "{summary}"
    );

    // Usage problems: an unknown code, an error allowed, a code allowed and denied.
    for args in [
        &["check", "--allow", "no_such_code", WARN][..],
        &["check", "--allow", "imr::missing_section", WARN][..],
        &["check", "--allow", code, "--deny", code, WARN][..],
    ] {
        let o = imr(args);
        assert_eq!(o.code, 2, "{args:?}");
        assert!(o.stdout.is_empty() && !o.stderr.is_empty(), "{args:?}");
    }
}

// ---- completions and manual -----------------------------------------------------------------

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let o = imr(&["completions", shell]);
        assert_eq!(o.code, 0, "{shell}: {}", o.stderr);
        for word in ["normalize", "completions", "max-file-size", "deny-warnings"] {
            assert!(o.stdout.contains(word), "{shell} completion lacks {word}");
        }
    }
    // The bash script is valid bash.
    let script = imr(&["completions", "bash"]).stdout;
    let dir = temp_dir("completions");
    let file = dir.join("imr.bash");
    std::fs::write(&file, &script).expect("write");
    let status = Command::new("bash")
        .arg("-n")
        .arg(&file)
        .status()
        .expect("bash runs");
    assert!(status.success(), "bash -n rejects the completion script");
    assert_eq!(imr(&["completions", "tcsh"]).code, 2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn man_page_documents_every_command_and_flag() {
    let o = imr(&["man"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let page = o.stdout;
    assert!(page.contains(".TH imr 1"), "{page}");
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH DESCRIPTION",
        ".SH OPTIONS",
        ".SH SUBCOMMANDS",
    ] {
        assert!(page.contains(section), "no {section}");
    }
    for word in [
        "imr\\-parse",
        "imr\\-check",
        "imr\\-export",
        "imr\\-normalize",
        "\\-\\-color",
        "\\-\\-quiet",
        "\\-\\-max\\-file\\-size",
        "\\-\\-allow",
        "\\-\\-deny",
    ] {
        assert!(page.contains(word), "the man page lacks {word}");
    }
}

// ---- inputs: empty folders, sizes, walks ----------------------------------------------------

#[test]
fn a_folder_without_letters_is_a_problem() {
    let dir = temp_dir("no-letters");
    std::fs::write(dir.join("notes.md"), b"not a letter").expect("write");
    std::fs::create_dir(dir.join("sub")).expect("mkdir");
    let d = dir.display().to_string();
    let o = imr(&["check", &d]);
    assert_eq!(o.code, 2);
    assert_eq!(
        o.stderr,
        if cfg!(feature = "pdf") {
            format!("imr: {d}: no letters in this folder (files named *.txt, *.pdf)\n")
        } else {
            format!("imr: {d}: no letters in this folder (files named *.txt)\n")
        }
    );
    assert_eq!(
        o.stdout,
        "0 letters checked: 0 conforming, 0 with errors, 0 with warnings, 1 input could not be read\n"
    );
    // The other inputs are still processed.
    let o = imr(&["export", &d, GOOD]);
    assert_eq!(o.code, 2);
    assert_eq!(o.stdout.lines().count(), 3);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn inputs_over_the_size_limit_are_skipped() {
    let limit = "larger than 64 MiB (--max-file-size); skipped";
    // A device that never ends is read only up to the limit.
    let started = std::time::Instant::now();
    let o = imr(&["export", "/dev/zero", GOOD]);
    assert_eq!(o.code, 2);
    assert_eq!(o.stderr, format!("imr: /dev/zero: {limit}\n"));
    assert_eq!(o.stdout.lines().count(), 3, "the other letter is exported");
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
    if Path::new("/dev/full").exists() {
        let o = imr(&["export", "/dev/full"]);
        assert_eq!(o.code, 2);
        assert_eq!(o.stderr, format!("imr: /dev/full: {limit}\n"));
    }
    // A file and standard input over a smaller limit.
    let len = std::fs::metadata(GOOD).expect("fixture").len();
    let o = imr(&["check", "--max-file-size", "1K", GOOD, SAMPLE]);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr
            .contains(&format!("imr: {GOOD}: larger than 1 KiB")),
        "{}",
        o.stderr
    );
    let exact = len.to_string();
    assert_eq!(imr(&["check", "--max-file-size", &exact, GOOD]).code, 0);
    let one_less = (len - 1).to_string();
    let letter = std::fs::read(GOOD).expect("fixture");
    let o = imr_with(&["check", "--max-file-size", &one_less, "-"], &letter);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr
            .contains(&format!("imr: <stdin>: larger than {one_less} bytes"))
    );
    assert_eq!(
        imr_with(&["check", "--max-file-size", &exact, "-"], &letter).code,
        0
    );
    for bad in ["lots", "12X", "-1", "99999999999G"] {
        assert_eq!(
            imr(&["check", "--max-file-size", bad, GOOD]).code,
            2,
            "{bad}"
        );
    }
    assert_eq!(imr(&["check", "--max-file-size", "2 MiB", GOOD]).code, 0);
}

/// A folder that cannot be listed is reported in its place and the rest is checked. Root reads
/// every folder, so as root the command runs as `nobody` (util-linux `setpriv`).
#[cfg(unix)]
#[test]
fn an_unreadable_folder_is_reported_and_the_rest_processed() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = temp_dir("unreadable");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    std::fs::copy(GOOD, dir.join("a.txt")).expect("copy");
    std::fs::create_dir(dir.join("locked")).expect("mkdir");
    std::fs::copy(SAMPLE, dir.join("locked/b.txt")).expect("copy");
    std::fs::copy(SAMPLE, dir.join("z.txt")).expect("copy");
    for f in ["a.txt", "z.txt"] {
        std::fs::set_permissions(dir.join(f), std::fs::Permissions::from_mode(0o644))
            .expect("chmod");
    }
    std::fs::set_permissions(dir.join("locked"), std::fs::Permissions::from_mode(0o000))
        .expect("chmod");
    // The binary is copied where `nobody` can run it.
    let bin = dir.join("imr");
    std::fs::copy(env!("CARGO_BIN_EXE_imr"), &bin).expect("copy binary");
    let as_root = std::fs::metadata(&dir).expect("meta").uid() == 0;
    let run = |folder: &Path| {
        let mut cmd = if as_root {
            let mut c = Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(&bin);
            c
        } else {
            Command::new(&bin)
        };
        let out = cmd
            .args(["check", "--format", "json"])
            .arg(folder)
            .env("NO_COLOR", "1")
            .output()
            .expect("imr runs");
        (
            out.status.code(),
            String::from_utf8(out.stdout).expect("utf-8"),
            String::from_utf8(out.stderr).expect("utf-8"),
        )
    };
    let locked = dir.join("locked");
    let (code, stdout, stderr) = run(&dir);
    // The folder given itself: one problem, not also "no letters".
    let (code_locked, stdout_locked, stderr_locked) = run(&locked);
    let _ = std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755));
    let problem = format!(
        "imr: {}: cannot list folder: permission denied\n",
        locked.display()
    );
    assert_eq!(code, Some(2), "{stderr}");
    assert_eq!(stderr, problem);
    let paths: Vec<String> = json_lines(&stdout)
        .iter()
        .map(|l| rel(&dir, l["path"].as_str().expect("path")))
        .collect();
    assert_eq!(paths, ["[DIR]/a.txt", "[DIR]/z.txt"]);
    assert_eq!(code_locked, Some(2), "{stderr_locked}");
    assert_eq!(stderr_locked, problem);
    assert!(stdout_locked.is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

// ---- normalize --output-dir -----------------------------------------------------------------

#[test]
fn normalize_writes_many_letters_under_a_folder() {
    let src = temp_dir("normalize-src");
    std::fs::create_dir_all(src.join("x/y")).expect("mkdir");
    std::fs::copy(GOOD, src.join("x/y/good.txt")).expect("copy");
    std::fs::copy(SAMPLE, src.join("sample.txt")).expect("copy");
    std::fs::copy(BAD, src.join("x/bad.txt")).expect("copy");
    let out = temp_dir("normalize-out").join("canonical");
    let (s, o) = (src.display().to_string(), out.display().to_string());
    let other = "tests/fixtures/corpus/CM16-0231706.pypdf.txt";
    let run = imr(&["normalize", "--output-dir", &o, &s, other]);
    assert_eq!(run.code, 1, "the bad letter: {}", run.stderr);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains("imr::unknown_decision"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("bad.txt: has errors; not written"),
        "{}",
        run.stderr
    );
    // Same relative paths under the folder; a file given by itself by its name.
    let mut written: Vec<String> = Vec::new();
    for (rel_path, original) in [
        ("x/y/good.txt", src.join("x/y/good.txt")),
        ("sample.txt", src.join("sample.txt")),
        ("CM16-0231706.pypdf.txt", PathBuf::from(other)),
    ] {
        let text = std::fs::read_to_string(out.join(rel_path)).expect(rel_path);
        let alone = imr(&["normalize", &original.display().to_string()]);
        assert_eq!(alone.code, 0);
        assert_eq!(
            text, alone.stdout,
            "{rel_path}: as `imr normalize` prints it"
        );
        written.push(rel_path.to_owned());
    }
    assert!(!out.join("x/bad.txt").exists());
    // Two inputs with the same name: the second is a problem, not an overwrite.
    let run = imr(&["normalize", "-o", &o, other, other]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("is written to"), "{}", run.stderr);
    // Standard input has no name to write under.
    let letter = std::fs::read(GOOD).expect("fixture");
    let run = imr_with(&["normalize", "--output-dir", &o, "-"], &letter);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("standard input"), "{}", run.stderr);
    // Normalising a folder into itself would overwrite the letters: refused.
    let run = imr(&["normalize", "--output-dir", &s, &s]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("overwritten"), "{}", run.stderr);
    assert_eq!(
        std::fs::read(src.join("x/y/good.txt")).expect("kept"),
        std::fs::read(GOOD).expect("fixture")
    );
    // An output folder inside the input folder: its files are not read again on the next run.
    let inside = src.join("canonical").display().to_string();
    for _ in 0..2 {
        let run = imr(&["normalize", "--output-dir", &inside, &s]);
        assert_eq!(run.code, 1, "only the bad letter: {}", run.stderr);
    }
    assert!(src.join("canonical/x/y/good.txt").exists());
    assert!(!src.join("canonical/canonical").exists());
    // Several inputs without --output-dir: a usage problem that names it.
    let run = imr(&["normalize", GOOD, SAMPLE]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--output-dir"), "{}", run.stderr);
    let _ = std::fs::remove_dir_all(&src);
    let _ = std::fs::remove_dir_all(out.parent().expect("parent"));
}

// ---- PDF input ------------------------------------------------------------------------------

#[cfg(feature = "pdf")]
mod pdf {
    use super::*;

    const PDF: &str = "tests/fixtures/corpus/CM16-0213037.pdf";
    const PYPDF: &str = "tests/fixtures/corpus/CM16-0213037.pypdf.txt";

    /// Every command reads a published PDF as it reads the text of the same letter.
    #[test]
    fn every_command_reads_a_published_pdf() {
        // parse: the same tree but for the spans, which index each one's own text.
        let strip = |out: &str| {
            let mut v: serde_json::Value = serde_json::from_str(out).expect("json");
            fn drop_spans(v: &mut serde_json::Value) {
                match v {
                    serde_json::Value::Object(m) => {
                        m.retain(|k, _| k != "span" && k != "raw");
                        m.values_mut().for_each(drop_spans);
                    }
                    serde_json::Value::Array(a) => a.iter_mut().for_each(drop_spans),
                    serde_json::Value::String(s) => {
                        *s = s.split_whitespace().collect::<Vec<_>>().join(" ");
                    }
                    _ => {}
                }
            }
            drop_spans(&mut v);
            v
        };
        let from_pdf = imr(&["parse", PDF]);
        assert_eq!(from_pdf.code, 0, "{}", from_pdf.stderr);
        assert_eq!(
            strip(&from_pdf.stdout),
            strip(&imr(&["parse", PYPDF]).stdout)
        );
        // check: conforming.
        let o = imr(&["check", PDF]);
        assert_eq!(o.code, 0);
        assert_eq!(
            o.stdout,
            "1 letter checked: 1 conforming, 0 with errors, 0 with warnings\n"
        );
        // export: the same rows but for the path.
        let rows = |path: &str| {
            let o = imr(&["export", "--format", "jsonl", path]);
            assert_eq!(o.code, 0, "{}", o.stderr);
            json_lines(&o.stdout)
                .into_iter()
                .map(|mut r| {
                    r.as_object_mut().expect("row").remove("path");
                    r
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(rows(PDF), rows(PYPDF));
        // normalize: the same canonical text.
        let o = imr(&["normalize", PDF]);
        assert_eq!(o.code, 0, "{}", o.stderr);
        assert_eq!(o.stdout, imr(&["normalize", PYPDF]).stdout);
        // From standard input too, known by its header.
        let bytes = std::fs::read(PDF).expect("pdf");
        let o = imr_with(&["check", "-"], &bytes);
        assert_eq!(o.code, 0, "{}{}", o.stdout, o.stderr);
    }

    /// A folder walk picks up `*.pdf` files beside `*.txt` ones.
    #[test]
    fn a_folder_of_pdfs_is_walked() {
        let dir = temp_dir("pdfs");
        for case in ["CM16-0213037", "CM17-0021656"] {
            std::fs::copy(
                format!("tests/fixtures/corpus/{case}.pdf"),
                dir.join(format!("{case}.pdf")),
            )
            .expect("copy");
        }
        std::fs::copy(GOOD, dir.join("z.txt")).expect("copy");
        let d = dir.display().to_string();
        let o = imr(&["parse", "--format", "jsonl", &d]);
        assert_eq!(o.code, 0, "{}", o.stderr);
        let paths: Vec<String> = json_lines(&o.stdout)
            .iter()
            .map(|l| rel(&dir, l["path"].as_str().expect("path")))
            .collect();
        assert_eq!(
            paths,
            [
                "[DIR]/CM16-0213037.pdf",
                "[DIR]/CM17-0021656.pdf",
                "[DIR]/z.txt"
            ]
        );
        let o = imr(&["export", &d]);
        assert_eq!(o.code, 0, "{}", o.stderr);
        assert!(o.stdout.lines().count() > 3);
    }

    /// `imr text` prints the text that was parsed, and diagnostics point into it under the
    /// PDF's path.
    #[test]
    fn diagnostics_point_into_the_extracted_text() {
        let merged = "tests/fixtures/pdf/merged_300.pdf";
        let text = imr(&["text", merged]);
        assert_eq!(text.code, 0, "{}", text.stderr);
        let o = imr(&["check", "--format", "json", merged]);
        assert_eq!(o.code, 1);
        let line = &json_lines(&o.stdout)[0];
        assert_eq!(line["path"], merged);
        let d = line["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .find(|d| d["code"] == "imr::section_order")
            .expect("a repeated section");
        let span = &d["labels"][0]["span"];
        let (start, end) = (
            span["start"].as_u64().expect("start") as usize,
            span["end"].as_u64().expect("end") as usize,
        );
        assert_eq!(
            &text.stdout[start..end],
            "HOW THE IMR FINAL DETERMINATION WAS MADE"
        );
        let human = imr(&["check", merged]);
        let at = format!("{merged}:{}:{}", span["line"], span["column"]);
        assert!(human.stdout.contains(&at), "{at}");
        // The text of a text file is the file.
        let o = imr(&["text", GOOD, GOOD]);
        let good = std::fs::read_to_string(GOOD).expect("letter");
        assert_eq!(o.stdout, format!("{good}{good}"));
    }

    /// A file named `.pdf` that is not one, a damaged PDF and one locked with a password are
    /// each one line on standard error (exit 2), and the rest of the batch goes on; a PDF of
    /// blank pages is an error diagnostic suggesting OCR. Standard output holds only the
    /// batch's JSON lines.
    #[test]
    fn unreadable_pdfs_are_reported_and_the_batch_goes_on() {
        let dir = temp_dir("bad-pdfs");
        std::fs::copy(GOOD, dir.join("a_text_saved_as.pdf")).expect("copy");
        let letter = std::fs::read(PDF).expect("pdf");
        std::fs::write(dir.join("b_truncated.pdf"), &letter[..letter.len() / 2]).expect("write");
        std::fs::copy(
            "tests/fixtures/pdf/password.pdf",
            dir.join("c_password.pdf"),
        )
        .expect("copy");
        std::fs::copy(
            "tests/fixtures/pdf/blank_pages.pdf",
            dir.join("d_blank.pdf"),
        )
        .expect("copy");
        std::fs::copy(PDF, dir.join("e_good.pdf")).expect("copy");
        // The PDF reader panics on it: caught and reported quietly, as that file's error.
        std::fs::copy(
            "tests/fixtures/pdf/no_mediabox.pdf",
            dir.join("f_panics.pdf"),
        )
        .expect("copy");
        let d = dir.display().to_string();
        let o = imr(&["parse", "--format", "jsonl", &d]);
        assert_eq!(o.code, 2);
        let lines = json_lines(&o.stdout);
        let paths: Vec<String> = lines
            .iter()
            .map(|l| rel(&dir, l["path"].as_str().expect("path")))
            .collect();
        assert_eq!(paths, ["[DIR]/d_blank.pdf", "[DIR]/e_good.pdf"]);
        assert_eq!(lines[0]["diagnostics"][0]["code"], "imr::no_text_layer");
        assert!(
            lines[0]["diagnostics"][0]["help"]
                .as_str()
                .expect("help")
                .contains("OCR")
        );
        assert!(lines[1]["document"].is_object());
        let stderr = rel(&dir, &o.stderr);
        let want = [
            "imr: [DIR]/a_text_saved_as.pdf: not a PDF file (it does not start with `%PDF-`)",
            "imr: [DIR]/b_truncated.pdf: damaged PDF: ",
            "imr: [DIR]/c_password.pdf: the PDF is locked with a password",
            "imr: [DIR]/f_panics.pdf: the PDF reader failed on this file: ",
        ];
        let got: Vec<&str> = stderr.lines().collect();
        assert_eq!(got.len(), 4, "{stderr}");
        for (g, w) in got.iter().zip(want) {
            assert!(g.starts_with(w), "{g:?} does not start with {w:?}");
        }
    }
}
