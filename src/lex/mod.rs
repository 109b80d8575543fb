//! The lexer: everything that reads the letter byte by byte.
//!
//! All byte-level scanning and every speed trick of the crate live here: line splitting, phrase
//! matching ([`scan`]), the misspelling matcher ([`fuzzy`]), and the line tokens ([`lines`]) that
//! the letter grammar reads as nom input ([`tokens`]), and the word-level searches of the in-line
//! grammars ([`words`]). The grammar above is written
//! with nom's combinators over what this module gives it.

pub(crate) mod fuzzy;
pub(crate) mod lines;
pub(crate) mod lists;
pub(crate) mod scan;
pub(crate) mod sentences;
pub(crate) mod tokens;
pub(crate) mod words;

pub(crate) use fuzzy::*;
pub(crate) use lines::{LineKind, Token, lex};
pub(crate) use lists::*;
pub(crate) use scan::*;
pub(crate) use sentences::*;
pub(crate) use words::*;
