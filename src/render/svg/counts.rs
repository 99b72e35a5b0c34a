//! Dated marks counted instead of drawn one by one, when there are too many for single marks to
//! mean anything (thousands of sources on a 720-unit axis): a bar per month, quarter or year
//! (the finest period at least `MIN_BAR` units wide everywhere on the axis), its height the
//! number of items that period holds, each bar titled with its period and count and linked to
//! the list of that period when the caller gives links. Items known only to the year are not
//! put in one month: with month or quarter bars they are a light band over their year, as high
//! as their average per bar, so uncertainty still reads as uncertainty. Linear in the items;
//! the picture's size is bounded by the number of periods on the axis, not by the items.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::axis::{Axis, MONTH};
use super::glyph::bar;
use super::markup::{F, put};
use super::text::{count, esc};
use crate::model::{Date, MONTHS};

/// The narrowest a bar may be.
const MIN_BAR: f64 = 3.0;

/// The months a bar counts: 1, 3 or 12, the finest whose bars are at least `MIN_BAR` wide in
/// every stretch of the axis.
pub(super) fn months_per_bar(axis: &Axis) -> i64 {
    let px = axis.min_px_per_month();
    [1, 3].into_iter().find(|&m| px * m as f64 >= MIN_BAR).unwrap_or(12)
}

/// The counts of one lane: per bar (by the index of its first month, 12 × year + month − 1)
/// the items dated to a month or a day in it, and per year the items dated only to that year
/// (empty with yearly bars, which count them).
#[derive(Debug, Default)]
pub(super) struct Counts {
    pub(super) months: i64,
    pub(super) bars: BTreeMap<i64, usize>,
    pub(super) years: BTreeMap<i64, usize>,
}

impl Counts {
    /// Count `dates` (each item's first day) in bars of `months` months.
    pub(super) fn of<'a>(dates: impl Iterator<Item = &'a Date>, months: i64) -> Counts {
        let mut c = Counts {
            months,
            ..Counts::default()
        };
        for d in dates {
            let year = d.year as i64;
            match d.month {
                Some(m) => {
                    let month = year * 12 + m as i64 - 1;
                    *c.bars.entry(month.div_euclid(months) * months).or_default() += 1;
                }
                None if months == 12 => *c.bars.entry(year * 12).or_default() += 1,
                None => *c.years.entry(year).or_default() += 1,
            }
        }
        c
    }

    /// The tallest bar or band, in items.
    fn highest(&self) -> f64 {
        let per_bar = 12.0 / self.months as f64;
        let bars = self.bars.values().copied().max().unwrap_or(0) as f64;
        let bands = self.years.values().copied().max().unwrap_or(0) as f64 / per_bar;
        bars.max(bands).max(1.0)
    }
}

/// The period of a bar of `months` months, for a reader: "month", "quarter", "year".
pub(super) fn period_word(months: i64) -> &'static str {
    match months {
        1 => "month",
        3 => "quarter",
        _ => "year",
    }
}

/// The name of the period of a bar of `months` months from month `first`: "March 2011",
/// "January–March 2011", "2011".
fn period(first: i64, months: i64) -> String {
    let (year, m) = (first.div_euclid(12), first.rem_euclid(12) as usize);
    match months {
        1 => format!("{} {year}", MONTHS[m]),
        12 => year.to_string(),
        n => format!("{}–{} {year}", MONTHS[m], MONTHS[(m + n as usize - 1).min(11)]),
    }
}

/// Draw the counts of a lane whose bars stand on `base` and are at most `height` high:
/// `(one, many)` name an item ("source", "sources"); `href` links a period, from its first
/// day, to its list (none: the bars are not links). Returns the number of bars drawn.
pub(super) fn draw_counts(
    out: &mut String,
    axis: &Axis,
    counts: &Counts,
    (base, height): (f64, f64),
    (color, class): (&str, &str),
    (one, many): (&str, &str),
    href: Option<&dyn Fn(Date) -> String>,
) -> usize {
    let unit = height / counts.highest();
    let open = |out: &mut String, first: Date, title: &str| match href {
        Some(h) => {
            put!(
                out,
                "<a xlink:href=\"{}\" class=\"tl-count {class}\"><title>{}</title>",
                esc(&h(first)),
                esc(title)
            );
        }
        None => {
            put!(out, "<g class=\"tl-count {class}\"><title>{}</title>", esc(title));
        }
    };
    let close = if href.is_some() { "</a>" } else { "</g>" };
    // The bands of items known only to the year, behind the bars.
    for (&year, &n) in &counts.years {
        let (x0, x1) = axis.span_x(year as f64 * 12.0 * MONTH, (year + 1) as f64 * 12.0 * MONTH);
        let h = (n as f64 * counts.months as f64 / 12.0 * unit).max(2.0);
        open(
            out,
            Date {
                year: year as i16,
                month: None,
                day: None,
            },
            &format!("{year}: {} dated only to the year", count(n, one, many)),
        );
        bar(out, x0, x1, base - h / 2.0, h, color, true);
        out.push_str(close);
    }
    for (&first, &n) in &counts.bars {
        let (x0, x1) = axis.span_x(first as f64 * MONTH, (first + counts.months) as f64 * MONTH);
        let h = (n as f64 * unit).max(2.0);
        let start = Date {
            year: first.div_euclid(12) as i16,
            month: (counts.months < 12).then_some(first.rem_euclid(12) as u8 + 1),
            day: None,
        };
        open(
            out,
            start,
            &format!("{}: {}", period(first, counts.months), count(n, one, many)),
        );
        put!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{color}\"/>",
            F(x0 + 0.25),
            F(base - h),
            F((x1 - x0 - 0.5).max(1.0)),
            F(h)
        );
        out.push_str(close);
    }
    counts.bars.len() + counts.years.len()
}

#[cfg(test)]
mod tests {
    use super::super::testing::date;
    use super::*;

    #[test]
    fn items_are_counted_by_period_and_years_kept_apart() {
        let dates = [date("2011-03-02"), date("2011-03"), date("2011-05-01"), date("2011")];
        let c = Counts::of(dates.iter(), 1);
        assert_eq!(c.bars.values().sum::<usize>(), 3);
        assert_eq!(c.bars[&(2011 * 12 + 2)], 2);
        assert_eq!(c.years[&2011], 1);
        let q = Counts::of(dates.iter(), 3);
        assert_eq!(q.bars[&(2011 * 12)], 2);
        assert_eq!(q.bars[&(2011 * 12 + 3)], 1);
        let y = Counts::of(dates.iter(), 12);
        assert_eq!(y.bars[&(2011 * 12)], 4);
        assert!(y.years.is_empty());
        assert_eq!(period(2011 * 12 + 2, 1), "March 2011");
        assert_eq!(period(2011 * 12 + 3, 3), "April–June 2011");
        assert_eq!(period(2011 * 12, 12), "2011");
    }
}
