//! Lint levels per code, as clippy and ruff have them: `--allow CODE` silences a warning,
//! `--deny CODE` makes it count, and show, as an error.
//!
//! The library gives each diagnostic its code's severity; the levels are applied here, to what
//! the command reports, counts and exits with. The JSON output shows the severity as applied.

use imr_determination::{Code, Diagnostic, Label, Severity};
use serde::ser::{Serialize, SerializeSeq, SerializeStruct, Serializer};

/// The lint levels given on the command line.
#[derive(Debug, Clone, Default)]
pub struct Lints {
    allow: Vec<Code>,
    deny: Vec<Code>,
}

impl Lints {
    /// The levels, or why they cannot be used: an error code allowed (an error means the tree
    /// is incomplete, which no flag changes), or a code both allowed and denied.
    pub fn new(allow: Vec<Code>, deny: Vec<Code>) -> Result<Self, String> {
        if let Some(c) = allow.iter().find(|c| c.severity() == Severity::Error) {
            return Err(format!(
                "--allow {c}: {c} is an error (the letter does not follow the template); only \
                 warnings can be allowed"
            ));
        }
        if let Some(c) = allow.iter().find(|c| deny.contains(c)) {
            return Err(format!("{c} is both allowed and denied"));
        }
        Ok(Lints { allow, deny })
    }

    /// Removes the diagnostics of allowed codes.
    pub fn apply(&self, diagnostics: &mut Vec<Diagnostic>) {
        if !self.allow.is_empty() {
            diagnostics.retain(|d| !self.allow.contains(&d.code()));
        }
    }

    /// The severity of `d` with the levels applied.
    pub fn severity(&self, d: &Diagnostic) -> Severity {
        if self.deny.contains(&d.code()) {
            Severity::Error
        } else {
            d.severity()
        }
    }

    /// Whether `d` counts as an error.
    pub fn is_error(&self, d: &Diagnostic) -> bool {
        self.severity(d) == Severity::Error
    }

    /// Whether any of `diagnostics` counts as an error.
    pub fn has_errors(&self, diagnostics: &[Diagnostic]) -> bool {
        diagnostics.iter().any(|d| self.is_error(d))
    }

    /// The diagnostics, for serialising with the levels applied.
    pub fn shown<'a>(&'a self, diagnostics: &'a [Diagnostic]) -> Shown<'a> {
        Shown {
            lints: self,
            diagnostics,
        }
    }
}

/// Diagnostics serialised as the library serialises them, with the severity as applied.
pub struct Shown<'a> {
    lints: &'a Lints,
    diagnostics: &'a [Diagnostic],
}

impl Shown<'_> {
    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.diagnostics.is_empty()
    }
}

impl Serialize for Shown<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.diagnostics.len()))?;
        for d in self.diagnostics {
            seq.serialize_element(&One {
                d,
                severity: self.lints.severity(d),
            })?;
        }
        seq.end()
    }
}

struct One<'a> {
    d: &'a Diagnostic,
    severity: Severity,
}

impl Serialize for One<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Diagnostic", 5)?;
        st.serialize_field("code", &self.d.code())?;
        st.serialize_field("severity", &self.severity)?;
        st.serialize_field("message", self.d.message())?;
        st.serialize_field("help", &self.d.help())?;
        st.serialize_field::<[Label]>("labels", self.d.labels())?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_levels_the_json_is_the_librarys() {
        let parsed = imr_determination::parse("Dear claimant,\nthank you.\n");
        let lints = Lints::default();
        assert_eq!(
            serde_json::to_value(lints.shown(&parsed.diagnostics)).unwrap(),
            serde_json::to_value(&parsed.diagnostics).unwrap()
        );
    }

    #[test]
    fn deny_raises_allow_removes_and_errors_stay() {
        let warn = Diagnostic::new(Code::UnknownGuideline, "w");
        let other = Diagnostic::new(Code::MissingBoilerplate, "w");
        let lints =
            Lints::new(vec![Code::MissingBoilerplate], vec![Code::UnknownGuideline]).unwrap();
        assert!(lints.is_error(&warn));
        let json = serde_json::to_value(lints.shown(std::slice::from_ref(&warn))).unwrap();
        assert_eq!(json[0]["severity"], "error");
        let mut list = vec![warn.clone(), other];
        lints.apply(&mut list);
        assert_eq!(list, [warn]);
        assert!(Lints::new(vec![Code::MissingSection], vec![]).is_err());
        assert!(Lints::new(vec![Code::UnknownGuideline], vec![Code::UnknownGuideline]).is_err());
    }
}
