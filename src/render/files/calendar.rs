//! `incidents.ics`: the incidents as an iCalendar file (RFC 5545), one all-day `VEVENT` each,
//! for calendar programs and timeline tools that read iCalendar.
//!
//! A date as precise as the source: a day is that day; a month-only or year-only date (the
//! source does not say the day) becomes an event over the whole month or year, and its
//! description says so ("Date: November 2008; the day is not known"); an `end` ends the event
//! on the last day it can mean. `DTEND` is exclusive, as RFC 5545 has it for dates. `DTSTAMP`,
//! which the RFC requires, is the newest article's publication date, so that a build of the
//! same dossier writes the same file. Text is escaped (`\`, `;`, `,`, newlines) and lines are
//! folded at 75 octets, never inside a UTF-8 character; lines end with CRLF.

use std::io::{self, Write};

use super::{absolute_page_iri, plain};
use crate::model::{Date, EntityKind, Incident};
use crate::render::site::Site;

/// The file's path in the site.
pub const PATH: &str = "incidents.ics";

/// Write the incidents as an iCalendar file to `out`.
pub fn write(site: &Site, out: &mut dyn Write) -> io::Result<()> {
    let m = site.model;
    let stamp = m.articles.iter().map(|a| a.published.earliest()).max().map_or_else(
        || "19700101T000000Z".to_string(),
        |(y, mo, d)| format!("{y:04}{mo:02}{d:02}T000000Z"),
    );
    let host = m
        .config
        .base_url
        .as_deref()
        .and_then(|b| url::Url::parse(b).ok())
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| "dossier.invalid".to_string());
    line(out, "BEGIN:VCALENDAR")?;
    line(out, "VERSION:2.0")?;
    line(out, "PRODID:-//dossier//dossier incidents//EN")?;
    line(out, "CALSCALE:GREGORIAN")?;
    line(out, &format!("X-WR-CALNAME:{}", text(&m.config.title)))?;
    for x in &m.incidents {
        event(site, x, &stamp, &host, out)?;
    }
    line(out, "END:VCALENDAR")?;
    out.flush()
}

fn event(site: &Site, x: &Incident, stamp: &str, host: &str, out: &mut dyn Write) -> io::Result<()> {
    let (y, mo, d) = x.date.earliest();
    let last = x.end.as_ref().unwrap_or(&x.date);
    line(out, "BEGIN:VEVENT")?;
    line(out, &format!("UID:incident-{}@{host}", x.id))?;
    line(out, &format!("DTSTAMP:{stamp}"))?;
    line(out, &format!("DTSTART;VALUE=DATE:{y:04}{mo:02}{d:02}"))?;
    line(out, &format!("DTEND;VALUE=DATE:{}", day_after(last)))?;
    line(out, &format!("SUMMARY:{}", text(&x.title)))?;
    if let Some(l) = &x.location {
        line(out, &format!("LOCATION:{}", text(l)))?;
    }
    line(out, &format!("CATEGORIES:{}", text(&x.kind)))?;
    let mut description = Vec::new();
    if x.date.day.is_none() || x.end.is_some_and(|e| e.day.is_none()) {
        let end = x.end.map(|e| format!(" to {}", e.human())).unwrap_or_default();
        description.push(format!("Date: {}{end}; the day is not known.", x.date.human()));
    }
    description.extend(plain(site, &x.summary));
    if let Some(page) = absolute_page_iri(site, EntityKind::Incident, &x.id) {
        line(out, &format!("URL:{page}"))?;
    }
    if !description.is_empty() {
        line(out, &format!("DESCRIPTION:{}", text(&description.join("\n\n"))))?;
    }
    line(out, "END:VEVENT")
}

/// The day after the last day `date` can mean, as `YYYYMMDD`.
fn day_after(date: &Date) -> String {
    let (y, m, _) = date.latest();
    let last = match date.day {
        Some(d) => jiff::civil::Date::new(y, m as i8, d as i8),
        None => jiff::civil::Date::new(y, m as i8, 1).map(|first| first.last_of_month()),
    };
    match last.and_then(|l| l.tomorrow()) {
        Ok(n) => format!("{:04}{:02}{:02}", n.year(), n.month(), n.day()),
        // Past the calendar's end (9999-12-31): the last day itself.
        Err(_) => format!("{y:04}{m:02}{:02}", date.day.unwrap_or(31)),
    }
}

/// A TEXT value escaped (RFC 5545, 3.3.11): backslash, semicolon, comma, newline.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes one content line, folded (RFC 5545, 3.1): at most 75 octets a line, continuation
/// lines starting with a space, never cutting a UTF-8 character; CRLF after each.
pub fn line(out: &mut dyn Write, content: &str) -> io::Result<()> {
    out.write_all(fold(content).as_bytes())
}

/// A content line folded, with its CRLF.
pub fn fold(content: &str) -> String {
    let mut out = String::with_capacity(content.len() + 8);
    let mut used = 0;
    for c in content.chars() {
        let n = c.len_utf8();
        if used + n > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let folded = fold(&format!("SUMMARY:{}", "é".repeat(60)));
        for l in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{l:?} is {} octets", l.len());
        }
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{}\r\n", "é".repeat(60)));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(text("a, b; c\\d\nnext"), "a\\, b\\; c\\\\d\\nnext");
    }

    #[test]
    fn partial_dates_end_after_the_period_they_name() {
        let d = |s: &str| Date::parse(s).unwrap();
        assert_eq!(day_after(&d("2008-11-26")), "20081127");
        assert_eq!(day_after(&d("2008-11")), "20081201");
        assert_eq!(day_after(&d("2008-02")), "20080301");
        assert_eq!(day_after(&d("2008")), "20090101");
        assert_eq!(day_after(&d("2008-12-31")), "20090101");
    }
}
