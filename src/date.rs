//! Calendar dates as letters write them (`11/09/2016`, `(updated 03/25/15)`), read into values.
//!
//! The tree keeps each date's text as written; [`Date::parse`] reads it, and the JSON of a case
//! header date carries both (`{"text": "11/09/2016", "value": "2016-11-09", "span": ...}`). A
//! date that has the shape of one but is not on the calendar (`02/30/2016`), or a header date
//! that is no date at all, is reported as an `imr::impossible_date` warning when the letter is parsed.

use std::fmt;

use serde::Serializer;
use serde::ser::SerializeStruct;

use crate::ast::Document;
use crate::diagnostic::{Code, Diagnostic};
use crate::sink::Sink;
use crate::span::Text;
use crate::template::{self, Field};

/// A day of the Gregorian calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year, e.g. 2016.
    pub year: u16,
    /// The month, 1 to 12.
    pub month: u8,
    /// The day of the month, 1 to 31.
    pub day: u8,
}

/// Why a text is not a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateError {
    /// The text is not `M/D/YYYY` or `M/D/YY` (one or two digits for month and day; `-` may
    /// stand for `/`).
    NotADate,
    /// The text has the shape of a date but no such day exists (`13/01/2016`, `02/30/2016`).
    Impossible,
}

impl Date {
    /// Reads `MM/DD/YYYY` as the case header writes it, and the `M/D/YY` of `(updated 3/25/15)`
    /// notes (a two-digit year is read in 2000-2099: IMR began in 2013). Surrounding whitespace
    /// is ignored.
    ///
    /// ```
    /// use imr_determination::date::{Date, DateError};
    /// assert_eq!(Date::parse("11/09/2016").unwrap().to_string(), "2016-11-09");
    /// assert_eq!(Date::parse("3/25/15").unwrap().to_string(), "2015-03-25");
    /// assert_eq!(Date::parse("02/29/2016").unwrap().to_string(), "2016-02-29");
    /// assert_eq!(Date::parse("02/29/2017"), Err(DateError::Impossible));
    /// assert_eq!(Date::parse("pending"), Err(DateError::NotADate));
    /// ```
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let text = text.trim();
        let sep = if text.contains('/') { '/' } else { '-' };
        let mut parts = text.split(sep);
        let (Some(m), Some(d), Some(y), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(DateError::NotADate);
        };
        let digits = |s: &str, lengths: &[usize]| {
            (lengths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u16>().ok())
                .flatten()
        };
        let (Some(month), Some(day), Some(year)) =
            (digits(m, &[1, 2]), digits(d, &[1, 2]), digits(y, &[2, 4]))
        else {
            return Err(DateError::NotADate);
        };
        let year = if y.len() == 2 { 2000 + year } else { year };
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) || year == 0 {
            return Err(DateError::Impossible);
        }
        Ok(Date {
            year,
            month: month as u8,
            day: day as u8,
        })
    }

    /// Days since 1970-01-01 (negative before), as Arrow and Parquet store a `DATE`.
    ///
    /// ```
    /// use imr_determination::date::Date;
    /// assert_eq!(Date::parse("01/01/1970").unwrap().days_since_epoch(), 0);
    /// assert_eq!(Date::parse("11/09/2016").unwrap().days_since_epoch(), 17114);
    /// ```
    pub fn days_since_epoch(self) -> i32 {
        // Howard Hinnant's days_from_civil.
        let (y, m, d) = (
            i32::from(self.year) - i32::from(self.month <= 2),
            i32::from(self.month),
            i32::from(self.day),
        );
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

/// ISO 8601: `2016-11-09`.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: u16, month: u16) -> u16 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

/// Serialises an optional date as its ISO text, or `null`.
pub(crate) fn serialize_opt_date<S: Serializer>(
    date: &Option<Date>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match date {
        Some(d) => serializer.serialize_str(&d.to_string()),
        None => serializer.serialize_none(),
    }
}

/// Serialises an optional date text as its text node with its value added:
/// `{"text", "value", "span"}`, `value` the ISO date or `null` when the text is not a date.
pub(crate) fn serialize_dated<S: Serializer>(
    text: &Option<Text<'_>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let Some(t) = text else {
        return serializer.serialize_none();
    };
    let mut s = serializer.serialize_struct("Text", 3)?;
    s.serialize_field("text", &t.text())?;
    s.serialize_field("value", &Date::parse(&t.text()).ok().map(|d| d.to_string()))?;
    s.serialize_field("span", &t.span)?;
    s.end()
}

/// Pushes an `imr::impossible_date` warning for each date of the tree that cannot be read: a
/// case header date that is not a date, or a date (header or `(updated ...)` note) that is not
/// on the calendar.
pub(crate) fn check(doc: &Document<'_>, sink: &mut Sink<'_>) {
    let not_dates = [Field::CaseNumber.label(), Field::Priority.label()];
    let header = doc.case_header.iter().flat_map(|h| {
        h.fields()
            .into_iter()
            .filter(move |(label, _)| !not_dates.contains(label))
            .filter_map(|(label, t)| t.map(|t| (label, t, true)))
    });
    let updated = doc
        .items
        .iter()
        .flat_map(|i| [&i.claims_administrator_guideline, &i.maximus_guideline])
        .flatten()
        .flat_map(|g| &g.citations)
        .filter_map(|c| {
            c.updated
                .as_ref()
                .map(|t| (template::citation::UPDATED, t, false))
        });
    for (label, t, must_be_a_date) in header.chain(updated) {
        let text = t.text();
        let problem = match Date::parse(&text) {
            Ok(_) => continue,
            Err(DateError::Impossible) => "is not a day of the calendar",
            Err(DateError::NotADate) if must_be_a_date => "is not a date (MM/DD/YYYY)",
            Err(DateError::NotADate) => continue,
        };
        sink.push(
            Diagnostic::new(
                Code::ImpossibleDate,
                format!("`{label}` {text:?} {problem}; its value is left empty"),
            )
            .with_label(t.span, "this date")
            .with_help("the text is kept as written; check the letter's date"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(Date::parse(" 1-2-17 ").unwrap().to_string(), "2017-01-02");
        assert_eq!(Date::parse("12/31/1999").unwrap().to_string(), "1999-12-31");
        for bad in [
            "",
            "11/09",
            "11/09/2016/1",
            "111/09/2016",
            "11/09/201",
            "aa/bb/cccc",
            "11/09-2016",
        ] {
            assert_eq!(Date::parse(bad), Err(DateError::NotADate), "{bad:?}");
        }
        for impossible in [
            "13/01/2016",
            "00/10/2016",
            "04/31/2016",
            "02/29/1900",
            "01/00/2016",
            "1/1/0000",
        ] {
            assert_eq!(
                Date::parse(impossible),
                Err(DateError::Impossible),
                "{impossible:?}"
            );
        }
        assert!(Date::parse("02/29/2000").is_ok());
    }

    #[test]
    fn days_since_epoch_counts_every_day() {
        let mut previous = Date::parse("12/31/1899").unwrap().days_since_epoch();
        for year in 1900..=2100u16 {
            for month in 1..=12u16 {
                for day in 1..=days_in_month(year, month) {
                    let d = Date {
                        year,
                        month: month as u8,
                        day: day as u8,
                    };
                    assert_eq!(d.days_since_epoch(), previous + 1, "{d}");
                    previous += 1;
                }
            }
        }
    }
}
