//! The tree of a letter.
//!
//! Every node borrows from the input and carries a [`Span`]. Equality between nodes compares
//! their content and ignores spans (and the layout of their text), so a tree parsed from a
//! double-spaced PDF extraction equals the tree of the same letter extracted single-spaced, and a
//! tree built by hand in a test equals a parsed one.

use serde::Serialize;

use crate::span::{Span, Text, serialize_opt_string, serialize_strings};
use crate::vocab::{Category, DrugClass};

/// Implements `PartialEq` over the listed fields only (spans are left out).
macro_rules! eq_without_span {
    ($ty:ident { $($field:ident),* $(,)? }) => {
        impl PartialEq for $ty<'_> {
            fn eq(&self, other: &Self) -> bool {
                true $(&& self.$field == other.$field)*
            }
        }
        impl Eq for $ty<'_> {}
    };
}

/// A Final Determination letter.
#[derive(Clone, Debug, Default, Serialize)]
#[non_exhaustive]
pub struct Document<'a> {
    /// The whole letter.
    pub span: Span,
    /// The case header table, when the letter has one (letters before 2016 do not).
    pub case_header: Option<CaseHeader<'a>>,
    /// The expert reviewer's credentials; `None` when the letter states none.
    pub reviewer: Option<Reviewer<'a>>,
    /// The clinical case summary's narrative (the fixed intro sentence excluded).
    pub case_summary: Option<Text<'a>>,
    /// The disputed items, in the letter's order.
    pub items: Vec<Item<'a>>,
}
eq_without_span!(Document {
    case_header,
    reviewer,
    case_summary,
    items
});

/// The case header table of 2016 and later letters. Each value is as written; in JSON, each
/// date also has its `value`, the ISO date or `null` (see [`Date`](crate::date::Date)).
#[derive(Clone, Debug, Default, Serialize)]
#[non_exhaustive]
pub struct CaseHeader<'a> {
    /// From the first label to the last value.
    pub span: Span,
    /// `Case Number:`, e.g. `CM16-0213037`.
    pub case_number: Option<Text<'a>>,
    /// `Date Assigned:`.
    #[serde(serialize_with = "crate::date::serialize_dated")]
    pub date_assigned: Option<Text<'a>>,
    /// `Date of Injury:`.
    #[serde(serialize_with = "crate::date::serialize_dated")]
    pub date_of_injury: Option<Text<'a>>,
    /// `Decision Date:`.
    #[serde(serialize_with = "crate::date::serialize_dated")]
    pub decision_date: Option<Text<'a>>,
    /// `UR Denial Date:`.
    #[serde(serialize_with = "crate::date::serialize_dated")]
    pub ur_denial_date: Option<Text<'a>>,
    /// `Priority:`, e.g. `Standard`.
    pub priority: Option<Text<'a>>,
    /// `Application Received:`.
    #[serde(serialize_with = "crate::date::serialize_dated")]
    pub application_received: Option<Text<'a>>,
}

impl<'a> CaseHeader<'a> {
    /// Each field with its label as the template writes it, in the order of the table's rows:
    /// `("Case Number:", case_number)`, `("Date Assigned:", date_assigned)`, ...,
    /// `("Application Received:", application_received)`.
    ///
    /// ```
    /// let letter = std::fs::read_to_string("tests/fixtures/corpus/CM16-0213037.pypdf.txt").unwrap();
    /// let parsed = imr_determination::parse(&letter);
    /// let header = parsed.document.case_header.as_ref().unwrap();
    /// let (label, value) = header.fields()[0];
    /// assert_eq!(label, "Case Number:");
    /// assert_eq!(value.unwrap().text(), "CM16-0213037");
    /// ```
    pub fn fields(&self) -> [(&'static str, Option<&Text<'a>>); 7] {
        crate::header::Field::ALL.map(|f| (f.label(), f.get(self).as_ref()))
    }
}

eq_without_span!(CaseHeader {
    case_number,
    date_assigned,
    date_of_injury,
    decision_date,
    ur_denial_date,
    priority,
    application_received,
});

/// The expert reviewer's credentials.
#[derive(Clone, Debug, Default, Serialize)]
#[non_exhaustive]
pub struct Reviewer<'a> {
    /// The credentials sentence, or the credentials block.
    pub span: Span,
    /// Board certifications or specialties, split on commas.
    pub certifications: Vec<Text<'a>>,
    /// Subspecialties (inline style only), split on commas.
    pub subspecialties: Vec<Text<'a>>,
    /// States of licensure, split on commas.
    pub licensure: Vec<Text<'a>>,
}
eq_without_span!(Reviewer {
    certifications,
    subspecialties,
    licensure
});

/// One disputed item: its decision, the two guidelines and the rationale.
#[derive(Clone, Debug, Default, Serialize)]
#[non_exhaustive]
pub struct Item<'a> {
    /// From the item header to the end of the rationale.
    pub span: Span,
    /// The disputed treatment (for a modified request, the part still in dispute).
    pub treatment: Text<'a>,
    /// The treatment's category, from [`vocab::treatment`](crate::vocab::treatment) (derived from
    /// `treatment`, so left out of equality).
    pub category: Category,
    /// For a medication, its class, from [`vocab::treatment`](crate::vocab::treatment).
    pub drug_class: Option<DrugClass>,
    /// For a modified request, what was requested and what was authorized.
    pub modification: Option<Modification<'a>>,
    /// `Upheld` or `Overturned`; `None` when the header's decision is not recognised.
    pub decision: Option<Decision>,
    /// `Claims Administrator guideline:`.
    pub claims_administrator_guideline: Option<Guideline<'a>>,
    /// `MAXIMUS guideline:`.
    pub maximus_guideline: Option<Guideline<'a>>,
    /// The text after `Decision rationale:`.
    pub rationale: Option<Text<'a>>,
}
eq_without_span!(Item {
    treatment,
    modification,
    decision,
    claims_administrator_guideline,
    maximus_guideline,
    rationale,
});

/// A request the claims administrator modified: part was authorized, the rest is disputed.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct Modification<'a> {
    /// "X was the original request."
    pub original_request: Text<'a>,
    /// "Y was authorized by the Claims Administrator." / "The Claims Administrator authorized Y".
    pub authorized: Text<'a>,
    /// Which of the template's two wordings the letter uses.
    pub form: ModificationForm,
}
eq_without_span!(Modification {
    original_request,
    authorized,
    form
});

/// The two wordings of a modified request in the template.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ModificationForm {
    /// "X was the original request. Y was authorized by the Claims Administrator. The remaining
    /// IMR eligible portion of the original request, Z is: ..."
    AuthorizedBy,
    /// "X was the original request. The Claims Administrator authorized Y, leaving the original
    /// request IMR eligible. The original request, Z is: ..."
    ClaimsAdministratorAuthorized,
}

/// The reviewer's decision on an item.
#[derive(Clone, Copy, Debug, Serialize)]
#[non_exhaustive]
pub struct Decision {
    /// The decision.
    pub value: DecisionValue,
    /// The decision word in the header.
    pub span: Span,
}

impl PartialEq for Decision {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}
impl Eq for Decision {}

/// `Upheld` (the denial stands) or `Overturned` (the treatment is authorized).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DecisionValue {
    /// The utilization review denial is upheld.
    Upheld,
    /// The utilization review denial is overturned.
    Overturned,
}

impl DecisionValue {
    /// The word as letters write it.
    pub fn as_str(self) -> &'static str {
        match self {
            DecisionValue::Upheld => "Upheld",
            DecisionValue::Overturned => "Overturned",
        }
    }
}

/// What a guideline label says: fixed sentences and citations.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct Guideline<'a> {
    /// The whole text after the label.
    #[serde(flatten)]
    pub text: Text<'a>,
    /// The fixed sentence "... did not cite any medical evidence for its decision." is present.
    pub no_evidence_cited: bool,
    /// The `Decision based on ...` citations, in order; chained MTUS titles are one each.
    pub citations: Vec<Citation<'a>>,
}
eq_without_span!(Guideline {
    text,
    no_evidence_cited,
    citations
});

/// One cited guideline.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct Citation<'a> {
    /// The citation as written (for a chained MTUS title, its part of the chain).
    #[serde(flatten)]
    pub text: Text<'a>,
    /// `MTUS` or `Non-MTUS`.
    pub source: Source,
    /// The guideline's title: a known MTUS title, or as written.
    #[serde(serialize_with = "serialize_opt_string")]
    pub guideline: Option<Text<'a>>,
    /// The edition year, e.g. 2004.
    pub year: Option<u16>,
    /// `Chapter: X`.
    #[serde(serialize_with = "serialize_opt_string")]
    pub chapter: Option<Text<'a>>,
    /// A topic named after the title (`... Treatment Guidelines Benzodiazepines`), or
    /// `(updated 03/25/15)`-style notes left after the title.
    #[serde(serialize_with = "serialize_opt_string")]
    pub topic: Option<Text<'a>>,
    /// `Section(s): a, b`.
    #[serde(serialize_with = "serialize_strings")]
    pub sections: Vec<Text<'a>>,
    /// `(updated 03/25/15)`: the date as written.
    #[serde(serialize_with = "serialize_opt_string")]
    pub updated: Option<Text<'a>>,
    /// The date of `updated` as an ISO 8601 date (`2015-03-25`), `None` when there is none or
    /// it is not a date (then also an `imr::impossible_date` warning).
    #[serde(serialize_with = "crate::date::serialize_opt_date")]
    pub updated_value: Option<crate::date::Date>,
    /// `Page(s): 24`, `pages 303-305`: every page number, ranges expanded.
    pub pages: Vec<u32>,
}
eq_without_span!(Citation {
    text,
    source,
    guideline,
    year,
    chapter,
    topic,
    sections,
    updated,
    pages,
});

/// Where a citation comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Source {
    /// California's Medical Treatment Utilization Schedule.
    #[serde(rename = "MTUS")]
    Mtus,
    /// Anything else (ODG, ACOEM, UpToDate, articles).
    #[serde(rename = "Non-MTUS")]
    NonMtus,
}

/// Calls `$f` on the span of each optional text `$t` that is there, by a shared or a mutable
/// (`mut`) reference: for [`span_walk`].
macro_rules! opt {
    ($f:ident, mut, $($t:expr),*) => {
        $(if let Some(t) = &mut $t {
            $f(&mut t.span);
        })*
    };
    ($f:ident, , $($t:expr),*) => {
        $(if let Some(t) = &$t {
            $f(&t.span);
        })*
    };
}

/// Defines a walk over every span of a tree, parents before children: once for shared and once
/// for mutable references (`$m` is `mut` or nothing), so the two cannot drift apart. Each span is
/// passed to `f` from its own call, without building arrays of fields to iterate over: with a
/// small `f` (see `LineIndex::ascii_locator`), every call is inlined.
macro_rules! span_walk {
    ($(#[$doc:meta])* $vis:vis fn $name:ident($($m:ident)?)) => {
        $(#[$doc])*
        $vis fn $name<'d, F>(doc: &'d $($m)? Document<'_>, f: &mut F)
        where
            F: FnMut(&'d $($m)? Span) + ?Sized,
        {
            f(&$($m)? doc.span);
            if let Some(h) = &$($m)? doc.case_header {
                f(&$($m)? h.span);
                opt!(
                    f,
                    $($m)?,
                    h.case_number,
                    h.date_assigned,
                    h.date_of_injury,
                    h.decision_date,
                    h.ur_denial_date,
                    h.priority,
                    h.application_received
                );
            }
            if let Some(r) = &$($m)? doc.reviewer {
                f(&$($m)? r.span);
                for t in &$($m)? r.certifications {
                    f(&$($m)? t.span);
                }
                for t in &$($m)? r.subspecialties {
                    f(&$($m)? t.span);
                }
                for t in &$($m)? r.licensure {
                    f(&$($m)? t.span);
                }
            }
            opt!(f, $($m)?, doc.case_summary);
            for item in &$($m)? doc.items {
                f(&$($m)? item.span);
                if let Some(m) = &$($m)? item.modification {
                    f(&$($m)? m.original_request.span);
                    f(&$($m)? m.authorized.span);
                }
                f(&$($m)? item.treatment.span);
                if let Some(d) = &$($m)? item.decision {
                    f(&$($m)? d.span);
                }
                for g in [
                    &$($m)? item.claims_administrator_guideline,
                    &$($m)? item.maximus_guideline,
                ]
                .into_iter()
                .flatten()
                {
                    f(&$($m)? g.text.span);
                    for c in &$($m)? g.citations {
                        f(&$($m)? c.text.span);
                        opt!(f, $($m)?, c.guideline, c.chapter, c.topic, c.updated);
                        for t in &$($m)? c.sections {
                            f(&$($m)? t.span);
                        }
                    }
                }
                opt!(f, $($m)?, item.rationale);
            }
        }
    };
}

span_walk! {
    /// Calls `f` on every span of the tree, parents before children (within a citation, its
    /// parts in a fixed order rather than the order of the text).
    pub fn visit_spans()
}

span_walk! {
    /// Calls `f` on every span of the tree, mutably, in the order of [`visit_spans`].
    pub(crate) fn visit_spans_mut(mut)
}
