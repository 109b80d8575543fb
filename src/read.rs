//! Reading a letter file as it comes: a PDF as published (feature `pdf`), UTF-8 text, or text in
//! Windows-1252 (feature `encoding`).
//!
//! Whatever the file, the parser is given text: the grammar knows nothing of PDFs or
//! encodings, and spans index the text that was parsed ([`Parsed::source`]).

use std::fmt;

use crate::Parsed;
#[cfg(feature = "encoding")]
use crate::{Code, Diagnostic, Span};

/// Why a file could not be read as a letter at all (as opposed to a letter with problems, which
/// is a [`Diagnostic`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReadError {
    /// The file was taken for a PDF (by its name) but does not start like one.
    NotAPdf,
    /// The PDF is damaged: its structure or a stream cannot be read.
    Damaged(String),
    /// The PDF is locked with a password (the published letters have an empty one).
    Password,
    /// The PDF reader failed unexpectedly on this file (it panicked); the message says how.
    ReaderFailed(String),
    /// The file is a PDF, and this build reads no PDFs (feature `pdf`).
    PdfNotSupported,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::NotAPdf => f.write_str("not a PDF file (it does not start with `%PDF-`)"),
            ReadError::Damaged(why) => write!(f, "damaged PDF: {why}"),
            ReadError::Password => f.write_str(
                "the PDF is locked with a password (only letters with an empty password can be read)",
            ),
            ReadError::ReaderFailed(why) => {
                write!(f, "the PDF reader failed on this file: {why}")
            }
            ReadError::PdfNotSupported => {
                f.write_str("this build of imr reads no PDFs (feature `pdf`)")
            }
        }
    }
}

impl std::error::Error for ReadError {}

/// Whether `bytes` are a PDF: the `%PDF-` header within their first kilobyte, where PDF
/// readers look for it.
///
/// ```
/// assert!(imr_determination::looks_like_pdf(b"%PDF-1.6\n..."));
/// assert!(!imr_determination::looks_like_pdf(b"CLINICAL CASE SUMMARY"));
/// ```
pub fn looks_like_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

/// Parses a letter file, whatever it holds, in one call: `text` receives the text when it has
/// to be made (a PDF's extracted text, or text decoded from Windows-1252) and the result borrows
/// it; UTF-8 text is parsed where it is.
///
/// - A PDF (see [`looks_like_pdf`]) has its text extracted (feature `pdf`; see
///   [`pdf::extract_text`](crate::pdf::extract_text)); one with no text is an
///   `imr::no_text_layer` error.
/// - UTF-8 text is parsed as [`parse`](crate::parse) does.
/// - Other text is decoded as Windows-1252 (feature `encoding`), with an `imr::legacy_encoding`
///   warning labelled on the first byte that is not UTF-8. Bytes that are not text at all (a
///   NUL, control characters, bytes Windows-1252 does not define), and any non-UTF-8 bytes
///   without the feature, are parsed as [`parse_bytes`](crate::parse_bytes) does:
///   `imr::invalid_utf8`.
///
/// Only a PDF that cannot be read is an `Err`; everything else is a tree with diagnostics.
///
/// ```
/// let mut text = String::new();
/// let parsed = imr_determination::parse_file(b"Treatment \x96 physical therapy", &mut text)?;
/// let codes: Vec<_> = parsed.diagnostics.iter().map(|d| d.code().as_str()).collect();
/// # #[cfg(feature = "encoding")]
/// assert!(codes.contains(&"imr::legacy_encoding"));
/// # #[cfg(feature = "encoding")]
/// assert_eq!(parsed.source, "Treatment \u{2013} physical therapy");
/// # #[cfg(not(feature = "encoding"))]
/// assert!(codes.contains(&"imr::invalid_utf8"));
/// # Ok::<(), imr_determination::ReadError>(())
/// ```
pub fn parse_file<'t>(bytes: &'t [u8], text: &'t mut String) -> Result<Parsed<'t>, ReadError> {
    if looks_like_pdf(bytes) {
        #[cfg(feature = "pdf")]
        return crate::pdf::parse_pdf(bytes, text);
        #[cfg(not(feature = "pdf"))]
        return Err(ReadError::PdfNotSupported);
    }
    let Err(e) = std::str::from_utf8(bytes) else {
        return Ok(crate::parse_bytes(bytes));
    };
    #[cfg(feature = "encoding")]
    if let Some(first) = decode_legacy(bytes, text) {
        let at = Span::bytes(
            first,
            text[first..]
                .chars()
                .next()
                .map_or(first, |c| first + c.len_utf8()),
        );
        let warning = Diagnostic::new(
            Code::LegacyEncoding,
            format!(
                "the text is not UTF-8; it was read as Windows-1252 (byte {} is the first that is not UTF-8)",
                e.valid_up_to()
            ),
        )
        .with_label(at, "read as Windows-1252")
        .with_help("save the text as UTF-8 (e.g. `iconv -f WINDOWS-1252 -t UTF-8`) to silence this");
        return Ok(crate::parse_noting(text, vec![warning]));
    }
    let _ = (e, text);
    Ok(crate::parse_bytes(bytes))
}

/// Decodes `bytes`, which are not UTF-8, into `out`: runs of valid UTF-8
/// are kept as they are, and each run of other bytes is read as Windows-1252. Returns the offset
/// in `out` of the first byte so read, or `None` (leaving `out` empty) when the bytes are not
/// text in either: a NUL or another control character than a tab, line break, form feed or
/// carriage return, or one of the five bytes Windows-1252 leaves undefined.
#[cfg(feature = "encoding")]
fn decode_legacy(bytes: &[u8], out: &mut String) -> Option<usize> {
    let control =
        |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r')) || b == 0x7f;
    let undefined = |b: u8| matches!(b, 0x81 | 0x8d | 0x8f | 0x90 | 0x9d);
    if bytes.iter().any(|&b| control(b)) {
        return None;
    }
    out.clear();
    out.reserve(bytes.len() + bytes.len() / 8);
    let mut first = None;
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        let legacy = chunk.invalid();
        if legacy.is_empty() {
            continue;
        }
        if legacy.iter().any(|&b| undefined(b)) {
            out.clear();
            return None;
        }
        first.get_or_insert(out.len());
        let (decoded, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(legacy);
        out.push_str(&decoded);
    }
    first
}

#[cfg(all(test, feature = "encoding"))]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> Option<(String, usize)> {
        let mut out = String::new();
        assert!(std::str::from_utf8(bytes).is_err());
        decode_legacy(bytes, &mut out).map(|first| (out, first))
    }

    #[test]
    fn windows_1252_runs_are_decoded_and_utf8_kept() {
        // An en dash (0x96), then "é" in UTF-8, then a right quote (0x92) and "é" in 1252.
        let (text, first) = decode(b"a \x96 b \xc3\xa9 c\x92s caf\xe9").unwrap();
        assert_eq!(text, "a \u{2013} b \u{e9} c\u{2019}s caf\u{e9}");
        assert_eq!(first, 2);
        // The first decoded byte comes after a multi-byte UTF-8 character.
        let mut bytes = "\u{e9}\u{2013} x".as_bytes().to_vec();
        bytes.extend_from_slice(b"\x93\x94");
        let (text, first) = decode(&bytes).unwrap();
        assert_eq!(text, "\u{e9}\u{2013} x\u{201c}\u{201d}");
        assert_eq!(first, "\u{e9}\u{2013} x".len());
    }

    #[test]
    fn bytes_that_are_not_text_are_not_decoded() {
        assert_eq!(decode(b"a\x96\x00b"), None);
        assert_eq!(decode(b"a\x96\x1bb"), None);
        assert_eq!(decode(b"a\x81b"), None);
        assert_eq!(decode(b"\x9d"), None);
        assert!(decode(b"tab\there\x96\r\n\x0cpage").is_some());
    }
}
