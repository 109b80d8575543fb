//! Builds a letter from the fuzzer's bytes (treatments, decisions, guideline citations and
//! credentials picked from tables, mixed with arbitrary words), writes its text in the
//! template's layout, and checks that:
//!
//! 1. parsing it gives the items that were written (count, treatment, decision, which
//!    guidelines and rationale are present) with no error;
//! 2. rendering the tree and parsing the rendering gives an equal tree (spans aside);
//! 3. rendering is idempotent: the rendering of the reparsed tree is the same text.
#![no_main]

use imr_determination::{DecisionValue, parse, render};
use libfuzzer_sys::fuzz_target;

const TREATMENTS: &[&str] = &[
    "MRI of the right shoulder without contrast",
    "Physical therapy 2 times a week for 6 weeks",
    "Acupuncture, QTY: 8",
    "Norco 10/325mg #120",
    "Valium 5mg #60",
    "Lumbar epidural steroid injection L4-L5",
    "Fisioterapia\u{301} x3",
    "\u{5d8}\u{5d9}\u{5e4}\u{5d5}\u{5dc} \u{5e4}\u{5d9}\u{5d6}\u{5d9}",
];

const CITATIONS: &[&str] = &[
    "The Claims Administrator did not cite any medical evidence for its decision.",
    "Decision based on MTUS Shoulder Complaints 2004.",
    "Decision based on MTUS Shoulder Complaints 2004, Section(s): Special Studies, Initial Care.",
    "Decision based on MTUS Chronic Pain Treatment Guidelines Benzodiazepines Page(s): 24.",
    "Decision based on MTUS General Approaches 2004, Section(s): Initial Care, and Low Back Complaints 2004, Section(s): Summary.",
    "The Expert Reviewer based their decision on recommendation(s) outside of the MTUS Guidelines. Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) Chapter: Low Back (updated 03/25/15) page 98",
    "Decision based on Non-MTUS Citation ODG Pain, Opioids pages 303-305, 310 and 312.",
    "Decision based on MTUS Neck and Upper Back Complaints 2004, Section(s): Special Studies.",
];

const STATES: &[&str] = &[
    "California",
    "North Carolina",
    "Texas",
    "New York",
    "Arizona",
];
const SPECIALTIES: &[&str] = &[
    "Family Practice",
    "Orthopedic Surgery",
    "Physical Medicine & Rehabilitation",
    "Anesthesiology",
    "Pain Medicine",
];
const WORDS: &[&str] = &[
    "the",
    "injured",
    "worker",
    "was",
    "evaluated",
    "on",
    "10-19-16",
    "pain",
    "rated",
    "6/10",
    "shoulder",
    "is",
    "and",
    "of",
    "request",
    "treatment",
    "(ODG)",
    "#60",
    "x2",
    "QTY",
];

struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b
            }
            None => 0,
        }
    }
    fn pick<'t>(&mut self, table: &[&'t str]) -> &'t str {
        table[usize::from(self.byte()) % table.len()]
    }
    /// An arbitrary word: letters, digits and a little punctuation, sometimes non-ASCII; never
    /// a colon or a full stop, which would end a header or a sentence.
    fn word(&mut self) -> String {
        const ALPHABET: &[char] = &[
            'a', 'e', 'i', 'o', 'u', 'n', 'r', 's', 't', 'l', 'M', 'R', 'I', 'x', 'y', '0', '1',
            '5', '9', '-', '/', '#', '(', ')', '\u{e9}', '\u{5d0}', '\u{627}', '\u{301}', '%',
        ];
        let len = 1 + usize::from(self.byte() % 10);
        let mut w: String = (0..len)
            .map(|_| ALPHABET[usize::from(self.byte()) % ALPHABET.len()])
            .collect();
        // A combining mark may not start a word that must keep its own first letter.
        if w.starts_with('\u{301}') {
            w.insert(0, 'a');
        }
        w
    }
    fn words(&mut self, max: u8) -> String {
        let n = 1 + self.byte() % max;
        let mut out: Vec<String> = Vec::new();
        for _ in 0..n {
            if self.byte().is_multiple_of(3) {
                out.push(self.word());
            } else {
                out.push(self.pick(WORDS).to_string());
            }
        }
        out.join(" ")
    }
    fn list(&mut self, table: &[&str]) -> String {
        let n = 1 + usize::from(self.byte() % 3);
        (0..n)
            .map(|_| self.pick(table))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

struct Written {
    treatment: String,
    decision: DecisionValue,
}

fn letter(data: &mut Bytes<'_>) -> (String, Vec<Written>) {
    let mut s = String::new();
    if data.byte().is_multiple_of(2) {
        s.push_str("Case Number: CM16-0213037\nDate Assigned: 11/09/2016\nDate of Injury: 10/13/2016\nDecision Date: 12/09/2016\nUR Denial Date: 11/03/2016\nPriority: Standard\nApplication Received: 11/03/2016\n\n");
    }
    s.push_str("HOW THE IMR FINAL DETERMINATION WAS MADE\nMAXIMUS Federal Services sent the complete case file to an expert reviewer. He/she has no affiliation with the employer, employee, providers or the claims administrator. He/she has been in active clinical practice for more than five years and is currently working at least 24 hours a week in active practice. The expert reviewer was selected based on his/her clinical experience, education, background, and expertise in the same or similar specialties that evaluate and/or treat the medical condition and disputed items/services. He/she is familiar with governing laws and regulations, including the strength of evidence hierarchy that applies to Independent Medical Review determinations.\n\n");
    if data.byte().is_multiple_of(2) {
        s.push_str(&format!(
            "The Expert Reviewer has the following credentials:\nState(s) of Licensure: {}\nCertification(s)/Specialty: {}\n\n",
            data.list(STATES),
            data.list(SPECIALTIES)
        ));
    } else {
        s.push_str(&format!(
            "The expert reviewer is Board Certified in {}, has a subspecialty in {} and is licensed to practice in {}.\n\n",
            data.list(SPECIALTIES),
            data.list(SPECIALTIES),
            data.list(STATES)
        ));
    }
    s.push_str(&format!(
        "CLINICAL CASE SUMMARY\nThe expert reviewer developed the following clinical case summary based on a review of the case file, including all medical records:\n\n{}.\n\n",
        data.words(30)
    ));
    s.push_str("IMR ISSUES, DECISIONS AND RATIONALES\nThe Final Determination was based on decisions for the disputed items/services set forth below:\n\n");
    let n = 1 + data.byte() % 4;
    let mut written = Vec::new();
    for _ in 0..n {
        let mut treatment = data.pick(TREATMENTS).to_string();
        if data.byte().is_multiple_of(2) {
            treatment.push(' ');
            treatment.push_str(&data.words(4));
        }
        let decision = if data.byte().is_multiple_of(2) {
            DecisionValue::Upheld
        } else {
            DecisionValue::Overturned
        };
        let conclusion = match decision {
            DecisionValue::Upheld => "not medically necessary",
            DecisionValue::Overturned => "medically necessary",
        };
        s.push_str(&format!(
            "{treatment}: {}\n\nClaims Administrator guideline: {}\n\nMAXIMUS guideline: {}\n\nDecision rationale: {}. The request is {conclusion}.\n\n",
            decision.as_str(),
            data.pick(CITATIONS),
            data.pick(CITATIONS),
            data.words(40),
        ));
        written.push(Written {
            treatment,
            decision,
        });
    }
    (s, written)
}

fuzz_target!(|data: &[u8]| {
    let mut data = Bytes(data);
    let (text, written) = letter(&mut data);
    let parsed = parse(&text);
    imr_determination_fuzz::check(&parsed);
    let errors: Vec<_> = parsed
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "errors {errors:?} in\n{text}");
    let items = &parsed.document.items;
    assert_eq!(items.len(), written.len(), "items of\n{text}");
    for (item, w) in items.iter().zip(&written) {
        assert_eq!(item.treatment.text(), w.treatment.as_str());
        assert_eq!(item.decision.map(|d| d.value), Some(w.decision));
        assert!(item.claims_administrator_guideline.is_some());
        assert!(item.maximus_guideline.is_some());
        assert!(item.rationale.is_some());
    }
    let rendered = render(&parsed.document);
    let reparsed = parse(&rendered);
    imr_determination_fuzz::check(&reparsed);
    assert_eq!(
        reparsed.document, parsed.document,
        "the rendering parses to another tree:\n{rendered}"
    );
    assert_eq!(
        render(&reparsed.document),
        rendered,
        "rendering is not idempotent"
    );
});
