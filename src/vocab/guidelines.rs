//! Guideline ids for MTUS titles, and the publisher of a Non-MTUS citation.
//!
//! The MTUS (California's Medical Treatment Utilization Schedule) adopts the ACOEM Practice
//! Guidelines chapter by chapter and its own Chronic Pain, Acupuncture, Postsurgical and
//! Opioids guidelines. Letters of different years cite one guideline under different titles:
//! the 2009 "Chronic Pain Treatment Guidelines", the 2016 "Chronic Pain Medical Treatment
//! Guidelines" and the 2016-17 "Chronic Pain Medical Treatment" (with its year) are one
//! guideline. [`GUIDELINES`] gives each guideline an id and lists the titles letters cite it by
//! (every title of [`MTUS_TITLES`](crate::MTUS_TITLES), which a test checks); the citation's
//! year keeps the edition.

use std::sync::OnceLock;

use super::words;

/// Each MTUS guideline: its id, its name, and the titles letters cite it by.
pub const GUIDELINES: &[(&str, &str, &[&str])] = &[
    (
        "chronic_pain",
        "MTUS Chronic Pain Medical Treatment Guidelines",
        &[
            "Chronic Pain Medical Treatment",
            "Chronic Pain Treatment Guidelines",
            "Chronic Pain Medical Treatment Guidelines",
        ],
    ),
    (
        "acupuncture",
        "MTUS Acupuncture Medical Treatment Guidelines",
        &[
            "Acupuncture Treatment",
            "Acupuncture Treatment Guidelines",
            "Acupuncture Medical Treatment Guidelines",
        ],
    ),
    (
        "postsurgical",
        "MTUS Postsurgical Treatment Guidelines",
        &[
            "Postsurgical Treatment",
            "Postsurgical Treatment Guidelines",
        ],
    ),
    (
        "opioids",
        "MTUS Opioids Treatment Guidelines",
        &["Opioid Treatment"],
    ),
    (
        "acoem",
        "ACOEM Practice Guidelines (no chapter named)",
        &[
            "Occupational Medicine Practice Guidelines",
            "ACOEM Practice Guidelines",
            "ACOEM",
        ],
    ),
    (
        "acoem_general_approaches",
        "ACOEM General Approaches",
        &["General Approaches"],
    ),
    (
        "acoem_neck_upper_back",
        "ACOEM Neck and Upper Back Complaints",
        &["Neck and Upper Back Complaints"],
    ),
    (
        "acoem_shoulder",
        "ACOEM Shoulder Complaints",
        &["Shoulder Complaints"],
    ),
    (
        "acoem_elbow",
        "ACOEM Elbow Complaints",
        &["Elbow Complaints"],
    ),
    (
        "acoem_forearm_wrist_hand",
        "ACOEM Forearm, Wrist, and Hand Complaints",
        &["Forearm, Wrist, and Hand Complaints"],
    ),
    (
        "acoem_low_back",
        "ACOEM Low Back Complaints",
        &["Low Back Complaints"],
    ),
    (
        "acoem_hip_groin",
        "ACOEM Hip and Groin Complaints",
        &["Hip and Groin Complaints"],
    ),
    ("acoem_knee", "ACOEM Knee Complaints", &["Knee Complaints"]),
    (
        "acoem_ankle_foot",
        "ACOEM Ankle and Foot Complaints",
        &["Ankle and Foot Complaints"],
    ),
    (
        "acoem_stress",
        "ACOEM Stress-Related Conditions",
        &["Stress-Related Conditions"],
    ),
    ("acoem_eye", "ACOEM Eye Complaints", &["Eye Complaints"]),
];

/// The words of each title of [`GUIDELINES`], with the guideline's id, computed once.
fn titles() -> &'static [(Vec<String>, &'static str)] {
    static TITLES: OnceLock<Vec<(Vec<String>, &'static str)>> = OnceLock::new();
    TITLES.get_or_init(|| {
        GUIDELINES
            .iter()
            .flat_map(|&(id, _, titles)| titles.iter().map(move |t| (words(t).collect(), id)))
            .collect()
    })
}

/// The id of the MTUS guideline a citation's title names (see [`GUIDELINES`]), compared without
/// case, punctuation or spacing; `None` for a title the table does not list.
///
/// ```
/// use imr_determination::vocab::guideline_id;
/// assert_eq!(guideline_id("Chronic Pain Treatment Guidelines"), Some("chronic_pain"));
/// assert_eq!(guideline_id("Chronic Pain Medical Treatment Guidelines"), Some("chronic_pain"));
/// assert_eq!(guideline_id("low back complaints"), Some("acoem_low_back"));
/// assert_eq!(guideline_id("Official Disability Guidelines"), None);
/// ```
pub fn guideline_id(title: &str) -> Option<&'static str> {
    let title: Vec<String> = words(title).collect();
    titles()
        .iter()
        .find(|(words, _)| *words == title)
        .map(|&(_, id)| id)
}

/// Publishers of Non-MTUS guidance, each with the phrases that name it in a citation (compared
/// as words: without case or punctuation).
const PUBLISHERS: &[(&str, &[&str])] = &[
    (
        "ODG",
        &[
            "Official Disability Guidelines",
            "Official Disability Guideline",
            "ODG",
            "Work Loss Data Institute",
        ],
    ),
    (
        "ACOEM",
        &[
            "ACOEM",
            "American College of Occupational and Environmental Medicine",
            "Occupational Medicine Practice Guidelines",
        ],
    ),
    ("UpToDate", &["UpToDate", "Up To Date"]),
    ("Medscape", &["Medscape", "eMedicine"]),
    (
        "National Heart, Lung, and Blood Institute",
        &["National Heart Lung and Blood Institute", "NHLBI"],
    ),
    (
        "National Institutes of Health",
        &["National Institutes of Health", "NIH"],
    ),
    ("MedlinePlus", &["MedlinePlus", "Medline Plus"]),
    ("FDA", &["Food and Drug Administration", "FDA"]),
    (
        "CDC",
        &[
            "Centers for Disease Control and Prevention",
            "Centers for Disease Control",
            "CDC",
        ],
    ),
    ("CMS", &["Centers for Medicare", "CMS", "Medicare"]),
    (
        "National Guideline Clearinghouse",
        &["National Guideline Clearinghouse"],
    ),
    ("Cochrane", &["Cochrane"]),
    (
        "American College of Radiology",
        &["American College of Radiology", "ACR Appropriateness"],
    ),
    (
        "American Academy of Orthopaedic Surgeons",
        &[
            "American Academy of Orthopaedic Surgeons",
            "American Academy of Orthopedic Surgeons",
            "AAOS",
        ],
    ),
    (
        "American Academy of Neurology",
        &["American Academy of Neurology"],
    ),
    (
        "American Society of Anesthesiologists",
        &["American Society of Anesthesiologists"],
    ),
    (
        "North American Spine Society",
        &["North American Spine Society", "NASS"],
    ),
    ("American Pain Society", &["American Pain Society"]),
    (
        "Washington State Department of Labor and Industries",
        &["Washington State Department of Labor", "Washington State"],
    ),
    (
        "Colorado Division of Workers' Compensation",
        &["Colorado Division of Workers"],
    ),
    ("Hayes", &["Hayes Inc", "Hayes Medical Technology"]),
    ("Aetna", &["Aetna"]),
    ("Mayo Clinic", &["Mayo Clinic"]),
    (
        "Physicians' Desk Reference",
        &["Physicians Desk Reference", "PDR"],
    ),
    ("Drugs.com", &["Drugs com"]),
    ("Epocrates", &["Epocrates"]),
    ("WebMD", &["WebMD"]),
];

/// Who publishes a Non-MTUS citation, as far as its text says: the publisher named first among
/// ODG, ACOEM, UpToDate, Medscape, government agencies and medical societies (see `PUBLISHERS`
/// in the source and `docs/tables.md`), or a journal named as `Journal of ...` / `... Journal`;
/// `None` when the text names none.
///
/// ```
/// use imr_determination::vocab::publisher;
/// assert_eq!(publisher("Official Disability Guidelines (ODG) Low Back, MRI").as_deref(), Some("ODG"));
/// assert_eq!(publisher("ACOEM Hip and Groin Disorders").as_deref(), Some("ACOEM"));
/// assert_eq!(publisher("Smith J. Knee pain. The Journal of Bone and Joint Surgery. 2010").as_deref(),
///            Some("The Journal of Bone and Joint Surgery"));
/// assert_eq!(publisher("Shoulder (Acute & Chronic), Physical Therapy"), None);
/// ```
pub fn publisher(text: &str) -> Option<String> {
    static PHRASES: OnceLock<Vec<(Vec<String>, &'static str)>> = OnceLock::new();
    let phrases = PHRASES.get_or_init(|| {
        PUBLISHERS
            .iter()
            .flat_map(|&(name, phrases)| phrases.iter().map(move |p| (words(p).collect(), name)))
            .collect()
    });
    let text_words: Vec<String> = words(text).collect();
    // The first place a phrase starts; at one place, the first publisher listed.
    let named = (0..text_words.len()).find_map(|at| {
        phrases
            .iter()
            .find(|(phrase, _)| text_words[at..].starts_with(phrase))
            .map(|&(_, name)| name)
    });
    match named {
        Some(name) => Some(name.to_owned()),
        None => journal(text),
    }
}

/// A journal named in a citation: the sentence part (between periods or commas) holding
/// `Journal`.
fn journal(text: &str) -> Option<String> {
    text.split(['.', ',', ';', ':'])
        .map(str::trim)
        .find(|part| part.split_whitespace().any(|w| w == "Journal"))
        .map(|part| part.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mtus_title_has_one_guideline() {
        for title in crate::MTUS_TITLES {
            let ids: Vec<_> = GUIDELINES
                .iter()
                .filter(|(_, _, titles)| titles.contains(title))
                .collect();
            assert_eq!(ids.len(), 1, "{title:?} is in {} guidelines", ids.len());
        }
        for (id, _, titles) in GUIDELINES {
            for title in *titles {
                assert!(
                    crate::MTUS_TITLES.contains(title),
                    "{id}: {title:?} is no MTUS title"
                );
            }
        }
    }

    #[test]
    fn editions_and_spellings_share_an_id() {
        for t in [
            "Chronic Pain Medical Treatment",
            "Chronic Pain Treatment Guidelines",
            "CHRONIC PAIN MEDICAL  TREATMENT GUIDELINES",
        ] {
            assert_eq!(guideline_id(t), Some("chronic_pain"), "{t}");
        }
        assert_eq!(
            guideline_id("Forearm, Wrist and Hand Complaints"),
            Some("acoem_forearm_wrist_hand")
        );
        assert_eq!(guideline_id("Pain"), None);
    }

    #[test]
    fn the_publisher_named_first() {
        let nhlbi = "What is an electrocardiogram? National Heart, Lung, and Blood Institute, \
                     Department of Health and Human Services. Benditt D, et al. UpToDate";
        assert_eq!(
            publisher(nhlbi).as_deref(),
            Some("National Heart, Lung, and Blood Institute")
        );
        assert_eq!(
            publisher("ODG Chiropractic guidelines").as_deref(),
            Some("ODG")
        );
        assert_eq!(
            publisher("Shoulder (Acute & Chronic), Physical Therapy, ODG Preface").as_deref(),
            Some("ODG")
        );
        assert_eq!(publisher("Knee pain review"), None);
    }
}
