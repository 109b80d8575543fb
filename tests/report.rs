//! `imr report`: the page's numbers are those a query over `imr export` gives, over every
//! fixture; the page is self-contained; an empty folder and a folder of malformed letters give
//! a page that says so.
#![cfg(feature = "cli")]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::command::imr;
use serde_json::{Value, json};

const FIXTURES: &str = "tests/fixtures";

fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("imr-report-test-{}-{name}", std::process::id()))
}

/// The page of `inputs` (written with `-o`), its exit status and the JSON it embeds.
fn report(extra: &[&str], inputs: &[&str], name: &str) -> (i32, String, Value) {
    let file = temp(name);
    let path = file.to_str().unwrap();
    let mut args = vec!["report", "-o", path];
    args.extend(extra);
    args.extend(inputs);
    let o = imr(&args);
    assert!(o.stdout.is_empty(), "the page goes to the file");
    let html = std::fs::read_to_string(&file).expect("the page is written");
    std::fs::remove_file(&file).ok();
    let data = embedded(&html);
    (o.code, html, data)
}

/// The JSON in `<script type="application/json" id="imr-report-data">`.
fn embedded(html: &str) -> Value {
    let open = r#"<script type="application/json" id="imr-report-data">"#;
    let start = html.find(open).expect("the data is embedded") + open.len();
    let len = html[start..].find("</script>").expect("closed");
    serde_json::from_str(&html[start..start + len]).expect("JSON")
}

fn export(table: &str, extra: &[&str]) -> (Vec<Value>, String) {
    let mut args = vec!["export", "-t", table, "-f", "jsonl"];
    args.extend(extra);
    args.push(FIXTURES);
    let o = imr(&args);
    let rows = o.stdout.lines().map(|l| serde_json::from_str(l).unwrap());
    (rows.collect(), o.stderr)
}

/// Items, upheld, overturned.
type Counts = [u64; 3];

fn add(groups: &mut BTreeMap<String, Counts>, key: &str, decision: &Value) {
    let c = groups.entry(key.to_owned()).or_default();
    c[0] += 1;
    c[1] += u64::from(decision == "upheld");
    c[2] += u64::from(decision == "overturned");
}

/// The 95% Wilson score interval, written out again.
fn wilson(upheld: u64, overturned: u64) -> (f64, f64) {
    let n = (upheld + overturned) as f64;
    let p = upheld as f64 / n;
    let z = 1.96_f64;
    let centre = (p + z * z / (2.0 * n)) / (1.0 + z * z / n);
    let half = z / (1.0 + z * z / n) * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt();
    (centre - half, centre + half)
}

/// A grouping of the page against the groups computed from the export: the same groups, most
/// items first, the same counts and rates, the rest summed; each shown in the page's table.
fn same_grouping(page: &Value, want: &BTreeMap<String, Counts>, top: usize, html: &str) {
    let mut order: Vec<(&String, &Counts)> = want.iter().collect();
    order.sort_by(|a, b| b.1[0].cmp(&a.1[0]).then(a.0.cmp(b.0)));
    let groups = page["groups"].as_array().unwrap();
    assert_eq!(groups.len(), order.len().min(top), "{page}");
    for (g, (key, c)) in groups.iter().zip(&order) {
        assert_eq!(g["key"], **key);
        assert_eq!(
            [&g["items"], &g["upheld"], &g["overturned"]],
            c.map(Value::from).each_ref()
        );
        let rate = g["uphold_rate"].as_f64().unwrap();
        assert!(
            (rate - c[1] as f64 / (c[1] + c[2]) as f64).abs() < 1e-9,
            "{g}"
        );
        let (low, high) = wilson(c[1], c[2]);
        let (l, h) = (g["low"].as_f64().unwrap(), g["high"].as_f64().unwrap());
        assert!(
            (l - low).abs() < 1e-4 && (h - high).abs() < 1e-4,
            "{g}: {low} {high}"
        );
        // The page escapes `/` as HTML allows.
        let row = format!(
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>",
            key.replace('/', "&#x2f;"),
            c[0],
            c[1],
            c[2]
        );
        assert!(html.contains(&row), "the table shows {row}");
    }
    let rest = &order[groups.len()..];
    assert_eq!(page["others"], rest.len());
    assert_eq!(
        page["other_items"],
        rest.iter().map(|(_, c)| c[0]).sum::<u64>()
    );
}

#[test]
fn the_numbers_are_those_of_the_export() {
    let (_, html, page) = report(&[], &[FIXTURES], "fixtures.html");
    let (letters, _) = export("letters", &[]);
    let (items, _) = export("items", &[]);
    let (citations, _) = export("citations", &[]);
    let (all_letters, stderr) = export("letters", &["--keep-partial"]);

    // Letters: counted are those export gives rows for; conformance over every letter read.
    let l = &page["letters"];
    assert_eq!(l["counted"], letters.len());
    let status = |s: &str| all_letters.iter().filter(|r| r["status"] == s).count();
    assert_eq!(l["conforming"], status("conforming"));
    assert_eq!(l["warnings"], status("warnings"));
    assert_eq!(l["errors"], status("errors"));
    let unreadable = stderr.lines().filter(|l| l.starts_with("imr: ")).count();
    assert!(unreadable > 0, "the fixtures hold unreadable PDFs");
    assert_eq!(l["unreadable"], unreadable);
    assert_eq!(l["inputs"], all_letters.len() + unreadable);

    // Totals.
    let decided = |d: &str| items.iter().filter(|r| r["decision"] == d).count();
    let t = &page["totals"];
    assert_eq!(t["items"], items.len());
    assert_eq!(t["upheld"], decided("upheld"));
    assert_eq!(t["overturned"], decided("overturned"));
    let modified = items.iter().filter(|r| !r["original_request"].is_null());
    assert_eq!(t["modified"], modified.count());
    let per_letter = items.len() as f64 / letters.len() as f64;
    assert!((t["items_per_letter"].as_f64().unwrap() - per_letter).abs() < 1e-9);

    // The groupings.
    let mut by = <[BTreeMap<String, Counts>; 4]>::default();
    for r in &items {
        let d = &r["decision"];
        add(&mut by[0], r["category"].as_str().unwrap(), d);
        if let Some(class) = r["drug_class"].as_str() {
            add(&mut by[1], class, d);
        }
        for s in r["reviewer_specialties"].as_array().unwrap() {
            add(&mut by[2], s.as_str().unwrap(), d);
        }
        if let Some(date) = r["decision_date"].as_str() {
            add(&mut by[3], &date[..7], d);
        }
    }
    let mut guideline = BTreeMap::new();
    let mut seen = std::collections::HashSet::new();
    for c in &citations {
        let id = c["guideline_id"].as_str();
        if let (Some(id), "maximus") = (id, c["side"].as_str().unwrap()) {
            // An item citing a guideline twice counts once under it.
            if seen.insert((c["path"].to_string(), c["item_index"].to_string(), id)) {
                add(&mut guideline, id, &c["decision"]);
            }
        }
    }
    assert!(
        by.iter().all(|g| g.len() > 1) && guideline.len() > 5,
        "{by:?}"
    );
    same_grouping(&page["by_category"], &by[0], usize::MAX, &html);
    same_grouping(&page["by_drug_class"], &by[1], usize::MAX, &html);
    same_grouping(&page["by_specialty"], &by[2], 15, &html);
    same_grouping(&page["by_guideline"], &guideline, 15, &html);
    // The months in time order, all of them, and those between with no item.
    let months = page["by_month"]["groups"].as_array().unwrap();
    let dated: BTreeMap<String, Counts> = (months.iter())
        .filter(|g| g["items"] != 0)
        .map(|g| {
            (
                g["key"].as_str().unwrap().to_owned(),
                [&g["items"], &g["upheld"], &g["overturned"]].map(|v| v.as_u64().unwrap()),
            )
        })
        .collect();
    assert_eq!(dated, by[3]);
    let keys: Vec<&str> = months.iter().map(|g| g["key"].as_str().unwrap()).collect();
    assert!(keys.windows(2).all(|w| w[0] < w[1]), "{keys:?}");
    assert_eq!(
        keys.first().copied(),
        by[3].keys().next().map(String::as_str)
    );
    assert_eq!(
        keys.last().copied(),
        by[3].keys().next_back().map(String::as_str)
    );
    let undated = items
        .iter()
        .filter(|r| r["decision_date"].is_null())
        .count();
    assert_eq!(page["by_month"]["ungrouped_items"], undated);

    // Diagnostic codes: letters with each, and the first five of them.
    let mut codes: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for r in &all_letters {
        for c in r["codes"].as_array().unwrap() {
            let letters = codes.entry(c.as_str().unwrap()).or_default();
            letters.push(r["path"].as_str().unwrap());
        }
    }
    let shown = page["codes"].as_array().unwrap();
    assert_eq!(shown.len(), codes.len());
    for c in shown {
        let letters = &codes[c["code"].as_str().unwrap()];
        assert_eq!(c["letters"], letters.len());
        assert_eq!(c["examples"], json!(letters[..letters.len().min(5)]));
        assert!(!c["meaning"].as_str().unwrap().is_empty());
        assert_eq!(c["denied"], false);
    }
}

#[test]
fn a_denied_warning_is_shown_as_counted_as_an_error() {
    let letter = "tests/fixtures/invalid/impossible_date.txt";
    let (code, html, page) = report(&["--deny", "impossible_date"], &[letter], "denied.html");
    assert_eq!(code, 1);
    assert_eq!(page["letters"]["errors"], 1);
    let c = &page["codes"][0];
    assert_eq!(
        (&c["code"], &c["severity"], &c["denied"]),
        (
            &json!("imr::impossible_date"),
            &json!("warning"),
            &json!(true)
        )
    );
    assert!(html.contains("counted as an error (--deny)"));
}

#[test]
fn one_letter_gives_charts_of_one_group() {
    let (code, html, page) = report(
        &[],
        &["tests/fixtures/corpus/CM16-0213037.pypdf.txt"],
        "one.html",
    );
    assert_eq!(code, 0);
    assert_eq!(page["by_month"]["groups"].as_array().unwrap().len(), 1);
    assert!(html.matches("<svg").count() >= 4, "{html}");
    assert!(
        !html.contains("height=\"-") && !html.contains("width=\"-"),
        "no negative size"
    );
}

#[test]
fn the_page_does_not_replace_an_input() {
    let dir = temp("self");
    std::fs::create_dir_all(&dir).unwrap();
    let letter = dir.join("letter.txt");
    std::fs::copy("tests/fixtures/samples/000_c4fc68c783e212d6.txt", &letter).unwrap();
    let before = std::fs::read(&letter).unwrap();
    let o = imr(&[
        "report",
        "-o",
        letter.to_str().unwrap(),
        dir.to_str().unwrap(),
    ]);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains("is an input; write the page elsewhere"),
        "{}",
        o.stderr
    );
    assert_eq!(std::fs::read(&letter).unwrap(), before);
    // By another name for the same file.
    #[cfg(unix)]
    {
        let link = dir.with_extension("link.txt");
        std::os::unix::fs::symlink(&letter, &link).unwrap();
        let o = imr(&[
            "report",
            "-o",
            link.to_str().unwrap(),
            dir.to_str().unwrap(),
        ]);
        std::fs::remove_file(&link).ok();
        assert_eq!(o.code, 2, "{}", o.stderr);
        assert_eq!(std::fs::read(&letter).unwrap(), before);
    }
    // Written into the folder read, under a letter's extension: read before it is written.
    let page = dir.join("report.txt");
    let o = imr(&[
        "report",
        "-o",
        page.to_str().unwrap(),
        dir.to_str().unwrap(),
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stderr.contains("1 input (1 conforming"), "{}", o.stderr);
    assert_eq!(
        embedded(&std::fs::read_to_string(&page).unwrap())["letters"]["inputs"],
        1
    );
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 2, "no temporary file is left: {left:?}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_page_asks_nothing_of_the_network() {
    let (_, html, _) = report(&[], &["tests/fixtures/corpus"], "offline.html");
    // The only address is the SVG namespace's name, which is never fetched.
    let svg_namespace = r#"xmlns="http://www.w3.org/2000/svg""#;
    let rest = html.replace(svg_namespace, "");
    for word in [
        "http:", "https:", "//", "<link", "<img", "<iframe", "src=", "url(",
    ] {
        assert!(!rest.contains(word), "the page holds {word:?}");
    }
    assert_eq!(html.matches("<svg").count(), 5, "five charts");
    assert!(!html.contains("NaN"));
}

#[test]
fn the_page_goes_to_standard_output_without_a_file() {
    let o = imr(&[
        "report",
        "--title",
        "Samples & <more>",
        "tests/fixtures/samples",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stdout.starts_with("<!DOCTYPE html>"));
    assert!(
        o.stdout
            .contains("<title>Samples &amp; &lt;more&gt;</title>")
    );
    assert_eq!(embedded(&o.stdout)["letters"]["conforming"], 5);
}

#[test]
fn an_empty_folder_gives_a_page_that_says_so() {
    let dir = temp("empty");
    std::fs::create_dir_all(&dir).unwrap();
    let (code, html, page) = report(&[], &[dir.to_str().unwrap()], "empty.html");
    std::fs::remove_dir(&dir).ok();
    assert_eq!(
        code, 2,
        "a folder without letters is an input problem, as for check"
    );
    assert!(
        html.contains("No letter could be counted: no letter was read"),
        "{html}"
    );
    assert!(html.contains("no letters in this folder"), "{html}");
    assert!(!html.contains("NaN") && !html.contains("<svg"), "{html}");
    assert_eq!(page["letters"]["counted"], 0);
    assert_eq!(page["totals"]["uphold_rate"], Value::Null);
}

#[test]
fn a_folder_of_malformed_letters_gives_a_page_that_says_so() {
    let dir = temp("malformed");
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["unknown_decision", "missing_section", "not_a_determination"] {
        let from = Path::new("tests/fixtures/invalid").join(format!("{name}.txt"));
        std::fs::copy(from, dir.join(format!("{name}.txt"))).unwrap();
    }
    let (code, html, page) = report(&[], &[dir.to_str().unwrap()], "malformed.html");
    assert_eq!(code, 1, "letters with errors");
    assert!(html.contains("No letter could be counted: all 3 letters read have errors"));
    assert!(html.contains("--keep-partial"));
    assert!(!html.contains("NaN") && !html.contains("<svg"), "{html}");
    assert_eq!(page["letters"]["errors"], 3);
    assert_eq!(
        page["codes"].as_array().unwrap().len(),
        3,
        "{}",
        page["codes"]
    );
    // Counted anyway when asked.
    let (_, html, page) = report(
        &["--keep-partial"],
        &[dir.to_str().unwrap()],
        "partial.html",
    );
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(page["letters"]["counted"], 3);
    assert!(page["totals"]["items"].as_u64().unwrap() > 0);
    assert!(!html.contains("NaN"));
}

#[test]
fn a_page_that_cannot_be_written_is_known_before_the_letters_are_read() {
    let o = imr(&["report", "-o", "/nonexistent/folder/report.html", FIXTURES]);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr
            .starts_with("imr: cannot create /nonexistent/folder/report.html"),
        "{}",
        o.stderr
    );
    assert!(
        !o.stderr.contains("password"),
        "no letter was read: {}",
        o.stderr
    );
}
