//! `imr export`: the three tables in the three formats hold the same rows with the documented
//! types; `--keep-partial` on letters with errors; the impossible date.
#![cfg(feature = "cli")]

mod common;

use std::path::PathBuf;

use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Int32Type};
use arrow_array::{Array, RecordBatch};
use arrow_schema::DataType;
use common::command::imr;
use imr_determination::table::{Kind, Table};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use serde_json::{Value, json};

const LETTERS: [&str; 2] = ["tests/fixtures/corpus", "tests/fixtures/samples"];
const BAD: &str = "tests/fixtures/invalid/unknown_decision.txt";
const TYPO: &str = "tests/fixtures/invalid/misspelt_heading_and_label.txt";
const IMPOSSIBLE: &str = "tests/fixtures/invalid/impossible_date.txt";

fn temp_file(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("imr-export-test-{}-{name}", std::process::id()))
}

fn jsonl(table: Table, inputs: &[&str]) -> Vec<Value> {
    let mut args = vec!["export", "-t", table.name(), "-f", "jsonl"];
    args.extend(inputs);
    let o = imr(&args);
    assert_eq!(o.code, 0, "{}", o.stderr);
    o.stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect()
}

/// The CSV rows as JSON objects: cells read back by the column's type (lists are JSON arrays).
fn csv_rows(table: Table, inputs: &[&str]) -> Vec<Value> {
    let mut args = vec!["export", "-t", table.name()];
    args.extend(inputs);
    let o = imr(&args);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let mut r = csv::Reader::from_reader(o.stdout.as_bytes());
    let header: Vec<String> = r
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    let names: Vec<&str> = table.columns().iter().map(|c| c.name).collect();
    assert_eq!(header, names);
    r.records()
        .map(|rec| {
            let rec = rec.expect("row");
            let mut row = serde_json::Map::new();
            for (c, cell) in table.columns().iter().zip(rec.iter()) {
                let v = match c.kind {
                    _ if cell.is_empty() => Value::Null,
                    Kind::Text | Kind::Date => json!(cell),
                    Kind::Int | Kind::Bool | Kind::TextList | Kind::IntList => {
                        serde_json::from_str(cell).expect("JSON cell")
                    }
                };
                row.insert(c.name.to_owned(), v);
            }
            Value::Object(row)
        })
        .collect()
}

/// A Parquet cell as JSON, checking its Arrow type is the column's.
fn cell(array: &dyn Array, kind: Kind, i: usize) -> Value {
    let want = match kind {
        Kind::Text => DataType::Utf8,
        Kind::Int => DataType::Int32,
        Kind::Bool => DataType::Boolean,
        Kind::Date => DataType::Date32,
        Kind::TextList | Kind::IntList => array.data_type().clone(),
    };
    assert_eq!(array.data_type(), &want);
    if array.is_null(i) {
        return Value::Null;
    }
    match kind {
        Kind::Text => json!(array.as_string::<i32>().value(i)),
        Kind::Int => json!(array.as_primitive::<Int32Type>().value(i)),
        Kind::Bool => json!(array.as_boolean().value(i)),
        Kind::Date => {
            let d = array
                .as_primitive::<Date32Type>()
                .value_as_date(i)
                .expect("date");
            json!(d.to_string())
        }
        Kind::TextList => {
            let l = array.as_list::<i32>().value(i);
            assert_eq!(l.data_type(), &DataType::Utf8);
            let s = l.as_string::<i32>();
            json!((0..s.len()).map(|k| s.value(k)).collect::<Vec<_>>())
        }
        Kind::IntList => {
            let l = array.as_list::<i32>().value(i);
            assert_eq!(l.data_type(), &DataType::Int32);
            let n = l.as_primitive::<Int32Type>();
            json!((0..n.len()).map(|k| n.value(k)).collect::<Vec<_>>())
        }
    }
}

fn parquet_rows(table: Table, inputs: &[&str]) -> Vec<Value> {
    let path = temp_file(&format!("{}.parquet", table.name()));
    let path_str = path.to_str().expect("path");
    let mut args = vec![
        "export",
        "-t",
        table.name(),
        "-f",
        "parquet",
        "-o",
        path_str,
    ];
    args.extend(inputs);
    let o = imr(&args);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stdout.is_empty());
    let file = std::fs::File::open(&path).expect("parquet file");
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .expect("parquet")
        .build()
        .expect("reader");
    let mut rows = Vec::new();
    for batch in reader {
        let batch: RecordBatch = batch.expect("batch");
        for i in 0..batch.num_rows() {
            let mut row = serde_json::Map::new();
            for (k, c) in table.columns().iter().enumerate() {
                assert_eq!(batch.schema().field(k).name(), c.name);
                row.insert(c.name.to_owned(), cell(batch.column(k).as_ref(), c.kind, i));
            }
            rows.push(Value::Object(row));
        }
    }
    let _ = std::fs::remove_file(&path);
    rows
}

#[test]
fn the_three_formats_hold_the_same_rows() {
    for table in Table::ALL {
        let want = jsonl(table, &LETTERS);
        assert!(want.len() >= 25, "{}: {} rows", table.name(), want.len());
        assert_eq!(csv_rows(table, &LETTERS), want, "{} as CSV", table.name());
        assert_eq!(
            parquet_rows(table, &LETTERS),
            want,
            "{} as Parquet",
            table.name()
        );
    }
}

#[test]
fn letters_count_items_and_decisions() {
    let letters = jsonl(Table::Letters, &LETTERS);
    let items = jsonl(Table::Items, &LETTERS);
    let files: usize = LETTERS
        .iter()
        .map(|d| {
            std::fs::read_dir(d)
                .expect("folder")
                .filter(|e| {
                    e.as_ref().is_ok_and(|e| {
                        let ext = e.path().extension().map(|x| x.to_owned());
                        // A folder's PDFs are letters too, with the `pdf` feature.
                        ext == Some("txt".into())
                            || (cfg!(feature = "pdf") && ext == Some("pdf".into()))
                    })
                })
                .count()
        })
        .sum();
    assert_eq!(letters.len(), files, "one row per letter");
    for l in &letters {
        let of = |d: &str| {
            items
                .iter()
                .filter(|i| i["path"] == l["path"] && (d.is_empty() || i["decision"] == d))
                .count()
        };
        assert_eq!(l["item_count"], of(""));
        assert_eq!(l["upheld"], of("upheld"));
        assert_eq!(l["overturned"], of("overturned"));
        assert_eq!(l["status"], "conforming");
        assert_eq!(l["codes"], json!([]));
    }
    let first = &letters[0];
    assert_eq!(first["date_assigned"], "2016-11-09");
    assert_eq!(first["reviewer_specialties"], json!(["Family Medicine"]));
}

#[test]
fn citations_carry_guideline_ids_and_publishers() {
    let rows = jsonl(Table::Citations, &LETTERS);
    let mtus: Vec<&Value> = rows.iter().filter(|r| r["source"] == "MTUS").collect();
    assert!(
        mtus.iter().all(|r| !r["guideline_id"].is_null()),
        "every MTUS title known"
    );
    let chronic: std::collections::HashSet<&str> = mtus
        .iter()
        .filter(|r| r["guideline_id"] == "chronic_pain")
        .filter_map(|r| r["guideline"].as_str())
        .collect();
    assert!(chronic.len() >= 2, "editions under one id: {chronic:?}");
    let non_mtus: Vec<&Value> = rows.iter().filter(|r| r["source"] == "Non-MTUS").collect();
    assert!(!non_mtus.is_empty());
    assert!(non_mtus.iter().all(|r| r["guideline_id"].is_null()));
    let odg = non_mtus.iter().filter(|r| r["publisher"] == "ODG").count();
    assert!(
        odg * 10 >= non_mtus.len() * 9,
        "{odg} of {}",
        non_mtus.len()
    );
}

#[test]
fn keep_partial_exports_the_rows_of_letters_with_errors() {
    for bad in [BAD, TYPO] {
        let o = imr(&["export", bad]);
        assert_eq!(o.code, 1);
        assert_eq!(o.stdout.lines().count(), 1, "the header only");
        assert!(o.stderr.contains("error["), "{}", o.stderr);
        assert!(o.stderr.contains("--keep-partial"), "{}", o.stderr);

        let o = imr(&["export", "-f", "jsonl", "--keep-partial", bad]);
        assert_eq!(o.code, 1, "errors still set the status");
        assert!(o.stderr.contains("error["), "{}", o.stderr);
        let rows: Vec<Value> = o
            .stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert!(!rows.is_empty(), "{bad}");
        assert!(rows.iter().all(|r| r["status"] == "errors"));

        let o = imr(&[
            "export",
            "-t",
            "letters",
            "-f",
            "jsonl",
            "--keep-partial",
            bad,
        ]);
        let letter: Value = serde_json::from_str(o.stdout.trim()).unwrap();
        assert_eq!(letter["status"], "errors");
        assert!(!letter["codes"].as_array().unwrap().is_empty());
    }
    let o = imr(&["parse", BAD]);
    assert!(o.stdout.is_empty());
    let o = imr(&["parse", "--keep-partial", BAD]);
    let tree: Value = serde_json::from_str(&o.stdout).expect("the partial tree");
    assert!(!tree["items"].as_array().unwrap().is_empty());
    let o = imr(&["parse", "-f", "jsonl", "--keep-partial", BAD]);
    let line: Value = serde_json::from_str(o.stdout.trim()).unwrap();
    assert!(line["document"].is_object());
    assert!(!line["diagnostics"].as_array().unwrap().is_empty());
}

#[test]
fn an_impossible_date_is_empty_and_a_warning() {
    let o = imr(&["export", "-t", "letters", "-f", "jsonl", IMPOSSIBLE]);
    assert_eq!(o.code, 0, "a warning");
    let letter: Value = serde_json::from_str(o.stdout.trim()).unwrap();
    assert_eq!(letter["date_of_injury"], Value::Null);
    assert_eq!(letter["date_assigned"], "2016-11-09");
    assert_eq!(letter["status"], "warnings");
    assert_eq!(letter["codes"], json!(["imr::impossible_date"]));
    let o = imr(&["parse", IMPOSSIBLE]);
    let tree: Value = serde_json::from_str(&o.stdout).unwrap();
    let d = &tree["case_header"]["date_of_injury"];
    assert_eq!(
        (&d["text"], &d["value"]),
        (&json!("02/30/2016"), &Value::Null)
    );
    assert_eq!(tree["case_header"]["date_assigned"]["value"], "2016-11-09");
}

#[test]
fn parquet_needs_a_file_and_a_writable_one() {
    let o = imr(&["export", "-f", "parquet", LETTERS[0]]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("-o FILE"), "{}", o.stderr);
    let o = imr(&[
        "export",
        "-f",
        "parquet",
        "-o",
        "/nonexistent/x.parquet",
        LETTERS[0],
    ]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("cannot create"), "{}", o.stderr);
}

#[test]
fn csv_to_a_file_is_what_standard_output_gets() {
    let path = temp_file("items.csv");
    let o = imr(&["export", "-o", path.to_str().unwrap(), LETTERS[1]]);
    assert_eq!(o.code, 0);
    assert!(o.stdout.is_empty());
    let written = std::fs::read_to_string(&path).unwrap();
    let _ = std::fs::remove_file(&path);
    assert_eq!(written, imr(&["export", LETTERS[1]]).stdout);
}

#[test]
fn the_table_does_not_replace_an_input() {
    let letter = temp_file("input.txt");
    std::fs::copy("tests/fixtures/samples/000_c4fc68c783e212d6.txt", &letter).unwrap();
    let before = std::fs::read(&letter).unwrap();
    let path = letter.to_str().unwrap();
    let o = imr(&["export", "-o", path, path]);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains("is an input; write the table elsewhere"),
        "{}",
        o.stderr
    );
    assert_eq!(std::fs::read(&letter).unwrap(), before);
    std::fs::remove_file(&letter).ok();
}
