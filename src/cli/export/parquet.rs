//! The Parquet writer of `imr export --format parquet`.
//!
//! It is the `Write` the ordered run writes each letter's bytes to: the rows that
//! [`encode`](super::encode) made, read back into one Arrow builder per column. Every
//! [`BATCH`] rows become a record batch handed to Parquet's Arrow writer, which closes a row
//! group every [`ROW_GROUP`] rows (or [`ROW_GROUP_BYTES`]), so memory stays flat however many
//! letters stream by. Columns map to Parquet types by their [`Kind`]: text `STRING`, integers
//! `INT32`, flags `BOOLEAN`, dates `DATE`, lists `LIST` of `STRING` or `INT32`; Snappy
//! compression.

use std::io::{self, Write};
use std::sync::Arc;

use arrow_array::builder::{
    ArrayBuilder, BooleanBuilder, Date32Builder, Int32Builder, ListBuilder, StringBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use imr_determination::table::{Kind, Table};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use super::{malformed, tag};

/// Rows per record batch.
const BATCH: usize = 4096;
/// Rows per row group, at most.
const ROW_GROUP: usize = 16_384;
/// Bytes per row group, at most (items carry their rationale: about 2 kB a row).
const ROW_GROUP_BYTES: usize = 32 << 20;

/// The Arrow type of a column kind.
fn data_type(kind: Kind) -> DataType {
    let item = |t| DataType::List(Arc::new(Field::new("item", t, true)));
    match kind {
        Kind::Text => DataType::Utf8,
        Kind::Int => DataType::Int32,
        Kind::Bool => DataType::Boolean,
        Kind::Date => DataType::Date32,
        Kind::TextList => item(DataType::Utf8),
        Kind::IntList => item(DataType::Int32),
    }
}

/// The Arrow schema of a table: every column nullable (lists are empty rather than null).
pub fn schema(table: Table) -> SchemaRef {
    Arc::new(Schema::new(
        table
            .columns()
            .iter()
            .map(|c| Field::new(c.name, data_type(c.kind), true))
            .collect::<Vec<_>>(),
    ))
}

/// The builder of one column.
enum Builder {
    Text(StringBuilder),
    Int(Int32Builder),
    Bool(BooleanBuilder),
    Date(Date32Builder),
    Texts(ListBuilder<StringBuilder>),
    Ints(ListBuilder<Int32Builder>),
}

impl Builder {
    fn new(kind: Kind) -> Self {
        match kind {
            Kind::Text => Builder::Text(StringBuilder::new()),
            Kind::Int => Builder::Int(Int32Builder::new()),
            Kind::Bool => Builder::Bool(BooleanBuilder::new()),
            Kind::Date => Builder::Date(Date32Builder::new()),
            Kind::TextList => Builder::Texts(ListBuilder::new(StringBuilder::new())),
            Kind::IntList => Builder::Ints(ListBuilder::new(Int32Builder::new())),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::Text(b) => Arc::new(b.finish()),
            Builder::Int(b) => Arc::new(b.finish()),
            Builder::Bool(b) => Arc::new(b.finish()),
            Builder::Date(b) => Arc::new(b.finish()),
            Builder::Texts(b) => Arc::new(b.finish()),
            Builder::Ints(b) => Arc::new(b.finish()),
        }
    }

    fn append_null(&mut self) {
        match self {
            Builder::Text(b) => b.append_null(),
            Builder::Int(b) => b.append_null(),
            Builder::Bool(b) => b.append_null(),
            Builder::Date(b) => b.append_null(),
            Builder::Texts(b) => b.append_null(),
            Builder::Ints(b) => b.append_null(),
        }
    }

    /// Reads one cell of `row` (from `at`) into the builder; the cell's tag must be its
    /// column's. Returns where the next cell starts.
    fn read(&mut self, row: &[u8], at: usize) -> io::Result<usize> {
        let mut r = Reader { row, at };
        let t = r.u8()?;
        match (self, t) {
            (b, tag::NULL) => b.append_null(),
            (Builder::Text(b), tag::TEXT) => b.append_value(r.text()?),
            (Builder::Int(b), tag::INT) => b.append_value(r.i32()?),
            (Builder::Bool(b), tag::BOOL) => b.append_value(r.u8()? != 0),
            (Builder::Date(b), tag::DATE) => b.append_value(r.i32()?),
            (Builder::Texts(b), tag::TEXTS) => {
                for _ in 0..r.len()? {
                    b.values().append_value(r.text()?);
                }
                b.append(true);
            }
            (Builder::Ints(b), tag::INTS) => {
                for _ in 0..r.len()? {
                    b.values().append_value(r.i32()?);
                }
                b.append(true);
            }
            _ => return Err(malformed()),
        }
        Ok(r.at)
    }

    fn len(&self) -> usize {
        match self {
            Builder::Text(b) => b.len(),
            Builder::Int(b) => b.len(),
            Builder::Bool(b) => b.len(),
            Builder::Date(b) => b.len(),
            Builder::Texts(b) => b.len(),
            Builder::Ints(b) => b.len(),
        }
    }
}

/// Reads the values of an encoded row.
struct Reader<'r> {
    row: &'r [u8],
    at: usize,
}

impl<'r> Reader<'r> {
    fn bytes(&mut self, n: usize) -> io::Result<&'r [u8]> {
        let b = self.row.get(self.at..self.at + n).ok_or_else(malformed)?;
        self.at += n;
        Ok(b)
    }

    fn u8(&mut self) -> io::Result<u8> {
        Ok(self.bytes(1)?[0])
    }

    fn four(&mut self) -> io::Result<[u8; 4]> {
        self.bytes(4)?.try_into().map_err(|_| malformed())
    }

    fn i32(&mut self) -> io::Result<i32> {
        Ok(i32::from_le_bytes(self.four()?))
    }

    fn len(&mut self) -> io::Result<usize> {
        usize::try_from(u32::from_le_bytes(self.four()?)).map_err(|_| malformed())
    }

    fn text(&mut self) -> io::Result<&'r str> {
        let n = self.len()?;
        std::str::from_utf8(self.bytes(n)?).map_err(|_| malformed())
    }
}

/// Writes the rows of one table to a Parquet file as they come.
pub struct Writer<W: Write + Send> {
    schema: SchemaRef,
    builders: Vec<Builder>,
    /// Bytes of a row not yet complete (a write may end inside one).
    pending: Vec<u8>,
    /// `None` once finished.
    parquet: Option<ArrowWriter<W>>,
}

impl<W: Write + Send> Writer<W> {
    /// A writer of `table` to `out`.
    pub fn new(out: W, table: Table) -> parquet::errors::Result<Self> {
        let schema = schema(table);
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(ROW_GROUP))
            .set_max_row_group_bytes(Some(ROW_GROUP_BYTES))
            .set_created_by(format!("imr {}", env!("CARGO_PKG_VERSION")))
            .build();
        Ok(Writer {
            parquet: Some(ArrowWriter::try_new(out, schema.clone(), Some(props))?),
            builders: table
                .columns()
                .iter()
                .map(|c| Builder::new(c.kind))
                .collect(),
            schema,
            pending: Vec::new(),
        })
    }

    /// Reads every complete row of `pending` into the builders.
    fn read_rows(&mut self) -> io::Result<()> {
        let mut at = 0;
        while let Some(head) = self.pending.get(at..at + 4) {
            let n = usize::try_from(u32::from_le_bytes(
                head.try_into().map_err(|_| malformed())?,
            ))
            .map_err(|_| malformed())?;
            let Some(row) = self.pending.get(at + 4..at + 4 + n) else {
                break;
            };
            let mut cell = 0;
            for b in &mut self.builders {
                cell = b.read(row, cell)?;
            }
            if cell != row.len() {
                return Err(malformed());
            }
            at += 4 + n;
            if self.builders[0].len() >= BATCH {
                self.write_batch()?;
            }
        }
        self.pending.drain(..at);
        Ok(())
    }

    /// Hands the rows built so far to the Parquet writer as one record batch.
    fn write_batch(&mut self) -> io::Result<()> {
        if self.builders[0].len() == 0 {
            return Ok(());
        }
        let columns: Vec<ArrayRef> = self.builders.iter_mut().map(Builder::finish).collect();
        let batch = RecordBatch::try_new(self.schema.clone(), columns).map_err(io::Error::other)?;
        let parquet = self.parquet.as_mut().ok_or_else(malformed)?;
        parquet.write(&batch).map_err(io::Error::other)
    }

    /// Writes the last rows and the file's footer, and returns the output.
    pub fn finish(mut self) -> io::Result<W> {
        self.read_rows()?;
        if !self.pending.is_empty() {
            return Err(malformed());
        }
        self.write_batch()?;
        let parquet = self.parquet.take().ok_or_else(malformed)?;
        let mut out = parquet.into_inner().map_err(io::Error::other)?;
        out.flush()?;
        Ok(out)
    }
}

impl<W: Write + Send> Write for Writer<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        self.read_rows()?;
        Ok(buf.len())
    }

    /// Rows are written in batches; the file is complete after [`Writer::finish`].
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use imr_determination::table::Value;

    #[test]
    fn encoded_rows_read_back_into_columns_of_their_type() {
        let letter = include_str!("../../../tests/fixtures/corpus/CM16-0234464.pypdf.txt");
        let parsed = imr_determination::parse(letter);
        for table in Table::ALL {
            let mut bytes = Vec::new();
            let mut n = 0;
            imr_determination::table::rows(table, "x", &parsed, |row: Vec<Value>| {
                n += 1;
                super::super::encode(&row, &mut bytes);
            });
            let mut w = Writer::new(Vec::new(), table).unwrap();
            // A write may end inside a row.
            for chunk in bytes.chunks(7) {
                w.write_all(chunk).unwrap();
            }
            assert_eq!(w.builders[0].len(), n);
            let file = w.finish().unwrap();
            assert_eq!(&file[..4], b"PAR1");
        }
    }

    #[test]
    fn bytes_that_are_no_row_are_an_error() {
        let mut w = Writer::new(Vec::new(), Table::Letters).unwrap();
        assert!(w.write_all(&[3, 0, 0, 0, 9, 9, 9]).is_err());
    }
}
