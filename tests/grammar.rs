//! `grammar.md` and the code are one thing: every function it names exists in `src/`, and every
//! function named for a production shows a production (`name := ...`) in its doc comment.

use std::path::Path;

/// The source of a module of `src/` by its name: `src/NAME.rs`, `src/NAME/mod.rs` or a
/// submodule `src/*/NAME.rs`.
fn source(module: &str) -> Option<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let read = |p: std::path::PathBuf| std::fs::read_to_string(p).ok();
    read(src.join(format!("{module}.rs")))
        .or_else(|| read(src.join(module).join("mod.rs")))
        .or_else(|| {
            std::fs::read_dir(&src)
                .ok()?
                .filter_map(Result::ok)
                .find_map(|d| read(d.path().join(format!("{module}.rs"))))
        })
}

/// The doc comment lines right above the module-level `fn name`, if the function exists.
fn doc_of(src: &str, name: &str) -> Option<String> {
    let lines: Vec<&str> = src.lines().collect();
    let at = lines.iter().position(|l| {
        let l = l
            .strip_prefix("pub(crate) ")
            .or_else(|| l.strip_prefix("pub "))
            .unwrap_or(l);
        l.strip_prefix("fn ").is_some_and(|rest| {
            rest.starts_with(name) && rest[name.len()..].starts_with(['(', '<'])
        })
    })?;
    let doc: Vec<&str> = lines[..at]
        .iter()
        .rev()
        .take_while(|l| l.trim_start().starts_with("///") || l.trim_start().starts_with("#["))
        .copied()
        .collect();
    Some(doc.into_iter().rev().collect::<Vec<_>>().join("\n"))
}

/// `module::function` names in the text: in `(* ... *)` comments (productions) and in
/// backticks (prose).
/// `(module, function)` pairs.
type Names = Vec<(String, String)>;

fn names(text: &str) -> (Names, Names) {
    let mut productions = Vec::new();
    let mut prose = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("(*") {
        let Some(j) = rest[i..].find("*)") else { break };
        let inner = rest[i + 2..i + j].trim();
        if let Some((m, f)) = inner.split_once("::")
            && m.chars().all(|c| c.is_ascii_lowercase() || c == '_')
            && f.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        {
            productions.push((m.to_string(), f.to_string()));
        }
        rest = &rest[i + j + 2..];
    }
    for piece in text.split('`').skip(1).step_by(2) {
        if let Some((m, f)) = piece.split_once("::")
            && m.chars().all(|c| c.is_ascii_lowercase())
            && f.chars().all(|c| c.is_ascii_lowercase() || c == '_')
            && !f.is_empty()
        {
            prose.push((m.to_string(), f.to_string()));
        }
    }
    (productions, prose)
}

#[test]
fn every_function_named_in_grammar_md_exists() {
    let grammar = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("grammar.md"))
        .expect("grammar.md");
    let (productions, prose) = names(&grammar);
    assert!(
        productions.len() >= 30,
        "only {} productions found",
        productions.len()
    );
    for (module, function) in productions.iter().chain(&prose) {
        if module == "imr" {
            continue; // diagnostic codes such as `imr::missing_section`
        }
        let src = source(module).unwrap_or_else(|| panic!("grammar.md names src/{module}.rs"));
        assert!(
            doc_of(&src, function).is_some(),
            "grammar.md names {module}::{function}, which src/{module}.rs does not define"
        );
    }
    for (module, function) in &productions {
        let src = source(module).expect("module");
        let doc = doc_of(&src, function).expect("function");
        assert!(
            doc.contains(":="),
            "{module}::{function} implements a production of grammar.md but its doc comment \
             does not show it:\n{doc}"
        );
    }
}

#[test]
fn every_diagnostic_code_in_grammar_md_exists() {
    let grammar = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("grammar.md"))
        .expect("grammar.md");
    let (_, prose) = names(&grammar);
    for (module, code) in prose.iter().filter(|(m, _)| m == "imr") {
        let full = format!("{module}::{code}");
        assert!(
            imr_determination::Code::ALL
                .iter()
                .any(|c| c.as_str() == full),
            "grammar.md names the unknown code {full}"
        );
    }
}
