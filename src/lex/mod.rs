//! The lexer: everything that reads the letter byte by byte.
//!
//! All byte-level scanning and every speed trick of the crate live here: line splitting, phrase
//! matching ([`scan`]) and the misspelling matcher ([`fuzzy`]). The grammar above is written
//! with nom's combinators over what this module gives it.

pub(crate) mod fuzzy;
pub(crate) mod scan;

pub(crate) use fuzzy::*;
pub(crate) use scan::*;
