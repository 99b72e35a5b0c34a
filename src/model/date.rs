//! Dates as precise as the source: `2008`, `2008-11` or `2008-11-29`, checked against the
//! calendar, shown as written (ISO) or for readers, and compared as the periods they name.

use std::fmt;

use serde::Serialize;

/// A date as precise as the source allows: `2008`, `2008-11` or `2008-11-29`. A partial date
/// stays partial everywhere it is shown; it sorts after the full dates it contains (see the
/// `Ord` impl).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Date {
    /// The year.
    pub year: i16,
    /// The month, 1-12, when known.
    pub month: Option<u8>,
    /// The day, when known (then `month` is known too).
    pub day: Option<u8>,
}

/// Month names, for dates shown to readers.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking it is a real calendar date.
    pub fn parse(text: &str) -> Result<Date, String> {
        let parts: Vec<&str> = text.split('-').collect();
        let num = |s: &str, len: usize, what: &str| -> Result<i64, String> {
            if s.len() != len || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("the {what} must be {len} digits"));
            }
            s.parse::<i64>().map_err(|_| format!("the {what} is not a number"))
        };
        let shape = "expected a date as YYYY-MM-DD, YYYY-MM or YYYY";
        if parts.is_empty() || parts.len() > 3 {
            return Err(shape.into());
        }
        let year = num(parts[0], 4, "year").map_err(|e| format!("{shape}: {e}"))?;
        let month = match parts.get(1) {
            Some(m) => Some(num(m, 2, "month").map_err(|e| format!("{shape}: {e}"))?),
            None => None,
        };
        let day = match parts.get(2) {
            Some(d) => Some(num(d, 2, "day").map_err(|e| format!("{shape}: {e}"))?),
            None => None,
        };
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return Err(format!("there is no month {m:02}"));
        }
        if let (Some(m), Some(d)) = (month, day)
            && jiff::civil::Date::new(year as i16, m as i8, d as i8).is_err()
        {
            return Err(format!(
                "{text} is not a calendar date ({} {year} has no day {d})",
                MONTHS[(m - 1) as usize]
            ));
        }
        Ok(Date {
            year: year as i16,
            month: month.map(|m| m as u8),
            day: day.map(|d| d as u8),
        })
    }

    /// The ISO form as written: `2008`, `2008-11` or `2008-11-29`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    /// For readers: `29 November 2008`, `November 2008`, `2008`.
    pub fn human(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", MONTHS[(m - 1) as usize], self.year),
            (Some(m), None) => format!("{} {}", MONTHS[(m - 1) as usize], self.year),
            _ => self.year.to_string(),
        }
    }

    /// The first day the date can mean, as (year, month, day).
    pub fn earliest(&self) -> (i16, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day the date can mean, as (year, month, day); days past the month's end are
    /// harmless here, the value is only compared.
    pub fn latest(&self) -> (i16, u8, u8) {
        (self.year, self.month.unwrap_or(12), self.day.unwrap_or(31))
    }

    /// The key dates sort by: an unknown month after December, an unknown day after the 31st.
    fn sort_key(&self) -> (i16, u8, u8) {
        (self.year, self.month.unwrap_or(13), self.day.unwrap_or(32))
    }

    /// Whether a period from `self` to `end` is impossible: it ends before it can have begun.
    /// `2008-05-10` to `2008-05` is fine (the end is somewhere in May).
    pub fn ends_before(&self, end: &Date) -> bool {
        end.latest() < self.earliest()
    }
}

/// A partial date sorts after every more precise date inside it, and before the period that
/// follows: `2008-11-01` < `2008-11-30` < `2008-11` < `2008-12-01` < `2008-12` < `2008` <
/// `2009-01-01`. "Sometime in November" is placed once November's known days are told, so a
/// list never shows something before the events it may have followed. (An annotator can move
/// an incident with `sort_after`/`sort_before`; see `validate::order`.)
impl Ord for Date {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_stay_as_precise_as_written() {
        let d = Date::parse("2008-11").unwrap();
        assert_eq!(d.iso(), "2008-11");
        assert_eq!(d.human(), "November 2008");
        assert_eq!(Date::parse("2008").unwrap().human(), "2008");
        assert_eq!(Date::parse("2008-11-29").unwrap().human(), "29 November 2008");
    }

    #[test]
    fn a_partial_date_sorts_after_the_days_it_contains() {
        let d = |s: &str| Date::parse(s).unwrap();
        let mut dates: Vec<Date> = [
            "2009-01-01",
            "2008",
            "2008-12-01",
            "2008-11",
            "2008-11-30",
            "2008-11-01",
            "2007",
        ]
        .iter()
        .map(|s| d(s))
        .collect();
        dates.sort();
        let got: Vec<String> = dates.iter().map(Date::iso).collect();
        assert_eq!(
            got,
            [
                "2007",
                "2008-11-01",
                "2008-11-30",
                "2008-11",
                "2008-12-01",
                "2008",
                "2009-01-01"
            ]
        );
        assert!(d("2008-12") < d("2008"));
        assert!(d("2008-12-31") < d("2008-12"));
        assert_eq!(d("2008-11").cmp(&d("2008-11")), std::cmp::Ordering::Equal);
    }

    #[test]
    fn partial_dates_order_as_periods() {
        let d = |s: &str| Date::parse(s).unwrap();
        assert!(!d("2008-05-10").ends_before(&d("2008-05")));
        assert!(!d("2008").ends_before(&d("2008-01-01")));
        assert!(d("2008-05-10").ends_before(&d("2008-04")));
        assert!(d("2009").ends_before(&d("2008-12-31")));
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert!(Date::parse("2019-02-30").unwrap_err().contains("not a calendar date"));
        assert!(Date::parse("2019-13").unwrap_err().contains("no month 13"));
        assert!(Date::parse("19-01-01").is_err());
        assert!(Date::parse("2019/01/01").is_err());
        assert!(Date::parse("2020-02-29").is_ok());
    }
}
