//! The numbers of `imr report`: what a worker gathers from one letter ([`Letter`]), their sum
//! over the run ([`Tally`]) and the summary the page shows and embeds ([`Summary`]).
//!
//! Every grouping uses the definitions of `imr export` (the `category`, `drug_class`,
//! `guideline_id` and `reviewer_specialties` columns, the decision date's month), so that the
//! report's numbers are those a query over the export gives (a test checks it).

use std::collections::{BTreeMap, HashMap};

use imr_determination::table::{guideline_id, header_date, reviewer_specialties};
use imr_determination::{Code, DecisionValue, Parsed, Severity};
use serde::Serialize;

use crate::cli::lints::Lints;
use crate::cli::run::Status;

/// The most guidelines and specialties shown (the rest are summed in one line).
pub const TOP: usize = 15;
/// The most example letters listed for a diagnostic code or a reason an input is unreadable.
pub const EXAMPLES: usize = 5;
/// The most reasons for unreadable inputs listed (the rest are summed in one line).
pub const REASONS: usize = 20;
/// The longest stretch of months shown with the months between filled in (20 years); a span
/// of dates longer than that shows only the months that have letters.
pub const MONTHS: usize = 240;

/// What the report needs of one letter, gathered by the worker that parsed it.
#[derive(Debug, Default)]
pub struct Letter {
    /// The input's path.
    pub path: String,
    /// Conforming, with warnings, with errors or unreadable (the lint levels applied).
    pub status: Status,
    /// Its diagnostics' codes, each once, in the order first reported, and whether the lint
    /// levels count it as an error there.
    pub codes: Vec<(Code, bool)>,
    /// Whether its items count in the outcomes: it has no errors, or `--keep-partial`.
    pub counted: bool,
    /// The reviewer's specialties under their ABMS names.
    pub specialties: Vec<String>,
    /// The month of the decision date, counted from January of the year 0 ([`month_key`]
    /// writes it).
    pub month: Option<u32>,
    /// Its items.
    pub items: Vec<Item>,
    /// Why it could not be read, for an unreadable input.
    pub problem: Option<String>,
}

/// What the report needs of one item.
#[derive(Debug)]
pub struct Item {
    /// Upheld, overturned, or not read.
    pub decision: Option<DecisionValue>,
    /// The treatment category.
    pub category: &'static str,
    /// The drug class of a medication.
    pub drug_class: Option<&'static str>,
    /// Whether the request was modified (part of it authorized before review).
    pub modified: bool,
    /// The MTUS guidelines MAXIMUS's reviewer cites, each once.
    pub guidelines: Vec<&'static str>,
}

impl Letter {
    /// The facts of a parsed letter whose status under the lint levels `lints` is `status`.
    /// The groups are those of the export's columns, from the same functions.
    pub fn of(
        path: String,
        parsed: &Parsed<'_>,
        status: Status,
        lints: &Lints,
        keep_partial: bool,
    ) -> Letter {
        let doc = &parsed.document;
        let mut codes: Vec<(Code, bool)> = Vec::new();
        for d in &parsed.diagnostics {
            let i = find_or_push(&mut codes, |(c, _)| *c == d.code(), || (d.code(), false));
            codes[i].1 |= lints.is_error(d);
        }
        let decided = doc
            .case_header
            .as_ref()
            .and_then(|h| h.decision_date.as_ref());
        let month = header_date(decided).map(|d| u32::from(d.year) * 12 + u32::from(d.month) - 1);
        let items = doc.items.iter().map(|item| {
            let mut guidelines: Vec<&'static str> = Vec::new();
            let cited = item.maximus_guideline.iter().flat_map(|g| &g.citations);
            for id in cited.filter_map(guideline_id) {
                if !guidelines.contains(&id) {
                    guidelines.push(id);
                }
            }
            Item {
                decision: item.decision.map(|d| d.value),
                category: item.category.as_str(),
                drug_class: item.drug_class.map(|c| c.as_str()),
                modified: item.modification.is_some(),
                guidelines,
            }
        });
        Letter {
            path,
            status,
            codes,
            counted: keep_partial || status != Status::Errors,
            specialties: reviewer_specialties(doc),
            month,
            items: items.collect(),
            problem: None,
        }
    }
}

/// Items and their decisions in one group.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Items.
    pub items: u64,
    /// Items upheld.
    pub upheld: u64,
    /// Items overturned.
    pub overturned: u64,
}

impl Counts {
    fn add(&mut self, decision: Option<DecisionValue>) {
        self.items += 1;
        match decision {
            Some(DecisionValue::Upheld) => self.upheld += 1,
            Some(DecisionValue::Overturned) => self.overturned += 1,
            None => {}
        }
    }

    fn decided(self) -> u64 {
        self.upheld + self.overturned
    }

    /// The share of decided items upheld, and its 95% Wilson score interval; `None` when no
    /// item is decided.
    pub fn rate(self) -> Option<(f64, f64, f64)> {
        let n = self.decided() as f64;
        if n == 0.0 {
            return None;
        }
        let p = self.upheld as f64 / n;
        let (low, high) = wilson(p, n);
        Some((p, low, high))
    }
}

/// The 95% Wilson score interval of a proportion `p` observed over `n` trials (`n` > 0).
pub fn wilson(p: f64, n: f64) -> (f64, f64) {
    const Z: f64 = 1.959_963_984_540_054;
    let z2 = Z * Z;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = Z / (1.0 + z2 / n) * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// One group of items as the page shows it: a bar of a chart and a row of its table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// The group's name: a category, drug class, guideline id, specialty or `YYYY-MM`.
    pub key: String,
    /// Items.
    pub items: u64,
    /// Items upheld.
    pub upheld: u64,
    /// Items overturned.
    pub overturned: u64,
    /// The share of decided items upheld (`null` when none is decided).
    pub uphold_rate: Option<f64>,
    /// The 95% Wilson interval's lower bound.
    pub low: Option<f64>,
    /// Its upper bound.
    pub high: Option<f64>,
}

impl Group {
    /// The uphold rate and its interval's bounds, when any item is decided.
    pub fn rated(&self) -> Option<(f64, f64, f64)> {
        Some((self.uphold_rate?, self.low?, self.high?))
    }

    fn new(key: String, c: Counts) -> Group {
        let r = c.rate();
        Group {
            key,
            items: c.items,
            upheld: c.upheld,
            overturned: c.overturned,
            uphold_rate: r.map(|r| r.0),
            low: r.map(|r| r.1),
            high: r.map(|r| r.2),
        }
    }
}

/// A grouping: its groups, and what the groups left out hold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Grouping {
    /// The groups shown.
    pub groups: Vec<Group>,
    /// How many groups are not shown (beyond the [`TOP`]).
    pub others: usize,
    /// The items of the groups not shown.
    pub other_items: u64,
    /// Counted items in no group (no decision date, no guideline id, no specialty...).
    pub ungrouped_items: u64,
}

/// Letters by status.
#[derive(Debug, Default, Clone, PartialEq, Serialize)]
pub struct Letters {
    /// Inputs read, or not: every input.
    pub inputs: u64,
    /// Letters with no diagnostic.
    pub conforming: u64,
    /// Letters with warnings and no error.
    pub warnings: u64,
    /// Letters with errors.
    pub errors: u64,
    /// Inputs that could not be read.
    pub unreadable: u64,
    /// Letters whose items count in the outcomes.
    pub counted: u64,
}

/// The totals of the counted letters.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Totals {
    /// All counted items.
    #[serde(flatten)]
    pub all: Group,
    /// Items with neither decision read.
    pub undecided: u64,
    /// Items whose request was modified.
    pub modified: u64,
    /// `modified` / `items`.
    pub modified_share: Option<f64>,
    /// Items per counted letter.
    pub items_per_letter: Option<f64>,
}

/// A diagnostic code in the conformance section.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CodeCount {
    /// The code, e.g. `imr::missing_section`.
    pub code: &'static str,
    /// `error` or `warning`, as the code is defined.
    pub severity: Severity,
    /// Whether `--deny` counts this warning as an error.
    pub denied: bool,
    /// What it means.
    pub meaning: &'static str,
    /// Letters with at least one diagnostic of this code.
    pub letters: u64,
    /// Up to [`EXAMPLES`] of them, in input order.
    pub examples: Vec<String>,
}

/// Everything the page shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Letters by status.
    pub letters: Letters,
    /// The totals.
    pub totals: Totals,
    /// By treatment category, most items first.
    pub by_category: Grouping,
    /// By drug class (medications), most items first.
    pub by_drug_class: Grouping,
    /// By MTUS guideline cited by MAXIMUS's reviewer, most items first.
    pub by_guideline: Grouping,
    /// By the reviewer's specialty, most items first.
    pub by_specialty: Grouping,
    /// By the month of the decision date, in time order.
    pub by_month: Grouping,
    /// Diagnostic codes, most letters first.
    pub codes: Vec<CodeCount>,
    /// The inputs that could not be read, by reason (at most [`REASONS`]), most first.
    pub unreadable: Vec<Unreadable>,
}

/// The inputs that could not be read for one reason.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unreadable {
    /// Why, e.g. `the PDF is locked with a password ...`; `other reasons` for those beyond the
    /// first [`REASONS`].
    pub why: String,
    /// How many inputs.
    pub inputs: u64,
    /// Up to [`EXAMPLES`] of them, in input order.
    pub examples: Vec<String>,
}

/// The sums over a run, added to letter by letter in input order.
#[derive(Debug, Default)]
pub struct Tally {
    letters: Letters,
    all: Counts,
    undecided: u64,
    modified: u64,
    category: HashMap<&'static str, Counts>,
    drug_class: HashMap<&'static str, Counts>,
    guideline: HashMap<&'static str, Counts>,
    specialty: HashMap<String, Counts>,
    month: BTreeMap<u32, Counts>,
    no_guideline: u64,
    no_specialty: u64,
    no_month: u64,
    codes: Vec<CodeCount>,
    unreadable: Vec<Unreadable>,
}

impl Tally {
    /// Adds one letter.
    pub fn add(&mut self, letter: Letter) {
        let l = &mut self.letters;
        l.inputs += 1;
        match letter.status {
            Status::Conforming => l.conforming += 1,
            Status::Warnings => l.warnings += 1,
            Status::Errors => l.errors += 1,
            Status::Unreadable => {
                l.unreadable += 1;
                self.add_unreadable(letter.path, letter.problem.unwrap_or_default());
                return;
            }
        }
        self.add_codes(&letter);
        if letter.counted {
            self.letters.counted += 1;
            self.add_items(&letter);
        }
    }

    fn add_unreadable(&mut self, path: String, why: String) {
        // The first reasons each have their line; the rest share one.
        let known = self.unreadable.iter().any(|u| u.why == why);
        let why = if known || self.unreadable.len() < REASONS {
            why
        } else {
            "other reasons".to_owned()
        };
        let i = find_or_push(
            &mut self.unreadable,
            |u| u.why == why,
            || Unreadable {
                why: why.clone(),
                inputs: 0,
                examples: Vec::new(),
            },
        );
        let u = &mut self.unreadable[i];
        u.inputs += 1;
        example(&mut u.examples, path);
    }

    fn add_codes(&mut self, letter: &Letter) {
        for &(code, as_error) in &letter.codes {
            let i = find_or_push(
                &mut self.codes,
                |c| c.code == code.as_str(),
                || CodeCount {
                    code: code.as_str(),
                    severity: code.severity(),
                    denied: false,
                    meaning: code.description(),
                    letters: 0,
                    examples: Vec::new(),
                },
            );
            let c = &mut self.codes[i];
            c.denied |= as_error && c.severity == Severity::Warning;
            c.letters += 1;
            example(&mut c.examples, letter.path.clone());
        }
    }

    fn add_items(&mut self, letter: &Letter) {
        for item in &letter.items {
            let d = item.decision;
            self.all.add(d);
            self.undecided += u64::from(d.is_none());
            self.modified += u64::from(item.modified);
            self.category.entry(item.category).or_default().add(d);
            if let Some(class) = item.drug_class {
                self.drug_class.entry(class).or_default().add(d);
            }
            for &g in &item.guidelines {
                self.guideline.entry(g).or_default().add(d);
            }
            for s in &letter.specialties {
                self.specialty.entry(s.clone()).or_default().add(d);
            }
            if let Some(m) = letter.month {
                self.month.entry(m).or_default().add(d);
            }
            self.no_guideline += u64::from(item.guidelines.is_empty());
            self.no_specialty += u64::from(letter.specialties.is_empty());
            self.no_month += u64::from(letter.month.is_none());
        }
    }

    /// The summary of the letters added.
    pub fn finish(self) -> Summary {
        let all = self.all;
        let letters = self.letters.counted;
        let share = |n: u64, of: u64| (of > 0).then(|| n as f64 / of as f64);
        let mut codes = self.codes;
        codes.sort_by(|a, b| b.letters.cmp(&a.letters).then(a.code.cmp(b.code)));
        Summary {
            totals: Totals {
                all: Group::new("all".to_owned(), all),
                undecided: self.undecided,
                modified: self.modified,
                modified_share: share(self.modified, all.items),
                items_per_letter: share(all.items, letters),
            },
            letters: self.letters,
            by_category: top(self.category, usize::MAX, 0),
            by_drug_class: top(self.drug_class, usize::MAX, 0),
            by_guideline: top(self.guideline, TOP, self.no_guideline),
            by_specialty: top(self.specialty, TOP, self.no_specialty),
            by_month: Grouping {
                groups: months(self.month),
                others: 0,
                other_items: 0,
                ungrouped_items: self.no_month,
            },
            codes,
            unreadable: self.unreadable,
        }
    }
}

/// The index of the position where `matches` holds in `list`, pushing `new()` there first
/// when it holds nowhere.
fn find_or_push<T>(
    list: &mut Vec<T>,
    matches: impl Fn(&T) -> bool,
    new: impl FnOnce() -> T,
) -> usize {
    list.iter().position(matches).unwrap_or_else(|| {
        list.push(new());
        list.len() - 1
    })
}

/// Keeps `path` among the first [`EXAMPLES`] of a list.
fn example(examples: &mut Vec<String>, path: String) {
    if examples.len() < EXAMPLES {
        examples.push(path);
    }
}

/// A month counted from January of the year 0, as `YYYY-MM`.
fn month_key(month: u32) -> String {
    format!("{:04}-{:02}", month / 12, month % 12 + 1)
}

/// The months in order, with those between the first and the last that have no letter as
/// groups of no item (when they span at most [`MONTHS`]), so that a gap shows as one.
fn months(counted: BTreeMap<u32, Counts>) -> Vec<Group> {
    let span = counted.keys().next().zip(counted.keys().next_back());
    match span {
        Some((&first, &last)) if ((last - first) as usize) < MONTHS => (first..=last)
            .map(|m| Group::new(month_key(m), counted.get(&m).copied().unwrap_or_default()))
            .collect(),
        _ => (counted.into_iter())
            .map(|(m, c)| Group::new(month_key(m), c))
            .collect(),
    }
}

/// The `n` groups with the most items (ties by name), and the sum of the rest.
fn top<K: ToString + Ord>(groups: HashMap<K, Counts>, n: usize, ungrouped: u64) -> Grouping {
    let mut all: Vec<(K, Counts)> = groups.into_iter().collect();
    all.sort_by(|a, b| b.1.items.cmp(&a.1.items).then_with(|| a.0.cmp(&b.0)));
    let rest = all.split_off(n.min(all.len()));
    Grouping {
        groups: (all.into_iter())
            .map(|(k, c)| Group::new(k.to_string(), c))
            .collect(),
        others: rest.len(),
        other_items: rest.iter().map(|(_, c)| c.items).sum(),
        ungrouped_items: ungrouped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_interval_matches_the_textbook() {
        // Wilson (1927) as in Newcombe (1998), table I: 81 of 263 gives 0.2553 to 0.3662.
        let (low, high) = wilson(81.0 / 263.0, 263.0);
        assert!((low - 0.2553).abs() < 5e-4, "{low}");
        assert!((high - 0.3662).abs() < 5e-4, "{high}");
        // All or none: the interval stays within [0, 1] and is not empty.
        let (low, high) = wilson(1.0, 10.0);
        assert!(
            low > 0.72 && low < 0.73 && high > 1.0 - 1e-12,
            "{low} {high}"
        );
        let (low, high) = wilson(0.0, 1.0);
        assert!(low == 0.0 && high > 0.7, "{low} {high}");
    }

    #[test]
    fn nothing_decided_has_no_rate() {
        let mut c = Counts::default();
        c.add(None);
        assert_eq!(c.items, 1);
        assert_eq!(c.rate(), None);
        let s = Tally::default().finish();
        assert_eq!(s.totals.all.uphold_rate, None);
        assert_eq!(s.totals.items_per_letter, None);
        assert_eq!(s.totals.modified_share, None);
    }

    #[test]
    fn months_between_are_filled_in_within_twenty_years() {
        let one = Counts {
            items: 1,
            upheld: 1,
            overturned: 0,
        };
        let keys = |g: Vec<Group>| g.into_iter().map(|g| (g.key, g.items)).collect::<Vec<_>>();
        let month = |y: u32, m: u32| y * 12 + m - 1;
        let span = BTreeMap::from([(month(2016, 11), one), (month(2017, 2), one)]);
        let want = [
            ("2016-11", 1),
            ("2016-12", 0),
            ("2017-01", 0),
            ("2017-02", 1),
        ];
        assert_eq!(keys(months(span)), want.map(|(k, n)| (k.to_owned(), n)));
        let far = BTreeMap::from([(month(1999, 1), one), (month(2099, 12), one)]);
        assert_eq!(keys(months(far)).len(), 2, "a century is not filled in");
    }

    #[test]
    fn unreadable_inputs_are_counted_by_reason() {
        let mut t = Tally::default();
        for i in 0..60 {
            let why = if i % 2 == 0 {
                "locked".to_owned()
            } else {
                format!("size {i}")
            };
            t.add(Letter {
                path: format!("{i}.pdf"),
                status: Status::Unreadable,
                problem: Some(why),
                ..Letter::default()
            });
        }
        let u = t.finish().unreadable;
        assert_eq!(u.len(), REASONS + 1);
        assert_eq!(
            (u[0].why.as_str(), u[0].inputs, u[0].examples.len()),
            ("locked", 30, 5)
        );
        let other = &u[REASONS];
        assert_eq!(
            (other.why.as_str(), other.inputs),
            ("other reasons", 30 - 19)
        );
        assert_eq!(u.iter().map(|u| u.inputs).sum::<u64>(), 60);
    }

    #[test]
    fn top_keeps_the_largest_groups_and_sums_the_rest() {
        let mut groups = HashMap::new();
        for (k, n) in [("a", 1), ("b", 5), ("c", 3), ("d", 3)] {
            let c = Counts {
                items: n,
                upheld: n,
                overturned: 0,
            };
            groups.insert(k, c);
        }
        let g = top(groups, 2, 7);
        let keys: Vec<&str> = g.groups.iter().map(|g| g.key.as_str()).collect();
        assert_eq!(keys, ["b", "c"]);
        assert_eq!((g.others, g.other_items, g.ungrouped_items), (2, 4, 7));
    }
}
