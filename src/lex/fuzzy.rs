//! The misspelling matcher: whether a text is a few edits from a word of the template.
//!
//! One rule serves every fixed word: one edit (insertion, deletion, substitution) per eight
//! characters of the word, one to three, ignoring ASCII case, runs of whitespace read as one
//! space. Each search reads a bounded window ([`reach`]), so trying it at every line or word
//! of a letter stays linear.

use crate::span::{Span, is_ws, trim_start_with};

/// The word among `candidates` nearest to `word` (edit distance, ignoring case).
pub(crate) fn nearest<'c>(word: &str, candidates: &[&'c str]) -> &'c str {
    candidates
        .iter()
        .min_by_key(|c| edit_distance(word, c))
        .copied()
        .unwrap_or_default()
}

/// A line of `text` (which starts at byte `base` of the input) that looks like a misspelling of
/// `target`, a heading or a label of the template: its start (up to the first colon, for a
/// label ending with one) is a few edits away from `target`, ignoring case. Only the first
/// characters of a line are compared, so the search is linear in the text.
pub(crate) fn near_miss(text: &str, base: usize, target: &str) -> Option<Span> {
    let budget = near_miss_budget(target);
    let mut offset = 0;
    for line in text.split('\n') {
        let lead = line.len() - trim_start_with(line, is_ws).len();
        let content = line.trim();
        let candidate = if target.ends_with(':') {
            content
                .find(':')
                .filter(|&i| i <= target.len() + budget)
                .map(|i| &content[..=i])
        } else {
            Some(content)
        };
        if let Some(c) = candidate.filter(|c| is_misspelling(c, target)) {
            let start = base + offset + lead;
            return Some(Span::bytes(start, start + c.len()));
        }
        offset += line.len() + 1;
    }
    None
}

/// Where a misspelling of `phrase` that starts at byte `start` of `s` ends: the first words
/// from `start` (up to one more than `phrase` has, and no further than `to`) that are a
/// misspelling of it ([`is_misspelling`]). No more than [`reach`] bytes are read from `start`,
/// however long its words, so trying every place of a text stays linear.
pub(crate) fn misspelt_words(s: &str, start: usize, to: usize, phrase: &str) -> Option<usize> {
    let mut to = to.min(start + reach(phrase.len()));
    while !s.is_char_boundary(to) {
        to -= 1;
    }
    let mut at = start;
    for _ in 0..=phrase.split(' ').count() {
        if at >= to {
            break;
        }
        let end = s[at..to].find(is_ws).map_or(to, |n| at + n);
        if is_misspelling(&s[start..end], phrase) {
            return Some(end);
        }
        at = to - trim_start_with(&s[end..to], is_ws).len();
    }
    None
}

/// How many edits away from `target` a misspelling of it may be: one per eight bytes, one to
/// three.
fn near_miss_budget(target: &str) -> usize {
    (target.len() / 8).clamp(1, 3)
}

/// The label of `labels` (each ending with a colon) that `line` starts with misspelt: its index
/// and the length of `line` up to and with the colon. The misspelling is the text after the
/// leading whitespace up to the first colon ([`is_misspelling`]), with at most one line break
/// in it (a label may wrap once: `Application` / `Received:`); no more than
/// [`reach`] bytes are read.
pub(crate) fn misspelt_label_of(line: &str, labels: &[&str]) -> Option<(usize, usize)> {
    let longest = labels.iter().map(|l| l.len()).max()?;
    let lead = line.len() - trim_start_with(line, is_ws).len();
    let rest = &line.as_bytes()[lead..];
    let window = &rest[..rest.len().min(reach(longest))];
    let colon = memchr::memchr(b':', window)?;
    if memchr::memchr_iter(b'\n', &window[..colon])
        .nth(1)
        .is_some()
    {
        return None;
    }
    // The colon is ASCII: the bytes before it end a character.
    let candidate = &line[lead..=lead + colon];
    let len = collapsed(candidate).count();
    labels
        .iter()
        .position(|l| misspelling_of(candidate, len, l))
        .map(|i| (i, lead + colon + 1))
}

/// How far a misspelling of a phrase or label of at most `longest` bytes may reach from its
/// start: three edits more, and room for a few more spaces or a line break between its words.
/// The misspelling searches read no further, which keeps them linear.
pub(crate) const fn reach(longest: usize) -> usize {
    longest + 3 + 8
}

/// The characters of `s` with each run of whitespace read as one space, as a phrase is matched.
fn collapsed(s: &str) -> impl Iterator<Item = char> + Clone + '_ {
    let mut in_ws = false;
    s.chars().filter_map(move |c| {
        let ws = is_ws(c);
        let keep = !(ws && in_ws);
        in_ws = ws;
        keep.then_some(if ws { ' ' } else { c })
    })
}

/// Whether `candidate` is a misspelling of `target` (a phrase of the template, its words one
/// space apart): with its runs of whitespace read as one space, not the same ignoring ASCII
/// case, and at most [`near_miss_budget`] edits away from it.
///
/// ```text
/// misspelling(w) = TEXT ;
/// ```
pub(crate) fn is_misspelling(candidate: &str, target: &str) -> bool {
    misspelling_of(candidate, collapsed(candidate).count(), target)
}

/// [`is_misspelling`], given the length of the candidate with its whitespace collapsed
/// (counted once for all the targets it is compared with).
fn misspelling_of(candidate: &str, len: usize, target: &str) -> bool {
    let budget = near_miss_budget(target);
    len.abs_diff(target.len()) <= budget && {
        let d = edit_distance_within(collapsed(candidate), target, budget);
        d > 0 && d <= budget
    }
}

/// The edit distance (insertions, deletions, substitutions) between the first 64 characters of
/// `a` and of `b`, ignoring ASCII case: two rows of the table, on the stack.
fn edit_distance(a: &str, b: &str) -> usize {
    edit_distance_within(a.chars(), b, usize::MAX)
}

/// [`edit_distance`], or any number above `limit` once it is sure to exceed it: as soon as a
/// row of the table holds nothing within `limit`, which for unrelated texts is after a few
/// characters.
fn edit_distance_within(a: impl Iterator<Item = char>, b: &str, limit: usize) -> usize {
    const MAX: usize = 64;
    let mut target = ['\0'; MAX];
    let mut n = 0;
    for (slot, c) in target.iter_mut().zip(b.chars()) {
        *slot = c.to_ascii_lowercase();
        n += 1;
    }
    let target = &target[..n];
    let (mut prev, mut cur) = ([0; MAX + 1], [0; MAX + 1]);
    for (j, d) in prev[..=n].iter_mut().enumerate() {
        *d = j;
    }
    for (i, ca) in a.take(MAX).enumerate() {
        let ca = ca.to_ascii_lowercase();
        cur[0] = i + 1;
        let mut least = cur[0];
        for (j, &cb) in target.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
            least = least.min(cur[j + 1]);
        }
        if least > limit {
            return least;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[n]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misspelt_words_read_a_bounded_window() {
        let s = "x. Decison   based on Non-MTUS";
        assert_eq!(misspelt_words(s, 3, s.len(), "Decision based on"), Some(21));
        assert_eq!(misspelt_words(s, 0, s.len(), "Decision based on"), None);
        // A long word is not read to its end: the window is twice a misspelling's length.
        let long = format!("Decisio{}", "n".repeat(100_000));
        assert_eq!(
            misspelt_words(&long, 0, long.len(), "Decision based on"),
            None
        );
    }

    #[test]
    fn misspelt_labels_may_wrap_once() {
        let labels = ["Case Number:", "Application Received:"];
        assert_eq!(
            misspelt_label_of("Aplication \nReceived: x", &labels),
            Some((1, 21))
        );
        assert_eq!(
            misspelt_label_of("Aplication\n\nReceived: x", &labels),
            None
        );
        assert_eq!(misspelt_label_of("  Case Numbr: 1", &labels), Some((0, 13)));
        assert_eq!(
            misspelt_label_of("Case Number 1 and more text without a colon", &labels),
            None
        );
    }

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("UPHELD", "upheld"), 0);
        assert_eq!(edit_distance("Uphld", "Upheld"), 1);
        assert_eq!(edit_distance("caf\u{e9}", "cafe"), 1);
        assert!(edit_distance_within("Syncope in adults:".chars(), "Decision based on", 2) > 2);
        assert_eq!(
            edit_distance_within("Decisoin based on".chars(), "Decision based on", 2),
            2
        );
        // Only the first 64 characters count.
        assert_eq!(edit_distance(&"a".repeat(100), &"a".repeat(64)), 0);
    }

    #[test]
    fn misspellings_are_a_few_edits_away() {
        assert!(is_misspelling("MAXIMUS guidline:", "MAXIMUS guideline:"));
        assert!(is_misspelling("maximus guidelnie:", "MAXIMUS guideline:"));
        // The same words in another case are the phrase itself, not a misspelling.
        assert!(!is_misspelling("Maximus Guideline:", "MAXIMUS guideline:"));
        // Two edits for 18 bytes, three for 24 or more.
        assert!(!is_misspelling("MAXIMUS gudlne:", "MAXIMUS guideline:"));
        assert!(is_misspelling(
            "Claims Adminstrator guidelin:",
            "Claims Administrator guideline:"
        ));
        assert!(!is_misspelling("Decision:", "Decision rationale:"));
        // Runs of whitespace count as one space, as in a phrase.
        assert!(!is_misspelling(
            "MAXIMUS \t guideline:",
            "MAXIMUS guideline:"
        ));
        assert!(is_misspelling("MAXIMUS   guidline:", "MAXIMUS guideline:"));
        assert!(is_misspelling(
            "Aplication \nReceived:",
            "Application Received:"
        ));
    }

    #[test]
    fn nearest_decision() {
        assert_eq!(nearest("Uphld", &["Upheld", "Overturned"]), "Upheld");
        assert_eq!(nearest("overturn", &["Upheld", "Overturned"]), "Overturned");
    }
}
