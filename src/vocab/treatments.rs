//! Treatment categories and drug classes: the taxonomy of `TREATMENTS.md`.
//!
//! [`TERMS`] lists the words that name a treatment, grouped by the category (and, for a drug,
//! the class) they give. It was written from the domain, not from any set of letters: the drugs
//! most prescribed to injured workers in California (opioids, NSAIDs, muscle relaxants,
//! anticonvulsants, antidepressants, sleep aids, topicals, stomach protection and laxatives,
//! each by its generic name and its common US brand names), the imaging studies and tests, the
//! therapies, injections, operations, equipment, visits and programs that utilization review
//! rules on, named as requests name them (`EMG/NCV`, `H-wave`, `ESI`, `FRP`...).
//!
//! [`treatment`] reads a treatment's words in order and takes the first term found (at one
//! place, the longest: `cold therapy unit` before `therapy`, `pt ptt` before `pt`), so an item
//! naming several treatments takes the first one named. Then two rules of the taxonomy:
//! - a drug in a form applied to the skin (`cream`, `gel`, `ointment`, `patch`, `lotion`,
//!   `topical`, `transdermal`, `compounded`...) is `topical`, whatever the drug;
//! - a brand of several drugs is listed under its strongest component (Norco, Percocet, Tylenol
//!   #3: `opioid`).
//!
//! A treatment with no term is `other` (no class): the table never guesses. A word matches a
//! term's word when it is the same word or that word with an `s` (`MRIs`, `braces`), compared
//! without case; words are runs of letters and digits, so `X-ray`, `x ray` and `X/ray` are
//! alike.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Serialize;

/// What kind of treatment an item disputes (the service types DWC and CWCI publish IMR
/// statistics by).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Any drug or compounded product, whatever the route, except a procedure injection.
    Medication,
    /// Pictures of the body: MRI, CT, X-ray, ultrasound, bone scan...
    Imaging,
    /// Other tests and measurements: EMG/NCV, labs, drug screens, sleep studies, FCE...
    DiagnosticTest,
    /// Hands-on or exercise therapy by a therapist: physical therapy, chiropractic,
    /// acupuncture...
    Therapy,
    /// An injection or needle procedure into spine, joint, nerve or muscle.
    Injection,
    /// An operation, and what is requested only as part of it.
    Surgery,
    /// Durable medical equipment and supplies.
    Equipment,
    /// Visits, consultations, referrals, follow-ups, pre-operative clearance.
    Evaluation,
    /// Psychotherapy and similar treatment sessions.
    Behavioral,
    /// Multidisciplinary or supervised programs and services.
    Program,
    /// None of the above, or too vague to tell.
    #[default]
    Other,
}

impl Category {
    /// The name used in the tables, e.g. `diagnostic_test`.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Medication => "medication",
            Category::Imaging => "imaging",
            Category::DiagnosticTest => "diagnostic_test",
            Category::Therapy => "therapy",
            Category::Injection => "injection",
            Category::Surgery => "surgery",
            Category::Equipment => "equipment",
            Category::Evaluation => "evaluation",
            Category::Behavioral => "behavioral",
            Category::Program => "program",
            Category::Other => "other",
        }
    }
}

/// The class of a medication.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DrugClass {
    /// Opioid analgesics, and products with an opioid among their drugs.
    Opioid,
    /// Non-steroidal anti-inflammatory drugs taken by mouth or injected.
    Nsaid,
    /// Muscle relaxants.
    MuscleRelaxant,
    /// Anticonvulsants (gabapentinoids included).
    Anticonvulsant,
    /// Antidepressants.
    Antidepressant,
    /// Benzodiazepines.
    Benzodiazepine,
    /// Sleep aids other than benzodiazepines.
    Hypnotic,
    /// Any product applied to the skin: patches, creams, gels, compounds.
    Topical,
    /// Proton pump inhibitors, H2 blockers, laxatives, antiemetics.
    Gastrointestinal,
    /// Any other drug.
    Other,
}

impl DrugClass {
    /// The name used in the tables, e.g. `muscle_relaxant`.
    pub fn as_str(self) -> &'static str {
        match self {
            DrugClass::Opioid => "opioid",
            DrugClass::Nsaid => "nsaid",
            DrugClass::MuscleRelaxant => "muscle_relaxant",
            DrugClass::Anticonvulsant => "anticonvulsant",
            DrugClass::Antidepressant => "antidepressant",
            DrugClass::Benzodiazepine => "benzodiazepine",
            DrugClass::Hypnotic => "hypnotic",
            DrugClass::Topical => "topical",
            DrugClass::Gastrointestinal => "gastrointestinal",
            DrugClass::Other => "other",
        }
    }
}

/// The category of a treatment and, for a medication, its class.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Treatment {
    /// The category.
    pub category: Category,
    /// The drug class; `None` unless the category is [`Category::Medication`].
    pub drug_class: Option<DrugClass>,
}

use Category as C;
use DrugClass as D;

/// Words that put a drug in the `topical` class whatever the drug: the forms applied to the
/// skin. They are terms of their own too (`compounded cream` names a medication).
const SKIN_FORMS: &[&str] = &[
    "cream",
    "gel",
    "ointment",
    "patch",
    "lotion",
    "topical",
    "transdermal",
    "compound",
    "compounded",
    "liniment",
    "balm",
    "roll on",
    "spray topical",
    "foam",
];

/// The terms, by the category and drug class they give. A term is one or more words (see the
/// module's documentation for how they are compared).
#[rustfmt::skip]
pub const TERMS: &[(Category, Option<DrugClass>, &[&str])] = &[
    (
        C::Medication,
        Some(D::Opioid),
        &[
            // hydrocodone and its brands (with acetaminophen or ibuprofen)
            "hydrocodone", "norco", "vicodin", "lortab", "lorcet", "hysingla", "zohydro", "xodol",
            "verdrocet", "vicoprofen", "reprexain", "ibudone", "hydrocodone apap",
            // oxycodone
            "oxycodone", "oxycontin", "percocet", "roxicodone", "endocet", "roxicet", "xtampza",
            "oxaydo", "primlev", "percodan", "xartemis", "oxycodone apap",
            // others
            "oxymorphone", "opana", "morphine", "ms contin", "mscontin", "kadian", "avinza",
            "embeda", "arymo", "morphabond", "hydromorphone", "dilaudid", "exalgo", "fentanyl",
            "tramadol", "ultram", "ultracet", "conzip", "ryzolt", "rybix", "tapentadol", "nucynta",
            "methadone", "dolophine", "methadose", "buprenorphine", "suboxone", "subutex",
            "zubsolv", "bunavail", "belbuca", "codeine", "tylenol 3", "tylenol 4", "tylenol no 3",
            "tylenol no 4", "tylenol with codeine", "apap codeine", "acetaminophen codeine",
            "acetaminophen with codeine", "fioricet with codeine", "meperidine", "demerol",
            "levorphanol", "pentazocine", "talwin", "butorphanol", "nalbuphine", "apadaz", "opioid",
            "opioids", "opiate", "opiates", "narcotic", "narcotics",
        ],
    ),
    (
        C::Medication,
        Some(D::Nsaid),
        &[
            "nsaid", "nsaids", "ibuprofen", "motrin", "advil", "naproxen", "naprosyn", "anaprox",
            "aleve", "naprelan", "ec naprosyn", "meloxicam", "mobic", "vivlodex", "diclofenac",
            "voltaren", "arthrotec", "zipsor", "cambia", "zorvolex", "cataflam", "celecoxib",
            "celebrex", "etodolac", "lodine", "nabumetone", "relafen", "ketorolac", "toradol",
            "sprix", "indomethacin", "indocin", "tivorbex", "piroxicam", "feldene", "ketoprofen",
            "oxaprozin", "daypro", "fenoprofen", "nalfon", "flurbiprofen", "ansaid", "sulindac",
            "clinoril", "diflunisal", "dolobid", "salsalate", "duexis", "vimovo", "aspirin",
            "tolmetin", "mefenamic", "ponstel", "meclofenamate", "anti inflammatory",
            "anti inflammatories",
        ],
    ),
    (
        C::Medication,
        Some(D::MuscleRelaxant),
        &[
            "muscle relaxant", "muscle relaxants", "cyclobenzaprine", "flexeril", "amrix", "fexmid",
            "carisoprodol", "soma", "methocarbamol", "robaxin", "tizanidine", "zanaflex",
            "baclofen", "lioresal", "metaxalone", "skelaxin", "orphenadrine", "norflex", "norgesic",
            "chlorzoxazone", "parafon", "lorzone", "dantrolene", "dantrium",
        ],
    ),
    (
        C::Medication,
        Some(D::Anticonvulsant),
        &[
            "anticonvulsant", "anticonvulsants", "antiepileptic", "gabapentin", "neurontin",
            "gralise", "horizant", "pregabalin", "lyrica", "topiramate", "topamax", "carbamazepine",
            "tegretol", "oxcarbazepine", "trileptal", "lamotrigine", "lamictal", "levetiracetam",
            "keppra", "divalproex", "depakote", "valproic", "valproate", "zonisamide", "zonegran",
            "lacosamide", "vimpat", "phenytoin", "dilantin",
        ],
    ),
    (
        C::Medication,
        Some(D::Antidepressant),
        &[
            "antidepressant", "antidepressants", "amitriptyline", "elavil", "nortriptyline",
            "pamelor", "desipramine", "norpramin", "imipramine", "tofranil", "doxepin",
            "duloxetine", "cymbalta", "venlafaxine", "effexor", "desvenlafaxine", "pristiq",
            "milnacipran", "savella", "levomilnacipran", "fetzima", "sertraline", "zoloft",
            "fluoxetine", "prozac", "paroxetine", "paxil", "citalopram", "celexa", "escitalopram",
            "lexapro", "bupropion", "wellbutrin", "trazodone", "desyrel", "oleptro", "mirtazapine",
            "remeron", "vilazodone", "viibryd", "vortioxetine", "trintellix", "brintellix",
            "nefazodone",
        ],
    ),
    (
        C::Medication,
        Some(D::Benzodiazepine),
        &[
            "benzodiazepine", "benzodiazepines", "alprazolam", "xanax", "lorazepam", "ativan",
            "diazepam", "valium", "clonazepam", "klonopin", "temazepam", "restoril", "triazolam",
            "halcion", "chlordiazepoxide", "librium", "oxazepam", "estazolam", "flurazepam",
            "clorazepate", "tranxene",
        ],
    ),
    (
        C::Medication,
        Some(D::Hypnotic),
        &[
            "hypnotic", "hypnotics", "sleep aid", "zolpidem", "ambien", "intermezzo", "edluar",
            "zolpimist", "eszopiclone", "lunesta", "zaleplon", "sonata", "suvorexant", "belsomra",
            "ramelteon", "rozerem", "melatonin", "silenor",
        ],
    ),
    (
        C::Medication,
        Some(D::Topical),
        &[
            // brands of patches, creams and rubs, and the forms themselves (SKIN_FORMS)
            "lidoderm", "lidopro", "flector", "pennsaid", "terocin", "menthoderm", "methoderm",
            "biofreeze", "capsaicin", "zostrix", "bengay", "ben gay", "icy hot", "salonpas",
            "butrans", "duragesic", "dendracin", "medrox", "theraflex", "synovacin", "ultraflex",
            "cyclo keto lido", "keto lido", "lipoderm", "versapro", "mentherm", "camphor",
            "menthol", "methyl salicylate", "emla", "cream", "gel", "ointment", "patch", "patches",
            "lotion", "topical", "transdermal", "compound", "compounded", "liniment", "balm",
        ],
    ),
    (
        C::Medication,
        Some(D::Gastrointestinal),
        &[
            "proton pump inhibitor", "ppi", "omeprazole", "prilosec", "pantoprazole", "protonix",
            "esomeprazole", "nexium", "lansoprazole", "prevacid", "rabeprazole", "aciphex",
            "dexlansoprazole", "dexilant", "zegerid", "ranitidine", "zantac", "famotidine",
            "pepcid", "cimetidine", "tagamet", "nizatidine", "docusate", "colace", "senna",
            "senokot", "sennosides", "peri colace", "bisacodyl", "dulcolax", "miralax",
            "polyethylene glycol", "lactulose", "linzess", "linaclotide", "amitiza", "lubiprostone",
            "movantik", "naloxegol", "relistor", "methylnaltrexone", "symproic", "naldemedine",
            "ondansetron", "zofran", "promethazine", "phenergan", "metoclopramide", "reglan",
            "prochlorperazine", "compazine", "sucralfate", "carafate", "dicyclomine", "bentyl",
            "misoprostol", "cytotec", "stool softener", "stool softeners", "laxative", "laxatives",
            "antiemetic", "antacid", "antacids", "fiber supplement", "metamucil",
        ],
    ),
    (
        C::Medication,
        Some(D::Other),
        &[
            "acetaminophen", "tylenol", "apap", "fioricet", "fiorinal", "butalbital", "esgic",
            "sumatriptan", "imitrex", "rizatriptan", "maxalt", "prednisone", "medrol",
            "methylprednisolone", "dosepak", "dose pack", "prednisolone", "hydroxyzine", "vistaril",
            "atarax", "diphenhydramine", "benadryl", "quetiapine", "seroquel", "aripiprazole",
            "abilify", "olanzapine", "zyprexa", "risperidone", "buspirone", "buspar", "modafinil",
            "provigil", "armodafinil", "nuvigil", "adderall", "ritalin", "naloxone", "narcan",
            "evzio", "clonidine", "propranolol", "lisinopril", "metformin", "insulin",
            "testosterone", "androgel", "sildenafil", "viagra", "tadalafil", "cialis", "levitra",
            "lidocaine", "theramine", "sentra", "trepadone", "gabadone", "appetrex", "medical food",
            "medical foods", "glucosamine", "chondroitin", "cosamin", "vitamin", "vitamins",
            "supplement", "supplements", "fish oil", "b12", "antibiotic", "antibiotics", "keflex",
            "cephalexin", "augmentin", "amoxicillin", "ciprofloxacin", "cipro", "doxycycline",
            "bactrim", "xarelto", "eliquis", "coumadin", "warfarin", "lovenox", "enoxaparin",
            "colchicine", "allopurinol", "ketamine", "dmso", "marijuana", "cannabis", "cbd",
            "memantine", "namenda", "donepezil", "aricept", "nuedexta", "baclofen pump", "flonase",
            "nasal spray", "medication", "medications", "prescription", "prescriptions", "drug",
            "drugs", "pharmacy", "tablets", "capsules",
        ],
    ),
    (
        C::Imaging,
        None,
        &[
            "mri", "mr", "mra", "magnetic resonance", "fmri", "upright mri", "ct", "cat scan",
            "computed tomography", "ct scan", "x ray", "xray", "x rays", "radiograph",
            "radiographs", "radiography", "ultrasound", "sonogram", "ultrasonography",
            "diagnostic ultrasound", "bone scan", "arthrogram", "mr arthrogram", "dexa",
            "bone density", "myelogram", "ct myelogram", "discogram", "pet scan", "spect",
            "imaging", "films", "views", "fluoroscopy", "venogram", "angiogram", "doppler",
            "duplex", "scintigraphy", "mammogram",
        ],
    ),
    (
        C::DiagnosticTest,
        None,
        &[
            "emg", "ncv", "ncs", "emgs", "nerve conduction", "nerve conduction velocity",
            "nerve conduction studies", "nerve conduction study", "electromyography",
            "electromyogram", "electrodiagnostic", "lab", "labs", "laboratory", "blood test",
            "blood tests", "bloodwork", "blood work", "cbc", "cmp", "bmp", "pt ptt", "ptt", "inr",
            "urinalysis", "ua", "urine drug screen", "urine drug screening", "urine drug test",
            "urine drug testing", "uds", "urine toxicology", "urine toxicology screen",
            "drug screen", "drug screening", "drug test", "drug testing", "toxicology",
            "sleep study", "polysomnography", "polysomnogram", "functional capacity evaluation",
            "functional capacity evaluations", "fce", "qfce", "genetic test", "genetic testing",
            "genetic", "dna", "cytokine", "ecg", "ekg", "electrocardiogram", "echocardiogram",
            "stress test", "holter", "pulmonary function", "pft", "spirometry", "vng", "audiogram",
            "audiometry", "hearing test", "eeg", "range of motion testing",
            "computerized range of motion", "muscle testing", "strength testing", "qst",
            "quantitative sensory", "sudomotor", "vsnct", "liver function", "hepatic function",
            "metabolic panel", "lipid panel", "a1c", "hemoglobin a1c", "thyroid", "vitamin d level",
            "serum", "urine", "blood", "biopsy", "nerve biopsy", "skin biopsy", "tilt table",
            "allergy testing", "psychological testing", "neuropsychological testing",
            "neuropsychological", "impedance", "ankle brachial index", "abi",
        ],
    ),
    (
        C::Therapy,
        None,
        &[
            "physical therapy", "pt", "physiotherapy", "physio", "occupational therapy", "ot",
            "chiropractic", "chiropractor", "chiro", "chiropractic manipulation", "manipulation",
            "manipulative", "spinal manipulation", "osteopathic manipulation", "omt", "acupuncture",
            "electroacupuncture", "electro acupuncture", "massage", "massage therapy", "myotherapy",
            "aquatic therapy", "aqua therapy", "aquatherapy", "pool therapy", "water therapy",
            "hydrotherapy", "work hardening", "work conditioning", "shockwave", "shock wave",
            "eswt", "extracorporeal", "traction", "myofascial release", "iontophoresis",
            "phonophoresis", "ultrasound therapy", "therapeutic ultrasound",
            "electrical stimulation", "electric stimulation", "e stim", "estim", "infrared",
            "laser therapy", "cold laser", "low level laser", "hand therapy", "vestibular",
            "vestibular therapy", "speech therapy", "therapeutic exercise", "therapeutic exercises",
            "therapeutic activities", "rehabilitation", "rehab", "mobilization", "kinesio",
            "decompression therapy", "spinal decompression", "dry needling", "cupping", "therapy",
            "therapies", "therapist", "physical medicine", "modalities", "paraffin",
            "home exercise program", "exercise program",
        ],
    ),
    (
        C::Injection,
        None,
        &[
            "injection", "injections", "epidural", "epidurals", "esi", "lesi", "cesi", "tfesi",
            "transforaminal", "interlaminar", "caudal", "facet", "facets", "medial branch", "mbb",
            "mbnb", "radiofrequency", "rf", "rfa", "rhizotomy", "neurotomy", "ablation",
            "trigger point", "trigger points", "tpi", "tpis", "cortisone", "corticosteroid",
            "steroid injection", "steroid injections", "kenalog", "depo medrol", "celestone",
            "triamcinolone", "betamethasone", "lidocaine injection", "marcaine", "bupivacaine",
            "intra articular", "intraarticular", "synvisc", "orthovisc", "euflexxa", "supartz",
            "hyalgan", "gel one", "monovisc", "gelsyn", "durolane", "genvisc", "hyaluronic",
            "viscosupplementation", "viscosupplement", "prp", "platelet rich", "platelet", "botox",
            "botulinum", "nerve block", "nerve blocks", "block", "blocks",
            "sacroiliac joint injection", "si joint injection", "stellate ganglion",
            "sympathetic block", "occipital nerve", "genicular", "prolotherapy", "stem cell",
            "stem cells", "selective nerve root", "snrb", "aspiration", "sacroiliac", "si joint",
            "ozone", "dextrose injection",
        ],
    ),
    (
        C::Surgery,
        None,
        &[
            "surgery", "surgeries", "surgical", "operation", "arthroscopy", "arthroscopic",
            "arthroplasty", "replacement", "joint replacement", "fusion", "arthrodesis",
            "laminectomy", "laminotomy", "hemilaminectomy", "discectomy", "diskectomy",
            "microdiscectomy", "foraminotomy", "decompression", "subacromial decompression",
            "release", "carpal tunnel release", "repair", "rotator cuff repair", "reconstruction",
            "meniscectomy", "menisectomy", "chondroplasty", "synovectomy", "debridement",
            "osteotomy", "excision", "resection", "removal of hardware", "hardware removal", "orif",
            "open reduction", "acromioplasty", "tenotomy", "tenodesis", "capsulotomy",
            "capsulorrhaphy", "manipulation under anesthesia", "mua", "tka", "tha", "tkr", "thr",
            "uka", "acdf", "plif", "tlif", "xlif", "alif", "kyphoplasty", "vertebroplasty",
            "spinal cord stimulator", "scs", "intrathecal pump", "pain pump", "neurostimulator",
            "implant", "implantation", "assistant surgeon", "surgical assistant", "co surgeon",
            "inpatient stay", "hospital stay", "length of stay", "overnight stay",
            "hospitalization", "admission", "transposition", "neurolysis", "neuroplasty",
            "fasciotomy", "fasciectomy", "amputation", "ganglion cyst excision",
            "trigger finger release", "de quervain release", "labral repair", "bankart",
            "slap repair", "revision", "hernia repair", "herniorrhaphy", "bariatric",
            "gastric bypass", "cholecystectomy", "lap band",
        ],
    ),
    (
        C::Equipment,
        None,
        &[
            "dme", "durable medical equipment", "brace", "bracing", "splint", "splints",
            "splinting", "orthotic", "orthotics", "orthosis", "orthoses", "insole", "insoles",
            "shoe inserts", "orthopedic shoes", "orthopedic shoe", "tens", "tens unit", "h wave",
            "hwave", "interferential", "if unit", "ics unit", "inferential", "muscle stimulator",
            "ems unit", "nmes", "stimulator unit", "electrical stimulation unit",
            "cold therapy unit", "cold therapy", "cryotherapy", "cryotherapy unit",
            "cold compression", "game ready", "polar care", "polar frost", "vascutherm",
            "hot cold unit", "hot and cold unit", "cold unit", "heat unit", "iceman",
            "continuous passive motion", "cpm", "walker", "cane", "crutch", "crutches",
            "wheelchair", "scooter", "shower chair", "commode", "bed", "hospital bed", "mattress",
            "pillow", "cervical pillow", "lumbar support", "lumbar roll", "back support", "collar",
            "sling", "immobilizer", "boot", "cam boot", "cam walker", "compression stockings",
            "compression stocking", "compression garment", "compression sleeve", "ted hose",
            "home exercise kit", "exercise kit", "theraband", "exercise ball", "stability ball",
            "pulley", "traction unit", "home traction", "cervical traction unit", "heating pad",
            "ice pack", "hot pack", "cold pack", "thermacare", "tempur", "ergonomic", "chair",
            "desk", "keyboard", "hearing aid", "hearing aids", "glasses", "cpap", "bipap",
            "bone stimulator", "bone growth stimulator", "electrodes", "batteries", "supplies",
            "equipment", "device", "unit", "kit", "grab bars", "reacher", "raised toilet seat",
            "lift", "stimulator", "shoes", "prosthesis", "prosthetic", "gloves", "wrist support",
            "knee support", "ankle support", "elastic bandage", "ace wrap", "inversion table",
            "treadmill", "exercise bike", "recumbent bike",
        ],
    ),
    (
        C::Evaluation,
        None,
        &[
            "consultation", "consultations", "consult", "consults", "referral", "referrals",
            "refer", "follow up", "followup", "follow ups", "office visit", "office visits",
            "visit", "visits", "evaluation", "evaluations", "eval", "re evaluation", "reevaluation",
            "assessment", "pre op clearance", "preoperative clearance", "medical clearance",
            "clearance", "second opinion", "pain management", "pain medicine", "orthopedic",
            "orthopaedic", "orthopedist", "ortho", "neurologist", "neurology", "neurosurgeon",
            "neurosurgical", "neurosurgery", "specialist", "psychiatric", "psychiatrist",
            "psychiatry", "psychological evaluation", "psych evaluation", "psychologist",
            "internal medicine", "internist", "rheumatology", "rheumatologist", "cardiology",
            "cardiologist", "gastroenterology", "gastroenterologist", "dermatology", "urology",
            "urologist", "podiatry", "podiatrist", "ophthalmology", "ophthalmologist",
            "optometrist", "ent", "otolaryngology", "audiologist", "physiatrist", "physiatry",
            "hand surgeon", "spine surgeon", "sleep medicine", "telemedicine",
            "medication management", "appointment", "appointments", "examination", "exam",
            "re exam", "reexamination", "qme", "ime",
        ],
    ),
    (
        C::Behavioral,
        None,
        &[
            "psychotherapy", "cognitive behavioral therapy", "cognitive behavioral",
            "cognitive behavior therapy", "cbt", "biofeedback", "counseling", "counselling",
            "psychological treatment", "psychological sessions", "psychological therapy",
            "psychiatric treatment", "psych sessions", "group therapy", "hypnotherapy", "hypnosis",
            "relaxation training", "stress management", "mindfulness", "pain psychology",
            "behavioral therapy", "behavioral", "talk therapy", "psychological support",
            "psychological care",
        ],
    ),
    (
        C::Program,
        None,
        &[
            "functional restoration program", "functional restoration", "frp", "multidisciplinary",
            "interdisciplinary", "chronic pain program", "pain program", "pain management program",
            "detox", "detoxification", "weaning program", "weight loss program", "weight loss",
            "weight management", "gym membership", "gym", "pool membership", "ymca", "membership",
            "home health", "home health care", "home health aide", "home care", "nursing", "nurse",
            "caregiver", "housekeeping", "home assistance", "transportation", "transport",
            "inpatient rehabilitation", "residential", "skilled nursing", "snf", "day program",
            "restoration program", "rehabilitation program", "tai chi", "yoga", "pilates",
            "nutrition", "nutritional", "diet", "dietitian", "education", "school",
        ],
    ),
];

/// The index of [`TERMS`] by first word: each term as its words, with its category and class.
type Index = HashMap<&'static str, Vec<(Vec<&'static str>, Category, Option<DrugClass>)>>;

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = Index::new();
        for &(category, class, terms) in TERMS {
            for term in terms {
                let words: Vec<&'static str> = term.split(' ').collect();
                index
                    .entry(words[0])
                    .or_default()
                    .push((words, category, class));
            }
        }
        index
    })
}

/// Whether `word` is the term's word `term`, or `term` with an `s`.
fn same_word(word: &str, term: &str) -> bool {
    word == term || word.strip_suffix('s') == Some(term)
}

/// The category and drug class of a disputed treatment (see the module's documentation).
///
/// ```
/// use imr_determination::vocab::{treatment, Category, DrugClass};
/// let norco = treatment("Post-op Norco 5/325mg #60, 1-2 tabs orally every 4-6 hrs as needed");
/// assert_eq!((norco.category, norco.drug_class), (Category::Medication, Some(DrugClass::Opioid)));
/// let gel = treatment("Voltaren gel 1% 100g");
/// assert_eq!(gel.drug_class, Some(DrugClass::Topical));
/// assert_eq!(treatment("Home cervical traction unit").category, Category::Equipment);
/// assert_eq!(treatment("Pre-op chest x-ray").category, Category::Imaging);
/// assert_eq!(treatment("Something new").category, Category::Other);
/// ```
pub fn treatment(text: &str) -> Treatment {
    // The words of `vocab::words`, lower-cased once for all of them (this runs once per item).
    let lower = text.to_ascii_lowercase();
    let words: Vec<&str> = super::split_words(&lower).collect();
    let index = index();
    let found = (0..words.len()).find_map(|at| {
        let word = words[at];
        let stem = word.strip_suffix('s');
        let candidates = index
            .get(word)
            .into_iter()
            .chain(stem.and_then(|s| index.get(s)))
            .flatten();
        candidates
            .filter(|(term, _, _)| {
                words.len() - at >= term.len()
                    && term.iter().zip(&words[at..]).all(|(t, w)| same_word(w, t))
            })
            .max_by_key(|(term, _, _)| term.len())
            .map(|&(_, category, class)| (category, class))
    });
    let Some((category, class)) = found else {
        return Treatment {
            category: Category::Other,
            drug_class: None,
        };
    };
    let on_skin = || {
        SKIN_FORMS.iter().any(|form| {
            let n = form.split(' ').count();
            (words.windows(n)).any(|w| w.iter().zip(form.split(' ')).all(|(w, f)| same_word(w, f)))
        })
    };
    let drug_class = match class {
        Some(_) if on_skin() => Some(DrugClass::Topical),
        class => class,
    };
    Treatment {
        category,
        drug_class,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(text: &str) -> (&'static str, Option<&'static str>) {
        let t = treatment(text);
        (t.category.as_str(), t.drug_class.map(DrugClass::as_str))
    }

    #[test]
    fn every_term_is_lower_case_words_and_listed_once() {
        let mut seen = std::collections::HashSet::new();
        for &(category, class, terms) in TERMS {
            assert_eq!(class.is_some(), category == Category::Medication);
            for term in terms {
                let words: Vec<String> = crate::vocab::words(term).collect();
                assert_eq!(
                    words.join(" "),
                    *term,
                    "term {term:?} is not in its word form"
                );
                assert!(seen.insert(*term), "term {term:?} is listed twice");
            }
        }
    }

    #[test]
    fn the_first_treatment_named_decides() {
        assert_eq!(of("Physical therapy and TENS unit"), ("therapy", None));
        assert_eq!(of("TENS unit and physical therapy"), ("equipment", None));
        assert_eq!(
            of("Tylenol #3 #60"),
            ("medication", Some("opioid")),
            "a product of several drugs takes its strongest"
        );
        assert_eq!(of("Tylenol 500mg"), ("medication", Some("other")));
    }

    #[test]
    fn longest_term_at_one_place() {
        assert_eq!(of("Cold therapy unit rental"), ("equipment", None));
        assert_eq!(of("Pre-op labs: PT/PTT"), ("diagnostic_test", None));
        assert_eq!(of("PT 2x4 for the knee"), ("therapy", None));
        assert_eq!(
            of("Functional capacity evaluation"),
            ("diagnostic_test", None)
        );
        assert_eq!(of("Manipulation under anesthesia"), ("surgery", None));
        assert_eq!(of("Cognitive behavioral therapy x6"), ("behavioral", None));
    }

    #[test]
    fn skin_forms_are_topical_whatever_the_drug() {
        assert_eq!(of("Lidocaine ointment 5%"), ("medication", Some("topical")));
        assert_eq!(of("Ketoprofen 20% cream"), ("medication", Some("topical")));
        assert_eq!(of("Flector patches #30"), ("medication", Some("topical")));
        assert_eq!(
            of("Compounded cream: flurbiprofen/baclofen"),
            ("medication", Some("topical"))
        );
        assert_eq!(of("Ketoprofen 75mg #60"), ("medication", Some("nsaid")));
        assert_eq!(
            of("Toradol 60mg IM injection"),
            ("medication", Some("nsaid"))
        );
    }

    #[test]
    fn procedure_injections_are_injections() {
        assert_eq!(
            of("Cortisone injection to the right shoulder"),
            ("injection", None)
        );
        assert_eq!(of("Bilateral L4-5 transforaminal ESI"), ("injection", None));
        assert_eq!(of("Kenalog 40mg injection"), ("injection", None));
        assert_eq!(of("Synvisc-One x1 left knee"), ("injection", None));
    }

    #[test]
    fn plurals_and_spellings() {
        assert_eq!(of("X-rays of the lumbar spine"), ("imaging", None));
        assert_eq!(of("Xray left wrist"), ("imaging", None));
        assert_eq!(of("Knee braces"), ("equipment", None));
        assert_eq!(of("H-Wave device"), ("equipment", None));
    }

    /// Requests as utilization review letters commonly word them (written for this test from
    /// the domain, labelled by the rules of `TREATMENTS.md`).
    #[test]
    fn common_requests() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("Oxycontin 20mg #60", "medication", Some("opioid")),
            ("Percocet 10/325 #120", "medication", Some("opioid")),
            ("Nucynta ER 100mg #60", "medication", Some("opioid")),
            ("Butrans patch 10mcg/hr #4", "medication", Some("topical")),
            ("Naproxen sodium 550mg #60", "medication", Some("nsaid")),
            ("Celebrex 200mg #30", "medication", Some("nsaid")),
            ("Soma 350mg #90", "medication", Some("muscle_relaxant")),
            ("Tizanidine 4mg #60", "medication", Some("muscle_relaxant")),
            ("Gabapentin 600mg #90", "medication", Some("anticonvulsant")),
            ("Lyrica 75mg #60", "medication", Some("anticonvulsant")),
            ("Cymbalta 60mg #30", "medication", Some("antidepressant")),
            ("Trazodone 50mg #30", "medication", Some("antidepressant")),
            ("Xanax 0.5mg #30", "medication", Some("benzodiazepine")),
            ("Ambien 10mg #30", "medication", Some("hypnotic")),
            ("Lidoderm 5% patches #30", "medication", Some("topical")),
            ("Terocin lotion 120ml", "medication", Some("topical")),
            (
                "Omeprazole 20mg #60",
                "medication",
                Some("gastrointestinal"),
            ),
            (
                "Ondansetron ODT 8mg #30",
                "medication",
                Some("gastrointestinal"),
            ),
            ("Senokot-S #60", "medication", Some("gastrointestinal")),
            ("Theramine #120", "medication", Some("other")),
            ("Retrospective Toradol 60mg IM", "medication", Some("nsaid")),
            ("CT scan of the lumbar spine", "imaging", None),
            ("X-ray of the right knee, 3 views", "imaging", None),
            ("Ultrasound of the left shoulder", "imaging", None),
            ("Urine drug screen", "diagnostic_test", None),
            (
                "Functional Capacity Evaluation (FCE)",
                "diagnostic_test",
                None,
            ),
            ("Sleep study", "diagnostic_test", None),
            ("Physical therapy 2x6 for the lumbar spine", "therapy", None),
            ("Acupuncture 6 sessions", "therapy", None),
            ("Aquatic therapy x 12", "therapy", None),
            ("Work hardening program 10 sessions", "therapy", None),
            (
                "Extracorporeal shockwave therapy for the left shoulder",
                "therapy",
                None,
            ),
            ("Bilateral L4-L5 medial branch blocks", "injection", None),
            ("Radiofrequency ablation at L3-4, L4-5", "injection", None),
            ("Trigger point injections x4", "injection", None),
            ("Right knee Synvisc injection", "injection", None),
            ("Left carpal tunnel release", "surgery", None),
            (
                "Right shoulder arthroscopy with subacromial decompression",
                "surgery",
                None,
            ),
            ("L4-S1 posterior lumbar fusion", "surgery", None),
            ("Assistant surgeon", "surgery", None),
            ("Inpatient stay x 2 days", "surgery", None),
            ("Lumbar brace", "equipment", None),
            ("TENS unit purchase", "equipment", None),
            ("H-wave device 30 day trial", "equipment", None),
            ("Cold therapy unit, 7 day rental", "equipment", None),
            ("Front wheeled walker", "equipment", None),
            ("Custom orthotics", "equipment", None),
            ("Orthopedic consultation", "evaluation", None),
            ("Referral to pain management", "evaluation", None),
            ("Follow-up visit in 4 weeks", "evaluation", None),
            ("Psychological evaluation", "evaluation", None),
            (
                "Cognitive behavioral therapy 6 sessions",
                "behavioral",
                None,
            ),
            ("Biofeedback x 6", "behavioral", None),
            (
                "Functional restoration program x 160 hours",
                "program",
                None,
            ),
            ("Gym membership x 6 months", "program", None),
            ("Home health care 4 hours a day", "program", None),
            ("Transportation to and from appointments", "program", None),
            ("Outpatient detoxification", "program", None),
        ];
        let wrong: Vec<_> = cases
            .iter()
            .filter(|(text, category, class)| of(text) != (*category, *class))
            .map(|(text, ..)| (*text, of(text)))
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn unknown_is_other_not_a_guess() {
        assert_eq!(of(""), ("other", None));
        assert_eq!(of("Retrospective request"), ("other", None));
        assert_eq!(of("Xyzzy 10mg #30"), ("other", None));
    }
}
