//! `CLINICAL CASE SUMMARY`: the fixed intro sentence and the narrative.
//!
//! The fixed sentence, then the narrative to the end of the section (see
//! [`summary_section`]).

use crate::diagnostic::{Code, Diagnostic};
use crate::lex::{Input, match_phrase, noise, split_at, text};
use crate::sink::ErrorSink;
use crate::span::{Span, Text};
use crate::template::SUMMARY_INTRO;

/// The body of the section, without its heading. Returns the narrative, `None` when it is
/// empty.
///
/// ```text
/// summary_section = summary_intro , narrative ;
/// summary_intro   = "The expert reviewer developed the following clinical case summary based
///                   on a review of the case file, including all medical records:" ;
/// narrative       = TEXT ;
/// ```
pub(crate) fn summary_section<'a>(
    body: Input<'a>,
    heading: Span,
    diags: &mut dyn ErrorSink,
) -> Option<Text<'a>> {
    let (body, ()) = noise(body).unwrap_or((body, ()));
    let narrative = match match_phrase(body.fragment().trim_start(), SUMMARY_INTRO) {
        Some(n) => {
            let lead = body.fragment().len() - body.fragment().trim_start().len();
            split_at(body, lead + n).0
        }
        None => {
            diags.push(
                Diagnostic::new(
                    Code::MissingBoilerplate,
                    "the case summary does not open with the template's sentence",
                )
                .with_label(heading, "section starts here")
                .with_help(format!("expected \"{SUMMARY_INTRO}\"")),
            );
            body
        }
    };
    let t = text(narrative);
    (!t.is_empty()).then_some(t)
}
