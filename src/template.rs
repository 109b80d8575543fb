//! The template as data: every fixed word of the Final Determination layout, in one place.
//!
//! The grammar, the lexer, [`render`](crate::render) and the "did you mean" help of the
//! diagnostics all read the layout's words from here: headings, item labels, case header
//! labels, credentials rows, the boilerplate and intro sentences, the two modified-request
//! forms, the citation openings and detail markers, the MTUS titles and the markers of other
//! layouts. Adding a wording is adding it here (and to `grammar.md`).
//!
//! Each fixed text is matched as a *phrase*: word by word, ignoring ASCII case, with any run of
//! whitespace between words.

/// The three sections, in the template's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum SectionKind {
    How,
    Summary,
    Issues,
}

impl SectionKind {
    pub(crate) const ALL: [SectionKind; 3] =
        [SectionKind::How, SectionKind::Summary, SectionKind::Issues];

    /// The heading as the template writes it.
    pub(crate) const fn heading(self) -> &'static str {
        match self {
            SectionKind::How => "HOW THE IMR FINAL DETERMINATION WAS MADE",
            SectionKind::Summary => "CLINICAL CASE SUMMARY",
            SectionKind::Issues => "IMR ISSUES, DECISIONS AND RATIONALES",
        }
    }
}

/// Markers of the other determination layouts, which this crate recognises but does not parse
/// (the 2013 layout, the Medical Professional Review, other review organisations).
pub(crate) const FOREIGN_MARKERS: &[&str] = &[
    "MAXIMUS FEDERAL SERVICES, INC.",
    "IMR DECISION(S) AND RATIONALE(S)",
    "MEDICAL PROFESSIONAL REVIEW",
    "ISSUE AT DISPUTE:",
    "Notice of Independent Medical Review Determination",
    "INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE",
];

/// Which field of the case header a label names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Field {
    CaseNumber,
    DateAssigned,
    DateOfInjury,
    DecisionDate,
    UrDenialDate,
    Priority,
    ApplicationReceived,
}

impl Field {
    /// The label as the template writes it.
    pub(crate) const fn label(self) -> &'static str {
        match self {
            Field::CaseNumber => "Case Number:",
            Field::DateAssigned => "Date Assigned:",
            Field::DateOfInjury => "Date of Injury:",
            Field::DecisionDate => "Decision Date:",
            Field::UrDenialDate => "UR Denial Date:",
            Field::Priority => "Priority:",
            Field::ApplicationReceived => "Application Received:",
        }
    }

    /// Every field, in the order the rows form writes them.
    pub(crate) const ALL: [Field; 7] = [
        Field::CaseNumber,
        Field::DateAssigned,
        Field::DateOfInjury,
        Field::DecisionDate,
        Field::UrDenialDate,
        Field::Priority,
        Field::ApplicationReceived,
    ];
}

/// The first sentence of the boilerplate of the first section.
pub(crate) const BOILERPLATE_START: &str =
    "MAXIMUS Federal Services sent the complete case file to an expert reviewer.";

/// The boilerplate paragraph as the canonical rendering writes it (without the credentials).
pub(crate) const BOILERPLATE: &str = "MAXIMUS Federal Services sent the complete case file to an expert reviewer. He/she has no affiliation with the employer, employee, providers or the claims administrator. He/she has been in active clinical practice for more than five years and is currently working at least 24 hours a week in active practice. The expert reviewer was selected based on his/her clinical experience, education, background, and expertise in the same or similar specialties that evaluate and/or treat the medical condition and disputed items/services. He/she is familiar with governing laws and regulations, including the strength of evidence hierarchy that applies to Independent Medical Review determinations.";

/// The sentence opening the credentials block (the 2016-17 layout).
pub(crate) const BLOCK_INTRO: &str = "The Expert Reviewer has the following credentials:";

/// The rows of the credentials block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RowKind {
    Licensure,
    Certification,
}

impl RowKind {
    pub(crate) const ALL: [RowKind; 2] = [RowKind::Licensure, RowKind::Certification];

    /// The row's label as the template writes it.
    pub(crate) const fn label(self) -> &'static str {
        match self {
            RowKind::Licensure => "State(s) of Licensure:",
            RowKind::Certification => "Certification(s)/Specialty:",
        }
    }
}

/// The inline credentials sentence of the 2014-15 layout: "The expert reviewer is Board
/// Certified in X, has a subspecialty in Y and is licensed to practice in Z."
pub(crate) const INLINE_INTRO: &str = "The expert reviewer is";
/// Opens the certifications of the inline credentials.
pub(crate) const BOARD: &str = "Board Certified in";
/// Opens the subspecialties of the inline credentials.
pub(crate) const SUBSPECIALTY: &str = ", has a subspecialty in";
/// Opens the states of licensure of the inline credentials.
pub(crate) const LICENSED: &str = "and is licensed to practice in";
/// The sentence of the boilerplate that follows the inline credentials: after initials
/// (`Washington D.C.`), it tells that their period ends the credentials sentence.
pub(crate) const AFTER_CREDENTIALS: &str = "He/she has been in active clinical practice";

/// The fixed sentence opening the clinical case summary.
pub(crate) const SUMMARY_INTRO: &str = "The expert reviewer developed the following clinical case summary based on a review of the case file, including all medical records:";

/// The fixed sentence opening the issues section.
pub(crate) const ISSUES_INTRO: &str = "The Final Determination was based on decisions for the disputed items/services set forth below:";

/// The three labels of an item, in their order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum LabelKind {
    ClaimsAdministrator,
    Maximus,
    Rationale,
}

impl LabelKind {
    pub(crate) const ALL: [LabelKind; 3] = [
        LabelKind::ClaimsAdministrator,
        LabelKind::Maximus,
        LabelKind::Rationale,
    ];

    /// The label as the template writes it.
    pub(crate) const fn as_str(self) -> &'static str {
        match self {
            LabelKind::ClaimsAdministrator => "Claims Administrator guideline:",
            LabelKind::Maximus => "MAXIMUS guideline:",
            LabelKind::Rationale => "Decision rationale:",
        }
    }
}

/// The decision words, as the template writes them.
pub(crate) const UPHELD: &str = "Upheld";
/// See [`UPHELD`].
pub(crate) const OVERTURNED: &str = "Overturned";

/// The sentences of a modified request. Both forms open with "X was the original request.":
/// - "Y was authorized by the Claims Administrator. The remaining IMR eligible portion of the
///   original request, Z is: Upheld"
/// - "The Claims Administrator authorized Y, leaving the original request IMR eligible. The
///   original request, Z is: Upheld"
pub(crate) mod modified {
    /// Ends the original request (X).
    pub(crate) const ORIGINAL: &str = "was the original request.";
    /// First form: ends the authorized part (Y).
    pub(crate) const AUTHORIZED_BY: &str = "was authorized by the Claims Administrator.";
    /// First form: opens the disputed remainder (Z).
    pub(crate) const REMAINING: &str =
        "The remaining IMR eligible portion of the original request,";
    /// Second form: opens the authorized part (Y).
    pub(crate) const CA_AUTHORIZED: &str = "The Claims Administrator authorized";
    /// Second form: ends the authorized part (Y).
    pub(crate) const LEAVING: &str = ", leaving the original request IMR eligible.";
    /// Second form: opens the disputed request (Z).
    pub(crate) const THE_ORIGINAL: &str = "The original request,";
    /// Every phrase of either form.
    pub(crate) const PHRASES: [&str; 5] =
        [ORIGINAL, AUTHORIZED_BY, REMAINING, CA_AUTHORIZED, LEAVING];
}

/// The words of the guideline texts: the fixed sentences and the citations.
pub(crate) mod citation {
    /// Opens every citation.
    pub(crate) const DECISION_BASED_ON: &str = "Decision based on";
    /// The actors of the fixed sentences.
    pub(crate) const ACTORS: [&str; 2] = ["The Claims Administrator", "The Expert Reviewer"];
    /// A fixed sentence: the side cited nothing.
    pub(crate) const NO_EVIDENCE: &str = "did not cite any medical evidence for its decision.";
    /// A fixed sentence: the side relied on guidance outside the MTUS.
    pub(crate) const OUTSIDE_MTUS: &str =
        "based their decision on recommendation(s) outside of the MTUS Guidelines.";
    /// The source of an MTUS citation.
    pub(crate) const MTUS: &str = "MTUS";
    /// The sources of a Non-MTUS citation, longest first.
    pub(crate) const NON_MTUS: [&str; 3] = ["Non-MTUS Citation", "Non-MTUS", "Non MTUS"];
    /// Detail marker: the sections cited.
    pub(crate) const SECTIONS: &str = "Section(s):";
    /// Detail marker: the chapter cited.
    pub(crate) const CHAPTER: &str = "Chapter:";
    /// Detail marker: the pages cited.
    pub(crate) const PAGES: &str = "Page(s):";
    /// Detail marker: the date of the edition cited, closed by `)`.
    pub(crate) const UPDATED: &str = "(updated";
    /// The markers of a citation's details, which also end a title.
    pub(crate) const DETAIL_MARKERS: [&str; 4] = [SECTIONS, CHAPTER, PAGES, UPDATED];
    /// Detail markers written in running text, before a page number: "page 98", "pages 3-5".
    pub(crate) const PAGE_WORDS: [&str; 2] = ["pages", "page"];
    /// May follow an MTUS title (and its year): "Chronic Pain Treatment 2009 Guidelines".
    pub(crate) const GUIDELINES: &str = "Guidelines";
    /// Joins the parts of a chain of MTUS titles: "General Approaches 2004, and Shoulder ...".
    pub(crate) const AND: &str = ", and";
    /// Joins the numbers of a page list, beside a comma: "303-305, 310 and 312".
    pub(crate) const PAGE_AND: &str = "and";
}

/// The titles of the MTUS, as letters cite them. Matching takes the longest title that fits, so
/// "Chronic Pain Medical Treatment Guidelines" wins over "Chronic Pain Medical Treatment".
pub const MTUS_TITLES: &[&str] = &[
    // 2016-17 letters (ACOEM chapters and the Chronic Pain guidelines, cited with a year).
    "Chronic Pain Medical Treatment",
    "Low Back Complaints",
    "Neck and Upper Back Complaints",
    "Shoulder Complaints",
    "Acupuncture Treatment",
    "Knee Complaints",
    "Opioid Treatment",
    "General Approaches",
    "Forearm, Wrist, and Hand Complaints",
    "Elbow Complaints",
    "Postsurgical Treatment",
    "Ankle and Foot Complaints",
    "Stress-Related Conditions",
    "Eye Complaints",
    "Hip and Groin Complaints",
    "Occupational Medicine Practice Guidelines",
    // 2014-15 letters (title, topic, pages).
    "Chronic Pain Treatment Guidelines",
    "Chronic Pain Medical Treatment Guidelines",
    "Acupuncture Treatment Guidelines",
    "Acupuncture Medical Treatment Guidelines",
    "Postsurgical Treatment Guidelines",
    "ACOEM Practice Guidelines",
    "ACOEM",
];

/// The words a rationale concludes with (read by `conclusion`). They are not fixed sentences of
/// the template but the forms the letters' rationales state their conclusion in, learned from
/// the real letters.
pub(crate) mod conclusion {
    /// Opens a verdict on the request: "medically necessary".
    pub(crate) const MEDICALLY: &str = "medically";
    /// "medically", negated in one word: "not-medically necessary".
    pub(crate) const NOT_MEDICALLY: &str = "not-medically";
    /// The words after "medically" that state a verdict, and whether each finds the request
    /// needed.
    pub(crate) const VERDICTS: [(&str, bool); 5] = [
        ("necessary", true),
        ("unnecessary", false),
        ("appropriate", true),
        ("inappropriate", false),
        ("reasonable", true),
    ];
    /// A verdict as a noun: "is not a medical necessity", "medical necessity ... established".
    pub(crate) const MEDICAL_NECESSITY: &str = "medical necessity";
    /// The article that makes "medical necessity" a verdict: "is (not) a medical necessity".
    pub(crate) const A: &str = "a";
    /// Completes "medical necessity ...": "has (not) been established".
    pub(crate) const ESTABLISHED: &str = "established";
    /// The opioid weaning sentence, which concludes without a word on necessity: "... regarding
    /// the most appropriate method for weaning and terminating opioids".
    pub(crate) const WEANING: &str = "the most appropriate method for weaning";
    /// The words that negate a verdict in their clause (and any word ending in one of
    /// [`NEGATION_SUFFIXES`]).
    pub(crate) const NEGATIONS: [&str; 5] = ["not", "never", "cannot", "neither", "nor"];
    /// A negated auxiliary: "isn't", "DOESN'T", "isn’t".
    pub(crate) const NEGATION_SUFFIXES: [&str; 4] = ["n't", "N'T", "n\u{2019}t", "N\u{2019}T"];
    /// The punctuation that ends a clause: a negation before it says nothing of a verdict
    /// after it.
    pub(crate) const CLAUSE_ENDS: [char; 3] = [',', ';', ':'];
    /// A word every verdict's first clause holds: the clauses of a sentence before the first
    /// clause holding one neither conclude nor negate a verdict.
    pub(crate) const MARKS: [&str; 2] = ["medical", "weaning"];
    /// The first letters of the phrases above that open a verdict ("the most ...",
    /// "medically", "not-medically", "a medical necessity"), in lower case.
    pub(crate) const INITIALS: &str = "tmna";
}
