//! `grammar.md` and the code are one thing, checked both ways:
//! - every production of grammar.md that names its function (`(* module::function *)`) is shown,
//!   word for word (whitespace collapsed, remarks `(* ... *)` left out), in a ```text block of
//!   that function's doc comment;
//! - every function whose doc comment shows a production is named by that production in
//!   grammar.md, with the same text.
//!
//! Every other `module::function` grammar.md names in its prose exists, and every diagnostic
//! code it names is one of the crate's.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A production's text with its remarks left out and whitespace collapsed.
fn normalise(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("(*") {
        out.push_str(&rest[..i]);
        rest = rest[i..].find("*)").map_or("", |j| &rest[i + j + 2..]);
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The name a production defines: `name` of `name = ...`, or of `name(args) = ...`.
fn defined_name(line: &str) -> Option<&str> {
    let (lhs, _) = line.split_once(" = ").or_else(|| line.split_once("= "))?;
    let lhs = lhs.trim();
    let name = lhs.split('(').next()?;
    (!name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
    .then_some(name)
}

/// The productions of a block of lines: each starts on an unindented line `name = ...` and ends
/// at its closing `;` (remarks, which may span lines, left out). Returns each production's text
/// and its [`trailer`].
fn productions(lines: &[&str]) -> Vec<(String, String)> {
    let text = lines.join("\n");
    let code = blank_remarks(&text);
    let mut out = Vec::new();
    let mut offset = 0;
    let mut until = 0;
    for line in code.split('\n') {
        let start = offset;
        offset += line.len() + 1;
        if start < until || line.starts_with(' ') || defined_name(line).is_none() {
            continue;
        }
        let Some(end) = code[start..].find(';').map(|i| start + i) else {
            continue;
        };
        out.push((normalise(&code[start..=end]), trailer(&text[end + 1..])));
        until = end;
    }
    out
}

/// What follows a production's `;`: the rest of its line, and the next lines that hold only
/// remarks (where grammar.md names the function).
fn trailer(after: &str) -> String {
    let mut lines = after.split('\n');
    let first = lines.next().unwrap_or_default();
    std::iter::once(first)
        .chain(lines.take_while(|l| l.trim_start().starts_with("(*")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text with each remark `(* ... *)` replaced by spaces, line feeds kept.
fn blank_remarks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("(*") {
        out.push_str(&rest[..i]);
        let len = rest[i..].find("*)").map_or(rest.len() - i, |j| j + 2);
        // Byte for byte, so that offsets in the text and in the result agree.
        out.extend(rest[i..i + len].chars().flat_map(|c| {
            let blank = if c == '\n' { '\n' } else { ' ' };
            std::iter::repeat_n(blank, c.len_utf8())
        }));
        rest = &rest[i + len..];
    }
    out.push_str(rest);
    out
}

/// `module::function` in a remark of `trailer` (the first remark that is one).
fn named_function(trailer: &str) -> Option<(String, String)> {
    let ident = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    };
    trailer.split("(*").skip(1).find_map(|remark| {
        let inner = remark.split("*)").next()?.trim();
        let (m, f) = inner.split_once("::")?;
        (ident(m) && ident(f)).then(|| (m.to_string(), f.to_string()))
    })
}

fn grammar_md() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("grammar.md"))
        .expect("grammar.md")
}

/// The productions of grammar.md's ```ebnf blocks that name their function.
fn grammar_productions() -> Vec<((String, String), String)> {
    let md = grammar_md();
    let mut out = Vec::new();
    let mut block: Option<Vec<&str>> = None;
    for line in md.lines() {
        match (&mut block, line.trim_start()) {
            (None, l) if l.starts_with("```ebnf") => block = Some(Vec::new()),
            (Some(b), l) if l.starts_with("```") => {
                for (text, trailer) in productions(b) {
                    let name = named_function(&trailer)
                        .unwrap_or_else(|| panic!("grammar.md: `{text}` names no function"));
                    out.push((name, text));
                }
                block = None;
            }
            (Some(b), _) => b.push(line),
            (None, _) => {}
        }
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module name of a source file: its file name, or its folder's for a `mod.rs`.
fn module_name(path: &Path) -> String {
    let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
    if stem == "mod" {
        path.parent()
            .and_then(|p| p.file_name())
            .unwrap()
            .to_string_lossy()
            .into_owned()
    } else {
        stem
    }
}

/// For every function of `src/` whose doc comment shows productions (in ```text blocks):
/// `(module, function)` and the productions' texts.
fn code_productions() -> BTreeMap<(String, String), Vec<String>> {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut out = BTreeMap::new();
    for path in files {
        let src = std::fs::read_to_string(&path).expect("source");
        let module = module_name(&path);
        let lines: Vec<&str> = src.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let Some(name) = function_name(line) else {
                continue;
            };
            let doc: Vec<&str> = lines[..i]
                .iter()
                .rev()
                .take_while(|l| {
                    let t = l.trim_start();
                    t.starts_with("///") || t.starts_with("#[")
                })
                .filter_map(|l| l.trim_start().strip_prefix("///"))
                .map(|l| l.strip_prefix(' ').unwrap_or(l))
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let shown = doc_productions(&doc);
            if !shown.is_empty() {
                out.insert((module.clone(), name.to_string()), shown);
            }
        }
    }
    out
}

/// The name of the function a line declares, if it does.
fn function_name(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let t = t
        .strip_prefix("pub(crate) ")
        .or_else(|| t.strip_prefix("pub "))
        .unwrap_or(t);
    let rest = t.strip_prefix("fn ")?;
    let end = rest.find(['(', '<'])?;
    Some(&rest[..end])
}

/// The productions in the ```text blocks of a doc comment.
fn doc_productions(doc: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    let mut block: Option<Vec<&str>> = None;
    for line in doc {
        match (&mut block, line.trim_start()) {
            (None, l) if l.starts_with("```text") => block = Some(Vec::new()),
            (Some(b), l) if l.starts_with("```") => {
                out.extend(productions(b).into_iter().map(|(t, _)| t));
                block = None;
            }
            (Some(b), _) => b.push(line),
            (None, _) => {}
        }
    }
    out
}

#[test]
fn grammar_md_productions_are_their_functions_doc() {
    let code = code_productions();
    let grammar = grammar_productions();
    assert!(grammar.len() >= 30, "only {} productions", grammar.len());
    let mut problems = Vec::new();
    for ((m, f), text) in &grammar {
        match code.get(&(m.clone(), f.clone())) {
            None => problems.push(format!(
                "grammar.md: `{text}` names {m}::{f}, whose doc comment shows no production"
            )),
            Some(shown) if !shown.contains(text) => problems.push(format!(
                "grammar.md: `{text}`\n  differs from the doc of {m}::{f}: {shown:?}"
            )),
            Some(_) => {}
        }
    }
    for ((m, f), shown) in &code {
        for text in shown {
            let named = grammar
                .iter()
                .any(|((gm, gf), gt)| gm == m && gf == f && gt == text);
            if !named {
                problems.push(format!(
                    "{m}::{f} shows `{text}`, which grammar.md does not give as {m}::{f}"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_function_named_in_grammar_md_exists() {
    let md = grammar_md();
    let code = code_productions();
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let defined: Vec<(String, String)> = files
        .iter()
        .flat_map(|p| {
            let module = module_name(p);
            std::fs::read_to_string(p)
                .unwrap()
                .lines()
                .filter_map(|l| function_name(l).map(|f| (module.clone(), f.to_string())))
                .collect::<Vec<_>>()
        })
        .collect();
    for piece in md.split('`').skip(1).step_by(2) {
        if let Some((m, f)) = piece.split_once("::")
            && m.chars().all(|c| c.is_ascii_lowercase())
            && !f.is_empty()
            && f.chars().all(|c| c.is_ascii_lowercase() || c == '_')
            && m != "imr"
        {
            assert!(
                defined.iter().any(|(dm, df)| dm == m && df == f),
                "grammar.md names {m}::{f}, which src/ does not define"
            );
        }
    }
    for ((m, f), _) in grammar_productions() {
        assert!(
            defined.iter().any(|(dm, df)| *dm == m && *df == f),
            "grammar.md names {m}::{f}, which src/ does not define"
        );
        let _ = &code;
    }
}

#[test]
fn every_diagnostic_code_in_grammar_md_exists() {
    let md = grammar_md();
    for piece in md.split('`').skip(1).step_by(2) {
        if let Some(code) = piece.strip_prefix("imr::")
            && !code.is_empty()
            && code.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        {
            assert!(
                imr_determination::Code::ALL
                    .iter()
                    .any(|c| c.as_str() == piece),
                "grammar.md names the unknown code {piece}"
            );
        }
    }
}

#[test]
fn the_checker_reads_productions() {
    let lines = [
        "a = \"x\" , b ;   (* m::a *)",
        "b = c",
        "  | d (* a remark; with a semicolon *) ;  (* m::b *)",
    ];
    let p = productions(&lines);
    assert_eq!(p.len(), 2);
    assert_eq!(p[0].0, "a = \"x\" , b ;");
    assert_eq!(p[1].0, "b = c | d ;");
    assert_eq!(named_function(&p[1].1), Some(("m".into(), "b".into())));
}
