//! Reviewer specialties under the names of the American Board of Medical Specialties (ABMS).
//!
//! Letters write one specialty in several ways: `Physical Medicine & Rehabilitation` and
//! `Physical Medicine and Rehabilitation`, `Family Practice` (the board's name until 2004) and
//! `Family Medicine`, `Orthopedic Surgery` and `Orthopaedic Surgery`. [`SPECIALTIES`] lists the
//! ABMS specialty and subspecialty names reviewers hold, each with the other ways letters write
//! it; [`specialty`] compares without case, punctuation or spacing, reading `&` as `and`. A
//! name the table does not list is kept as written (spacing tidied, `&` written `and`): a
//! chiropractor's or acupuncturist's licence is no ABMS specialty, and the table does not guess.

use std::sync::OnceLock;

use super::words;

/// ABMS specialty and subspecialty names, each with the other ways letters write it.
pub const SPECIALTIES: &[(&str, &[&str])] = &[
    ("Addiction Medicine", &[]),
    ("Allergy and Immunology", &[]),
    ("Anesthesiology", &["Anesthesia", "Anaesthesiology"]),
    ("Cardiovascular Disease", &["Cardiology"]),
    ("Clinical Neurophysiology", &[]),
    ("Dermatology", &[]),
    ("Emergency Medicine", &[]),
    ("Endocrinology, Diabetes and Metabolism", &["Endocrinology"]),
    ("Family Medicine", &["Family Practice"]),
    ("Gastroenterology", &[]),
    ("General Surgery", &[]),
    ("Geriatric Medicine", &[]),
    ("Hand Surgery", &["Surgery of the Hand"]),
    ("Hospice and Palliative Medicine", &[]),
    ("Infectious Disease", &[]),
    ("Internal Medicine", &[]),
    ("Medical Toxicology", &[]),
    ("Nephrology", &[]),
    ("Neurological Surgery", &["Neurosurgery"]),
    ("Neurology", &[]),
    ("Neuromuscular Medicine", &[]),
    ("Obstetrics and Gynecology", &[]),
    ("Occupational Medicine", &[]),
    ("Ophthalmology", &[]),
    (
        "Orthopaedic Sports Medicine",
        &["Orthopedic Sports Medicine"],
    ),
    (
        "Orthopaedic Surgery",
        &["Orthopedic Surgery", "Orthopedics", "Orthopaedics"],
    ),
    (
        "Otolaryngology",
        &["Otolaryngology - Head and Neck Surgery"],
    ),
    ("Pain Medicine", &["Pain Management"]),
    ("Physical Medicine and Rehabilitation", &["PM&R", "PMR"]),
    ("Plastic Surgery", &[]),
    ("Preventive Medicine", &[]),
    ("Psychiatry", &[]),
    ("Public Health and General Preventive Medicine", &[]),
    ("Pulmonary Disease", &["Pulmonology"]),
    ("Radiology", &["Diagnostic Radiology"]),
    ("Rheumatology", &[]),
    ("Sleep Medicine", &[]),
    ("Spinal Cord Injury Medicine", &[]),
    ("Sports Medicine", &[]),
    ("Surgery", &[]),
    ("Urology", &[]),
];

/// The words of a specialty as compared: `&` read as `and`.
fn key(name: &str) -> Vec<String> {
    words(&name.replace('&', " and ")).collect()
}

/// A reviewer's specialty under its ABMS name (see [`SPECIALTIES`]); a name the table does not
/// list comes back as written, with its spacing tidied and `&` written `and`.
///
/// ```
/// use imr_determination::vocab::specialty;
/// assert_eq!(specialty("Physical Medicine & Rehabilitation"), "Physical Medicine and Rehabilitation");
/// assert_eq!(specialty("Family Practice"), "Family Medicine");
/// assert_eq!(specialty("orthopedic surgery"), "Orthopaedic Surgery");
/// assert_eq!(specialty("Chiropractor"), "Chiropractor");
/// ```
pub fn specialty(name: &str) -> String {
    static KEYS: OnceLock<Vec<(Vec<String>, &'static str)>> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        SPECIALTIES
            .iter()
            .flat_map(|&(abms, others)| {
                std::iter::once(abms)
                    .chain(others.iter().copied())
                    .map(move |n| (key(n), abms))
            })
            .collect()
    });
    let k = key(name);
    keys.iter().find(|(key, _)| *key == k).map_or_else(
        || {
            name.replace('&', " and ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        },
        |&(_, abms)| abms.to_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_specialty_meet() {
        for (written, abms) in [
            (
                "Physical Medicine & Rehabilitation",
                "Physical Medicine and Rehabilitation",
            ),
            (
                "PHYSICAL MEDICINE AND REHABILITATION",
                "Physical Medicine and Rehabilitation",
            ),
            (
                "Hospice & Palliative Medicine",
                "Hospice and Palliative Medicine",
            ),
            (
                "Public Health & General Preventive Medicine",
                "Public Health and General Preventive Medicine",
            ),
            ("Pain Management", "Pain Medicine"),
            ("Orthopedic Surgery", "Orthopaedic Surgery"),
            ("Family  Practice", "Family Medicine"),
        ] {
            assert_eq!(specialty(written), abms, "{written}");
        }
    }

    #[test]
    fn names_and_other_spellings_are_listed_once() {
        let mut seen = std::collections::HashSet::new();
        for (abms, others) in SPECIALTIES {
            for name in std::iter::once(abms).chain(others.iter()) {
                assert!(seen.insert(key(name)), "{name:?} is listed twice");
            }
        }
    }

    #[test]
    fn unknown_names_are_kept() {
        assert_eq!(
            specialty(" Chiropractic  &  Acupuncture "),
            "Chiropractic and Acupuncture"
        );
    }
}
