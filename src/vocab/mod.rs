//! Shared vocabularies: fixed tables that put what letters write in many ways under one name, so
//! that an analyst can group by it.
//!
//! - [`guideline_id`]: one id per MTUS guideline across its editions and spellings.
//! - [`specialty`]: a reviewer's board certification or subspecialty under its ABMS name.
//! - [`treatment`]: a disputed treatment's [`Category`] and, for a medication, its [`DrugClass`],
//!   following the taxonomy of `TREATMENTS.md` (summarised in `docs/tables.md`).
//! - [`publisher`]: who publishes a Non-MTUS citation (ODG, ACOEM, a journal...), when its text
//!   says so.
//!
//! Each table is written out in its module, with where its entries come from; a text none of
//! them knows gets no id (or the category `other`): the tables never guess.

mod guidelines;
mod specialties;
mod treatments;

pub use guidelines::{GUIDELINES, guideline_id, publisher};
pub use specialties::{SPECIALTIES, specialty};
pub use treatments::{Category, DrugClass, TERMS, Treatment, treatment};

/// The words the tables compare: runs of ASCII letters and digits, lower-cased; everything else
/// separates them. `"Physical Medicine & Rehabilitation"` gives `physical`, `medicine`,
/// `rehabilitation`; `"EMG/NCV"` gives `emg`, `ncv`; `"Tylenol #3"` gives `tylenol`, `3`.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    split_words(text).map(str::to_ascii_lowercase)
}

/// The words of `text` as [`words`] cuts them, as they are written: for a text lower-cased
/// once, its words without a string each.
fn split_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
}
