//! docs/tables.md shows every column of every table as the crate defines it (name, type,
//! meaning), and the vocabularies' tables: between `<!-- generated: NAME -->` and
//! `<!-- /generated -->`, the table rendered from the crate. Run with `IMR_BLESS_DOCS=1` to
//! rewrite them after changing a column or a vocabulary (then review the diff).

use imr_determination::table::{Table, markdown};
use imr_determination::vocab::{GUIDELINES, SPECIALTIES};

/// The guideline ids as docs/tables.md lists them.
fn guidelines() -> String {
    let mut s =
        String::from("| `guideline_id` | guideline | titles letters cite it by |\n|---|---|---|\n");
    for (id, name, titles) in GUIDELINES {
        let titles: Vec<String> = titles.iter().map(|t| format!("`{t}`")).collect();
        s.push_str(&format!("| `{id}` | {name} | {} |\n", titles.join(", ")));
    }
    s
}

/// The specialties as docs/tables.md lists them.
fn specialties() -> String {
    let mut s = String::from("| ABMS name | also written |\n|---|---|\n");
    for (name, others) in SPECIALTIES {
        let others: Vec<String> = others.iter().map(|t| format!("`{t}`")).collect();
        s.push_str(&format!("| {name} | {} |\n", others.join(", ")));
    }
    s
}

#[test]
fn tables_md_documents_every_column() {
    let path = "docs/tables.md";
    let doc = std::fs::read_to_string(path).expect("docs/tables.md");
    let mut want = doc.clone();
    let parts = Table::ALL
        .into_iter()
        .map(|t| (t.name(), markdown(t)))
        .chain([("guidelines", guidelines()), ("specialties", specialties())]);
    for (name, content) in parts {
        let open = format!("<!-- generated: {name} -->\n");
        let close = "<!-- /generated -->";
        let start = want
            .find(&open)
            .unwrap_or_else(|| panic!("{path} lacks {open}"))
            + open.len();
        let end = start + want[start..].find(close).expect("closing marker");
        want.replace_range(start..end, &content);
    }
    if std::env::var_os("IMR_BLESS_DOCS").is_some() {
        std::fs::write(path, &want).expect("write");
        return;
    }
    assert!(
        doc == want,
        "{path} is not up to date with the columns (IMR_BLESS_DOCS=1 rewrites it)"
    );
}
