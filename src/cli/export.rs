//! `imr export`: the `letters`, `items` or `citations` table (see
//! [`imr_determination::table`] and docs/tables.md) as CSV, JSON lines or Parquet.
//!
//! In CSV, a list cell is a JSON array (`["California","Nevada"]`), an absent value an empty
//! cell, a date ISO 8601 (`2016-11-09`); in JSON lines, every row is an object with the table's
//! columns as keys in order, lists arrays and absent values `null`. Parquet is written by
//! [`parquet::Writer`] from rows the worker threads encode ([`encode`]).
//!
//! Letters with errors give no rows unless `--keep-partial`; their diagnostics go to standard
//! error, one line each, either way.

mod parquet;

use std::fs::File;
use std::io::{self, BufWriter, Write};

use imr_determination::table::{self, Table, Value};
use serde::ser::{Serialize, SerializeMap, Serializer};

use super::Options;
use super::args::{ExportArgs, ExportFormat, ExportTable};
use super::check::compact;
use super::inputs::{self, Input};
use super::run::{self, Outcome, Status};

/// Runs `imr export` and returns the exit status: as for `check`, 2 when an input cannot be
/// read or the output cannot be written, 1 when a letter has errors (exported or not), else 0.
pub fn command(args: &ExportArgs, opts: &Options, stdout: &mut impl Write) -> u8 {
    let table = match args.table {
        ExportTable::Letters => Table::Letters,
        ExportTable::Items => Table::Items,
        ExportTable::Citations => Table::Citations,
    };
    let inputs = inputs::expand(&args.inputs);
    let work = |i: &Input| export(i, table, args.format, args.keep_partial, opts);
    if let Some(path) = args.output.as_deref()
        && inputs::is_an_input(path, &inputs.list)
    {
        eprintln!(
            "imr: {} is an input; write the table elsewhere",
            path.display()
        );
        return 2;
    }
    let file = match &args.output {
        None if args.format == ExportFormat::Parquet => {
            eprintln!("imr: Parquet is binary: give a file with -o FILE");
            return 2;
        }
        None => None,
        Some(path) => match File::create(path) {
            Ok(f) => Some((path, BufWriter::new(f))),
            Err(e) => {
                eprintln!("imr: cannot create {}: {e}", path.display());
                return 2;
            }
        },
    };
    let header = match args.format {
        ExportFormat::Csv => csv_header(table),
        _ => Vec::new(),
    };
    let (tally, finished) = match (file, args.format) {
        (Some((path, file)), ExportFormat::Parquet) => {
            let mut writer = match parquet::Writer::new(file, table) {
                Ok(w) => w,
                Err(e) => {
                    eprintln!("imr: cannot write {}: {e}", path.display());
                    return 2;
                }
            };
            let tally = run::run(&inputs.list, &header, &mut writer, opts.progress, work);
            (tally, writer.finish().map(drop))
        }
        (Some((_, mut file)), _) => {
            let tally = run::run(&inputs.list, &header, &mut file, opts.progress, work);
            (tally, file.flush())
        }
        (None, _) => (
            run::run(&inputs.list, &header, stdout, opts.progress, work),
            Ok(()),
        ),
    };
    if let Err(e) = finished {
        let to = args
            .output
            .as_ref()
            .map_or("-".into(), |p| p.display().to_string());
        eprintln!("imr: cannot write {to}: {e}");
        return 2;
    }
    tally.exit_code(false)
}

/// The CSV header row of a table.
pub fn csv_header(table: Table) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(table.columns().iter().map(|c| c.name));
    w.into_inner().unwrap_or_default()
}

/// A cell as CSV writes it: lists as JSON arrays, dates ISO, absent values empty.
fn csv_cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Text(t) => t.clone(),
        Value::Int(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Date(d) => d.to_string(),
        Value::Texts(_) | Value::Ints(_) => serde_json::to_string(v).unwrap_or_default(),
    }
}

/// A row as a JSON object: the table's column names as keys, in order.
struct Row<'r>(Table, &'r [Value]);

impl Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.1.len()))?;
        for (c, v) in self.0.columns().iter().zip(self.1) {
            map.serialize_entry(c.name, v)?;
        }
        map.end()
    }
}

/// `imr export` on one input: its rows in `out` (CSV, JSON lines, or encoded for the Parquet
/// writer); when it has errors, its diagnostics (not with `--quiet`) on standard error, and,
/// unless `keep_partial`, no rows but a line saying so.
pub fn export(
    input: &Input,
    table: Table,
    format: ExportFormat,
    keep_partial: bool,
    opts: &Options,
) -> Outcome {
    Outcome::of_letter(input, opts, |name, parsed, o| {
        if o.status == Status::Errors {
            if !opts.quiet {
                o.err = compact(parsed, name, &opts.lints).into_bytes();
            }
            if !keep_partial {
                o.err.extend_from_slice(
                    format!("imr: {name}: has errors; no rows exported (see --keep-partial)\n")
                        .as_bytes(),
                );
                return;
            }
        }
        let path = input.path();
        // The status as the lint levels make it (`--deny` turns a warning into an error).
        let status = match o.status {
            Status::Errors => "errors",
            Status::Warnings => "warnings",
            _ => "conforming",
        };
        let status_column = table.column("status");
        let rows = |emit: &mut dyn FnMut(Vec<Value>)| {
            table::rows(table, &path, parsed, |mut row| {
                if let Some(k) = status_column {
                    row[k] = Value::Text(status.to_owned());
                }
                emit(row);
            });
        };
        match format {
            ExportFormat::Csv => {
                let mut w = csv::Writer::from_writer(Vec::new());
                rows(&mut |row| {
                    let _ = w.write_record(row.iter().map(csv_cell));
                });
                o.out = w.into_inner().unwrap_or_default();
            }
            ExportFormat::Jsonl => {
                rows(&mut |row| super::json_line(&Row(table, &row), &mut o.out));
            }
            ExportFormat::Parquet => {
                rows(&mut |row| encode(&row, &mut o.out));
            }
        }
    })
}

/// Tags of the encoding of a cell.
mod tag {
    pub const NULL: u8 = 0;
    pub const TEXT: u8 = 1;
    pub const INT: u8 = 2;
    pub const BOOL: u8 = 3;
    pub const DATE: u8 = 4;
    pub const TEXTS: u8 = 5;
    pub const INTS: u8 = 6;
}

/// Appends a row to `out` in the form the Parquet writer reads: the row's length in bytes (4
/// bytes, little-endian), then each cell as a tag byte and its value (integers and dates as 4
/// bytes, texts as their length then their bytes, lists as their length then their values).
/// The rows cross from the worker threads to the writing thread in `Outcome::out` like the
/// bytes of the other formats, without a text format's cost of printing and reading numbers.
fn encode(row: &[Value], out: &mut Vec<u8>) {
    fn len(n: usize, out: &mut Vec<u8>) {
        out.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
    }
    fn text(t: &str, out: &mut Vec<u8>) {
        len(t.len(), out);
        out.extend_from_slice(t.as_bytes());
    }
    let start = out.len();
    out.extend_from_slice(&[0; 4]);
    for v in row {
        match v {
            Value::Null => out.push(tag::NULL),
            Value::Text(t) => {
                out.push(tag::TEXT);
                text(t, out);
            }
            Value::Int(n) => {
                out.push(tag::INT);
                out.extend_from_slice(&n.to_le_bytes());
            }
            Value::Bool(b) => out.extend_from_slice(&[tag::BOOL, u8::from(*b)]),
            Value::Date(d) => {
                out.push(tag::DATE);
                out.extend_from_slice(&d.days_since_epoch().to_le_bytes());
            }
            Value::Texts(l) => {
                out.push(tag::TEXTS);
                len(l.len(), out);
                for t in l {
                    text(t, out);
                }
            }
            Value::Ints(l) => {
                out.push(tag::INTS);
                len(l.len(), out);
                for n in l {
                    out.extend_from_slice(&n.to_le_bytes());
                }
            }
        }
    }
    let n = u32::try_from(out.len() - start - 4).unwrap_or(u32::MAX);
    out[start..start + 4].copy_from_slice(&n.to_le_bytes());
}

/// An I/O error for bytes that are not rows as [`encode`] writes them (a bug, not bad input).
fn malformed() -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        "malformed row for the Parquet writer",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_lists_are_json_arrays() {
        let cell = csv_cell(&Value::Texts(vec![
            "California".into(),
            "a; b \"c\"".into(),
        ]));
        assert_eq!(cell, r#"["California","a; b \"c\""]"#);
        assert_eq!(csv_cell(&Value::Ints(vec![])), "[]");
        assert_eq!(csv_cell(&Value::Null), "");
    }
}
