//! PDF input (feature `pdf`): the letters as the state publishes them.
//!
//! The text is extracted with [`pdf_extract`] (on [`lopdf`]), decrypting the published letters,
//! which are AES-encrypted with an empty user password. The extracted text is then parsed like
//! any other extraction: the grammar has no PDF special cases.
//!
//! ```no_run
//! let bytes = std::fs::read("CM16-0213037.pdf")?;
//! let mut text = String::new();
//! let parsed = imr_determination::pdf::parse_pdf(&bytes, &mut text)?;
//! println!("{} items", parsed.document.items.len());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! A PDF reader meets hostile input: a panic inside it is caught here, at the file, and
//! reported as that file's [`ReadError::ReaderFailed`]. A program that reads many files can
//! call [`quiet_panics`] once so that such a caught panic prints nothing.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

use crate::{Code, Diagnostic, Parsed, ReadError, Span, looks_like_pdf};

thread_local! {
    /// Whether this thread is inside the PDF reader, where a panic is caught and reported.
    static READING: Cell<bool> = const { Cell::new(false) };
}

/// Extracts the text of a PDF, decrypting it with the empty password when it is encrypted.
///
/// Errors: [`ReadError::NotAPdf`] when the bytes do not start like a PDF,
/// [`ReadError::Password`] when a real password is needed, [`ReadError::Damaged`] when the file
/// cannot be read, and [`ReadError::ReaderFailed`] when the reader panics. A PDF whose pages
/// hold no text gives an empty or blank text, not an error.
pub fn extract_text(bytes: &[u8]) -> Result<String, ReadError> {
    if !looks_like_pdf(bytes) {
        return Err(ReadError::NotAPdf);
    }
    READING.with(|r| r.set(true));
    let result = catch_unwind(AssertUnwindSafe(|| {
        pdf_extract::extract_text_from_mem(bytes)
    }));
    READING.with(|r| r.set(false));
    match result {
        Ok(Ok(text)) => Ok(text),
        Ok(Err(e)) => Err(describe(e)),
        Err(payload) => {
            let why = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "it panicked".to_owned());
            Err(ReadError::ReaderFailed(why))
        }
    }
}

/// The reader's error as a [`ReadError`].
fn describe(e: pdf_extract::OutputError) -> ReadError {
    use lopdf::Error;
    use lopdf::encryption::DecryptionError;
    match e {
        pdf_extract::OutputError::PdfError(
            Error::InvalidPassword | Error::Decryption(DecryptionError::IncorrectPassword),
        ) => ReadError::Password,
        other => ReadError::Damaged(other.to_string()),
    }
}

/// Parses a PDF in one call: its text is extracted into `text` (see [`extract_text`]) and
/// parsed; spans index `text`, which is [`Parsed::source`].
///
/// A PDF with no text (its pages are images, or blank) is an `imr::no_text_layer` error in
/// place of the parse.
pub fn parse_pdf<'t>(bytes: &[u8], text: &'t mut String) -> Result<Parsed<'t>, ReadError> {
    *text = extract_text(bytes)?;
    if text.trim().is_empty() {
        let mut parsed = crate::parse(text);
        let mut sink = crate::Sink::new(text);
        sink.push(
            Diagnostic::new(
                Code::NoTextLayer,
                "the PDF has no text: its pages are images (a scan) or blank",
            )
            .with_label(Span::bytes(0, 0), "no text was found in the PDF")
            .with_help(
                "run OCR on the PDF (e.g. `ocrmypdf in.pdf out.pdf`) and read the result again",
            ),
        );
        // In place of the parser's own (an empty input).
        parsed.diagnostics = sink.finish(&crate::LineIndex::new(text));
        return Ok(parsed);
    }
    Ok(crate::parse(text))
}

/// Installs, once, a panic hook that stays quiet for the panics [`extract_text`] catches (they
/// are reported as the file's error) and passes every other panic to the hook installed before.
pub fn quiet_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !READING.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_that_are_not_a_pdf_are_said_to_be_so() {
        assert_eq!(
            extract_text(b"CLINICAL CASE SUMMARY"),
            Err(ReadError::NotAPdf)
        );
        assert_eq!(extract_text(b""), Err(ReadError::NotAPdf));
        assert!(matches!(
            extract_text(b"%PDF-1.7\n"),
            Err(ReadError::Damaged(_))
        ));
    }
}
