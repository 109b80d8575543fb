//! The conclusion of a decision rationale: what its last sentence says of the request.
//!
//! A rationale ends with its conclusion. The forms, learned from the real letters: "the request
//! is (not) medically necessary" (also "was", "are", "is determined to be not", "is deemed
//! not", "is not seen as", "cannot be deemed", "not-medically necessary", "medically
//! unnecessary", "medically appropriate/reasonable"), "is not a medical necessity", "medical
//! necessity ... has (not) been established", "is not supported ... as being medically
//! necessary", and the opioid weaning sentence ("... regarding the most appropriate method for
//! weaning and terminating opioids"), which says nothing of necessity.
//!
//! The verdict is the last one of the last sentence; it finds the request not needed when a
//! negation (not, never, cannot, neither, nor, ...n't) stands before it in its clause (the
//! text since the last comma, semicolon or colon), however far back.
//!
//! Two lints read it ([`check`]): a rationale whose last sentence states no conclusion, or
//! stops mid-sentence, may be a letter cut short (`imr::missing_conclusion`); a verdict that
//! contradicts the item's decision is `imr::decision_rationale_mismatch`.

use nom::{
    Parser,
    branch::alt,
    combinator::{map, opt, verify},
    multi::fold_many0,
    sequence::{pair, preceded, terminated},
};
use nom_locate::LocatedSpan;

use crate::ast::{Decision, DecisionValue};
use crate::diagnostic::{Code, Diagnostic};
use crate::lex::{
    Input, PResult, Pos, ends_sentence, initial, phrase, to_clause_of, to_last_sentence,
    trim_trailing_ws, whitespace, word, word_end,
};
use crate::sink::ErrorSink;
use crate::span::{Span, Text};
use crate::template::conclusion::{
    A, CLAUSE_ENDS, ESTABLISHED, INITIALS, MARKS, MEDICAL_NECESSITY, MEDICALLY, NEGATION_SUFFIXES,
    NEGATIONS, NOT_MEDICALLY, VERDICTS, WEANING,
};

/// What the last sentence of a rationale concludes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Conclusion {
    /// Whether it finds the request medically necessary; `None` for a conclusion that does not
    /// say (the opioid weaning sentence).
    pub necessary: Option<bool>,
    /// The words that say so: from the start of their clause to the verdict's last word.
    pub span: Span,
}

/// What a rationale's end says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reading {
    /// Its last sentence states a conclusion.
    Concludes(Conclusion),
    /// Its last sentence (`last`) states none; `cut` when it does not end a sentence either.
    Missing { last: Span, cut: bool },
}

/// Reads the end of a rationale.
pub(crate) fn read(rationale: &Text<'_>) -> Reading {
    let input = LocatedSpan::new_extra(rationale.raw(), rationale.span.start);
    match conclusion(input) {
        Ok((_, Some(c))) => Reading::Concludes(c),
        _ => {
            let last = trim_trailing_ws(to_last_sentence(input).map_or(input, |(rest, _)| rest));
            Reading::Missing {
                last: Span::bytes(last.pos(), last.pos() + last.fragment().len()),
                cut: !ends_sentence(input),
            }
        }
    }
}

/// The conclusion of a rationale: the statement of its last sentence, read from the first
/// clause that may hold a verdict (one holding "medical" or "weaning"; the clauses before it
/// can neither conclude nor negate a verdict after them).
///
/// ```text
/// conclusion = to_last_sentence , to_clause_of(MARKS) , statement ;
/// ```
pub(crate) fn conclusion(input: Input<'_>) -> PResult<'_, Option<Conclusion>> {
    preceded(pair(to_last_sentence, to_clause_of(&MARKS)), statement).parse(input)
}

/// The words of a sentence, read into its last verdict.
///
/// ```text
/// statement = { part } ;
/// ```
fn statement(input: Input<'_>) -> PResult<'_, Option<Conclusion>> {
    map(fold_many0(part, Reader::default, Reader::read), |r| r.found).parse(input)
}

/// A part of a sentence: a verdict, the weaning phrase or a word. Only a word starting with
/// one of the first letters of those phrases is tried as one.
///
/// ```text
/// part = whitespace , ( & initial(INITIALS) , ( weaning | verdict | medical_necessity ) | word ) ;
/// ```
fn part(input: Input<'_>) -> PResult<'_, Part<'_>> {
    preceded(
        whitespace,
        alt((
            preceded(
                initial(INITIALS),
                alt((map(weaning, Part::Weaning), verdict, medical_necessity)),
            ),
            map(word, Part::Word),
        )),
    )
    .parse(input)
}

/// The opioid weaning sentence's conclusion.
///
/// ```text
/// weaning = "the most appropriate method for weaning" , word_end ;
/// ```
fn weaning(input: Input<'_>) -> PResult<'_, Input<'_>> {
    terminated(phrase(WEANING), word_end).parse(input)
}

/// A verdict on the request: "medically necessary" and its kin, with punctuation around the
/// last word.
///
/// ```text
/// verdict = ( "not-medically" | "medically" ) , WS , { WS } , verdict_word ;
/// verdict_word = "necessary" | "unnecessary" | "appropriate" | "inappropriate"
///     | "reasonable" ;
/// ```
fn verdict(input: Input<'_>) -> PResult<'_, Part<'_>> {
    let medically = alt((
        map(phrase(NOT_MEDICALLY), |m| (m, true)),
        map(phrase(MEDICALLY), |m| (m, false)),
    ));
    let last = verify(word, |w: &Input<'_>| verdict_needed(w).is_some());
    map(
        (medically, whitespace1, last),
        |((first, negated), _, last)| Part::Verdict {
            // Verified above: one of the verdict words, negated by "not-medically".
            needed: verdict_needed(&last) == Some(!negated),
            first,
            last,
        },
    )
    .parse(input)
}

/// "medical necessity": a verdict when written "a medical necessity"; otherwise a verdict
/// only once "established" follows in its clause.
///
/// ```text
/// medical_necessity = [ "a" , WS , { WS } ] , "medical necessity" , word_end ;
/// ```
fn medical_necessity(input: Input<'_>) -> PResult<'_, Part<'_>> {
    map(
        pair(
            opt(terminated(phrase(A), whitespace1)),
            terminated(phrase(MEDICAL_NECESSITY), word_end),
        ),
        |(article, last)| Part::Necessity {
            first: article.unwrap_or(last),
            predicate: article.is_some(),
            last,
        },
    )
    .parse(input)
}

/// At least one whitespace character.
fn whitespace1(input: Input<'_>) -> PResult<'_, Input<'_>> {
    verify(whitespace, |w: &Input<'_>| !w.fragment().is_empty()).parse(input)
}

/// A part of a sentence, as [`part`] reads it.
#[derive(Debug, Clone, Copy)]
enum Part<'a> {
    /// A verdict from the word `first` to the word `last`, and whether it finds the request
    /// needed before the negations of its clause are counted.
    Verdict {
        first: Input<'a>,
        last: Input<'a>,
        needed: bool,
    },
    /// "medical necessity" (`last`), maybe after "a" (then `first`, and `predicate`).
    Necessity {
        first: Input<'a>,
        last: Input<'a>,
        predicate: bool,
    },
    /// The weaning phrase.
    Weaning(Input<'a>),
    /// Any other word.
    Word(Input<'a>),
}

impl<'a> Part<'a> {
    /// The part's first word (or phrase).
    fn first(&self) -> Input<'a> {
        match *self {
            Part::Verdict { first, .. } | Part::Necessity { first, .. } => first,
            Part::Weaning(at) | Part::Word(at) => at,
        }
    }

    /// The part's last word (or phrase).
    fn last(&self) -> Input<'a> {
        match *self {
            Part::Verdict { last, .. } | Part::Necessity { last, .. } => last,
            Part::Weaning(at) | Part::Word(at) => at,
        }
    }
}

/// The state of reading a sentence: where its clause starts, whether a negation stands in it,
/// whether a "medical necessity" waits for "established", and the last verdict found.
#[derive(Debug, Clone, Copy, Default)]
struct Reader {
    /// Where the current clause starts; `None` before its first part.
    clause: Option<usize>,
    negated: bool,
    awaiting: bool,
    found: Option<Conclusion>,
}

impl Reader {
    /// Reads one more part of the sentence.
    fn read(mut self, part: Part<'_>) -> Self {
        let last = part.last();
        let clause = *self.clause.get_or_insert(part.first().pos());
        let conclude = |necessary| Conclusion {
            necessary,
            span: Span::bytes(clause, end_of(last)),
        };
        match part {
            Part::Verdict { needed, .. } => {
                self.found = Some(conclude(Some(needed != self.negated)));
            }
            // "a medical necessity" concludes; "medical necessity" alone waits for "established".
            Part::Necessity {
                predicate: true, ..
            } => {
                self.found = Some(conclude(Some(!self.negated)));
            }
            Part::Necessity { .. } => self.awaiting = true,
            Part::Weaning(at) => {
                let end = at.pos() + at.fragment().len();
                self.found = Some(Conclusion {
                    necessary: None,
                    span: Span::bytes(at.pos(), end),
                });
            }
            Part::Word(w) => {
                self.negated |= is_negation(&w);
                if self.awaiting && bare(&w).eq_ignore_ascii_case(ESTABLISHED) {
                    self.found = Some(conclude(Some(!self.negated)));
                    self.awaiting = false;
                }
            }
        }
        if last.fragment().ends_with(CLAUSE_ENDS) {
            self.clause = None;
            self.negated = false;
            self.awaiting = false;
        }
        self
    }
}

/// Where a word ends, without the punctuation after it.
fn end_of(w: Input<'_>) -> usize {
    w.pos() + w.fragment().trim_end_matches(is_punctuation).len()
}

/// Whether a character is punctuation around a word: neither a letter, a digit, '-' nor an
/// apostrophe.
fn is_punctuation(c: char) -> bool {
    !c.is_alphanumeric() && !matches!(c, '-' | '\'' | '\u{2019}')
}

/// A word without the punctuation around it.
fn bare<'a>(w: &Input<'a>) -> &'a str {
    w.fragment().trim_matches(is_punctuation)
}

/// Whether a word is a negation: "not", "never", "cannot", "neither", "nor", or ends in "n't".
fn is_negation(w: &Input<'_>) -> bool {
    // All of them hold an "n": most words are not read further.
    if !w.fragment().bytes().any(|c| c.eq_ignore_ascii_case(&b'n')) {
        return false;
    }
    let b = bare(w);
    NEGATIONS.iter().any(|n| b.eq_ignore_ascii_case(n))
        || NEGATION_SUFFIXES.iter().any(|n| b.ends_with(n))
}

/// For a verdict word (with punctuation around it): whether it finds the request needed.
fn verdict_needed(w: &Input<'_>) -> Option<bool> {
    let w = bare(w);
    VERDICTS
        .iter()
        .find(|(v, _)| w.eq_ignore_ascii_case(v))
        .map(|&(_, needed)| needed)
}

/// The lints on a rationale's end, for the item `treatment` decided `decision`: a rationale
/// that states no conclusion is `imr::missing_conclusion`; one whose verdict contradicts the
/// decision is `imr::decision_rationale_mismatch`.
pub(crate) fn check(
    rationale: &Text<'_>,
    decision: Option<Decision>,
    treatment: &Text<'_>,
    diags: &mut dyn ErrorSink,
) {
    match read(rationale) {
        Reading::Missing { last, cut } => diags.push(missing(treatment, last, cut)),
        Reading::Concludes(c) => {
            if let (Some(d), Some(necessary)) = (decision, c.necessary)
                && necessary == (d.value == DecisionValue::Upheld)
            {
                diags.push(mismatch(treatment, d, necessary, c.span));
            }
        }
    }
}

/// `imr::missing_conclusion` on the last sentence of a rationale.
fn missing(treatment: &Text<'_>, last: Span, cut: bool) -> Diagnostic {
    let (message, label) = if cut {
        ("stops mid-sentence", "the rationale stops here")
    } else {
        (
            "ends with a sentence that states no conclusion on medical necessity",
            "its last sentence",
        )
    };
    Diagnostic::new(
        Code::MissingConclusion,
        format!(
            "the rationale of item `{}` {message}: the letter may be cut short",
            treatment.text()
        ),
    )
    .with_label(last, label)
    .with_help(
        "a rationale ends by concluding on the request, e.g. \"the request is not medically \
         necessary.\"; check that the letter is whole",
    )
}

/// `imr::decision_rationale_mismatch` on the decision and the conclusion at `at`.
fn mismatch(treatment: &Text<'_>, d: Decision, necessary: bool, at: Span) -> Diagnostic {
    let not = if necessary { "" } else { "not " };
    Diagnostic::new(
        Code::DecisionRationaleMismatch,
        format!(
            "item `{}` is {} but its rationale concludes the request is {not}medically necessary",
            treatment.text(),
            d.value.as_str(),
        ),
    )
    .with_label(d.span, "decision")
    .with_label(at, "conclusion")
    .with_help(format!(
        "an {} item's rationale concludes the request is {}medically necessary; \
         check the decision or the rationale",
        d.value.as_str(),
        if d.value == DecisionValue::Upheld {
            "not "
        } else {
            ""
        }
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lex::letter_input;

    /// The verdict of a rationale: `Some(Some(necessary))`, `Some(None)` for a conclusion
    /// without one, `None` for no conclusion.
    fn verdict_of(s: &str) -> Option<Option<bool>> {
        conclusion(letter_input(s))
            .expect("never fails")
            .1
            .map(|c| c.necessary)
    }

    /// The text of the conclusion's span.
    fn said(s: &str) -> Option<&str> {
        let c = conclusion(letter_input(s)).expect("never fails").1?;
        Some(&s[c.span.range()])
    }

    #[test]
    fn verdicts_of_the_real_letters() {
        for (s, want) in [
            ("As such, the request is not medically necessary.", false),
            ("Therefore, the request was medically necessary.", true),
            ("is determined to be not medically\n\nnecessary.", false),
            ("the request is medically\r\nunnecessary.", false),
            (
                "The request is determined to not be medically necessary.",
                false,
            ),
            ("is not-medically necessary", false),
            (
                "the quantity cannot be deemed medically necessary without further evidence",
                false,
            ),
            (
                "the requested Diclofenac ER 100mg #60 is not seen as medically necessary.",
                false,
            ),
            (
                "a MRI of the Elbow is not a medical necessity to the patient at this time.",
                false,
            ),
            (
                "the current request for two visits is not medically appropriate.",
                false,
            ),
            (
                "The request for the left arm EMG is not medically necessary",
                false,
            ),
            (
                "The medical necessity of Temazepam 7. 5 mg Qty 30 is not medically necessary.",
                false,
            ),
            (
                "As the surgery is not medically necessary, the service is medically necessary.",
                true,
            ),
            ("The request is medically necessary and appropriate.", true),
            ("not medically\u{2003}necessary", false),
            ("It isn't medically necessary.", false),
            ("It isn\u{2019}t medically necessary.", false),
        ] {
            assert_eq!(verdict_of(s), Some(Some(want)), "{s:?}");
        }
    }

    #[test]
    fn a_negation_further_back_in_the_clause_counts() {
        let s = "Therefore, the request is not supported by the referenced guidelines as being \
                 medically necessary.";
        assert_eq!(verdict_of(s), Some(Some(false)));
        assert_eq!(
            said(s),
            Some(
                "the request is not supported by the referenced guidelines as being \
                 medically necessary"
            )
        );
        // A negation in an earlier clause does not.
        assert_eq!(
            verdict_of("Although he has not improved, the request is medically necessary."),
            Some(Some(true))
        );
    }

    #[test]
    fn medical_necessity_established() {
        for (s, want) in [
            (
                "Medical necessity for the request has not been established.",
                false,
            ),
            ("Therefore, medical necessity has been established.", true),
            ("Medical necessity is established.", true),
        ] {
            assert_eq!(verdict_of(s), Some(Some(want)), "{s:?}");
        }
        // "medical necessity" alone concludes nothing: a letter cut in "The medical necessity
        // of X is not medically necessary" must not pass as whole.
        for s in [
            "There is no documentation to support medical necessity.",
            "Medical necessity is not, in sum, established.",
            "The medical necessity decision should not b",
            "The medical necessity of Physical \n\nTherapy, Cervical Spine, 2 times and weekly for 4 wks, 8 ses",
        ] {
            assert_eq!(verdict_of(s), None, "{s:?}");
        }
    }

    #[test]
    fn the_weaning_sentence_concludes_without_a_verdict() {
        let s = "They are advised to consult the MTUS Opioids Treatment Guidelines, regarding \
                 the most appropriate method for weaning and terminating opioids for this IW.";
        assert_eq!(verdict_of(s), Some(None));
        assert_eq!(said(s), Some("the most appropriate method for weaning"));
    }

    #[test]
    fn only_the_last_sentence_concludes() {
        assert_eq!(
            verdict_of("It is medically necessary. The dose is high."),
            None
        );
        assert_eq!(verdict_of("Weaning is recommended."), None);
        assert_eq!(verdict_of("Therefore the request for an MRI of the"), None);
        assert_eq!(verdict_of("It is not medically necessary. The"), None);
        assert_eq!(verdict_of(""), None);
    }

    #[test]
    fn words_around_the_verdict() {
        assert_eq!(verdict_of("it is medically necessaryé"), None);
        assert_eq!(verdict_of("is not medically necessary-"), None);
        assert_eq!(verdict_of("is not (Medically) necessary"), None);
        assert_eq!(verdict_of("is medically necessitated"), None);
        assert_eq!(
            verdict_of("It is medically \"necessary\""),
            Some(Some(true))
        );
        let s = "No. It is not Medically NECESSARY\u{2026} per MTUS";
        assert_eq!(said(s), Some("It is not Medically NECESSARY"));
        assert_eq!(verdict_of("is medically, necessary"), None);
        assert_eq!(
            said("Thus, it is not medically necessary."),
            Some("it is not medically necessary")
        );
    }

    #[test]
    fn a_rationale_cut_short_is_read_as_such() {
        let read_of = |s: &'static str| read(&Text::new(s, 10));
        assert_eq!(
            read_of("It is not medically necessary. Therefore the"),
            Reading::Missing {
                last: Span::bytes(41, 54),
                cut: true
            }
        );
        assert_eq!(
            read_of("It is not medically necessary. The dose is high."),
            Reading::Missing {
                last: Span::bytes(41, 58),
                cut: false
            }
        );
        assert!(matches!(
            read_of("It is not medically necessary"),
            Reading::Concludes(Conclusion {
                necessary: Some(false),
                ..
            })
        ));
    }
}
