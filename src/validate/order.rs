//! The order incidents are listed in, everywhere (lists, the timeline, the feeds): by date,
//! a partial date after the days it contains (`Date`'s order), then by id; unless the
//! annotator says otherwise with `sort_after: <id>` or `sort_before: <id>`, which lists an
//! incident right after (before) another whose date overlaps its own. Only the annotator knows
//! that the arrest "sometime in 2008" came before the raids of December 2008; the dates alone
//! cannot say. A hint that names an incident dated wholly apart, a cycle of hints, or both
//! hints on one incident is a `sort-hint` error.

use std::collections::HashMap;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::*;

/// Which way a hint moves an incident: before (-1) or after (+1) the one it names.
type Side = i8;

/// Sort `incidents` into listing order, setting each one's `placed` date; the problems with
/// the hints go to `diags`. A hint naming no incident is skipped here (`references.rs`
/// reports it, with a did-you-mean).
pub(super) fn order_incidents(incidents: &mut Vec<Incident>, diags: &mut Diagnostics) {
    incidents.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    let at: HashMap<&str, usize> = incidents.iter().enumerate().map(|(i, x)| (x.id.as_str(), i)).collect();
    // Each incident's usable hint: (side, the incident it names).
    let mut hint: Vec<Option<(Side, usize)>> = vec![None; incidents.len()];
    for (i, x) in incidents.iter().enumerate() {
        if let (Some(_), Some(before)) = (&x.sort_after, &x.sort_before) {
            diags.push(
                Diagnostic::error(
                    "sort-hint",
                    &before.loc.source,
                    before.loc.span.clone(),
                    "an incident takes `sort_after` or `sort_before`, not both",
                )
                .label("`sort_after` is given too")
                .help("name the one incident this one is listed next to"),
            );
            continue;
        }
        let (side, r, field) = match (&x.sort_after, &x.sort_before) {
            (Some(r), None) => (1, r, INCIDENT.sort_after.name()),
            (None, Some(r)) => (-1, r, INCIDENT.sort_before.name()),
            _ => continue,
        };
        let Some(&j) = at.get(r.id.as_str()) else { continue };
        if j == i {
            diags.push(
                Diagnostic::error(
                    "sort-hint",
                    &r.loc.source,
                    r.loc.span.clone(),
                    format!("`{field}` names the incident itself"),
                )
                .label("expected another incident's id"),
            );
            continue;
        }
        let y = &incidents[j];
        if x.date.latest() < y.date.earliest() || y.date.latest() < x.date.earliest() {
            let word = if x.date.latest() < y.date.earliest() {
                "after"
            } else {
                "before"
            };
            diags.push(
                Diagnostic::error(
                    "sort-hint",
                    &r.loc.source,
                    r.loc.span.clone(),
                    format!("`{field}: {}` cannot apply: the two dates do not overlap", y.id),
                )
                .label(format!(
                    "`{}` ({}) is wholly {word} this incident ({})",
                    y.id, y.date, x.date
                ))
                .help(
                    "a hint only orders incidents whose dates overlap (a day and the month or year it lies in, or the same day); the dates already order these two",
                ),
            );
            continue;
        }
        hint[i] = Some((side, j));
    }
    break_cycles(incidents, &mut hint, diags);

    // The key: the incident its chain of hints ends at (listed by date, then id), then the
    // chain's steps from there, sides and ids; a terminating (0, "") puts an incident between
    // those listed before it (-1) and after it (+1).
    let keys: Vec<(usize, Vec<(Side, &str)>)> = (0..incidents.len())
        .map(|i| {
            let mut steps = vec![(0, "")];
            let mut k = i;
            while let Some((side, j)) = hint[k] {
                steps.push((side, incidents[k].id.as_str()));
                k = j;
            }
            steps.reverse();
            (k, steps)
        })
        .collect();
    let placed: Vec<Date> = keys.iter().map(|(root, _)| incidents[*root].date).collect();
    let mut order: Vec<usize> = (0..incidents.len()).collect();
    // The roots are already in date order, so their positions compare as their dates do.
    order.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
    check_listing(incidents, &order, &hint, diags);
    let mut slots: Vec<Option<Incident>> = std::mem::take(incidents).into_iter().map(Some).collect();
    for i in order {
        let mut x = slots[i].take().expect("each incident once");
        x.placed = placed[i];
        incidents.push(x);
    }
}

/// A cycle of hints (`a` after `b`, `b` after `a`) cannot be followed: each is reported at
/// the hint of its first incident in date order, and that hint is dropped.
fn break_cycles(incidents: &[Incident], hint: &mut [Option<(Side, usize)>], diags: &mut Diagnostics) {
    for start in 0..incidents.len() {
        let mut seen = vec![start];
        let mut k = start;
        while let Some((_, j)) = hint[k] {
            if j == start {
                let x = &incidents[start];
                let r = x.sort_after.as_ref().or(x.sort_before.as_ref()).expect("a hint");
                let names: Vec<String> = seen
                    .iter()
                    .chain([&start])
                    .map(|&s| format!("`{}`", incidents[s].id))
                    .collect();
                diags.push(
                    Diagnostic::error(
                        "sort-hint",
                        &r.loc.source,
                        r.loc.span.clone(),
                        format!("the ordering hints go round in a circle: {}", names.join(" → ")),
                    )
                    .label("each names the next, so none can be placed")
                    .help("drop one of the hints"),
                );
                hint[start] = None;
                break;
            }
            if seen.contains(&j) {
                break; // a cycle that does not pass through `start`: reported from its own member
            }
            seen.push(j);
            k = j;
        }
    }
}

/// A chain of hints can still carry an incident past one it certainly precedes (`a`, 5 March,
/// before `b`, dated 2008, which is after `c`, 20 December, lists `a` after everything dated
/// between): each such incident is reported once, at its own hint or the other's.
fn check_listing(incidents: &[Incident], order: &[usize], hint: &[Option<(Side, usize)>], diags: &mut Diagnostics) {
    let mut latest_start: Option<usize> = None;
    for &i in order {
        let x = &incidents[i];
        if let Some(p) = latest_start
            && x.date.latest() < incidents[p].date.earliest()
        {
            let y = &incidents[p];
            let (at, other) = if hint[i].is_some() { (x, y) } else { (y, x) };
            if let Some(r) = at.sort_after.as_ref().or(at.sort_before.as_ref()) {
                diags.push(
                    Diagnostic::error(
                        "sort-hint",
                        &r.loc.source,
                        r.loc.span.clone(),
                        format!(
                            "the ordering hints list `{}` ({}) after `{}` ({}), which it precedes by date",
                            x.id, x.date, y.id, y.date
                        ),
                    )
                    .label(format!(
                        "this hint, followed through, moves `{}` next to `{}`",
                        at.id, other.id
                    ))
                    .help("name an incident whose date overlaps both"),
                );
            }
            continue;
        }
        if latest_start.is_none_or(|p| incidents[p].date.earliest() < x.date.earliest()) {
            latest_start = Some(i);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::source::Source;

    fn incident(id: &str, date: &str, after: Option<&str>, before: Option<&str>) -> Incident {
        let source: Arc<Source> = Source::new(format!("content/incidents/{id}.yaml"), String::new());
        let r = |id: &str| Ref {
            id: id.into(),
            loc: Loc::file(&source),
        };
        let date = Date::parse(date).unwrap();
        Incident {
            id: id.into(),
            loc: Loc::file(&source),
            title: id.into(),
            kind: "other".into(),
            date,
            end: None,
            location: None,
            casualties: Vec::new(),
            perpetrators: Vec::new(),
            targets: Vec::new(),
            actors: Vec::new(),
            related: Vec::new(),
            summary: None,
            sort_after: after.map(r),
            sort_before: before.map(r),
            placed: date,
        }
    }

    fn ordered(mut list: Vec<Incident>) -> (Vec<String>, Diagnostics) {
        let mut diags = Diagnostics::default();
        order_incidents(&mut list, &mut diags);
        (list.into_iter().map(|x| x.id).collect(), diags)
    }

    #[test]
    fn partial_dates_follow_the_days_they_contain() {
        let (ids, diags) = ordered(vec![
            incident("arrest", "2008", None, None),
            incident("talks", "2009-01-05", None, None),
            incident("attacks", "2008-11-26", None, None),
            incident("raids", "2008-12", None, None),
            incident("meeting", "2008-12-02", None, None),
        ]);
        assert_eq!(diags.error_count(), 0);
        assert_eq!(ids, ["attacks", "meeting", "raids", "arrest", "talks"]);
    }

    #[test]
    fn a_hint_lists_an_incident_next_to_the_one_it_names() {
        let (ids, diags) = ordered(vec![
            incident("arrest", "2008", None, Some("raids")),
            incident("attacks", "2008-11-26", None, None),
            incident("raids", "2008-12", None, None),
            incident("op-ed", "2008-12", None, None),
            incident("b-second", "2008-11-26", Some("attacks"), None),
            incident("a-third", "2008-11-26", Some("b-second"), None),
        ]);
        assert_eq!(diags.error_count(), 0);
        assert_eq!(ids, ["attacks", "b-second", "a-third", "op-ed", "arrest", "raids"]);
    }

    #[test]
    fn hints_that_cannot_apply_are_errors() {
        let (_, diags) = ordered(vec![
            incident("early", "2008-03", Some("late"), None),
            incident("late", "2008-12", None, None),
        ]);
        assert_eq!(diags.error_count(), 1);
        let (ids, diags) = ordered(vec![
            incident("a", "2008", Some("b"), None),
            incident("b", "2008", Some("a"), None),
        ]);
        assert_eq!(diags.error_count(), 1, "one cycle, one error");
        assert_eq!(ids.len(), 2);
        let (_, diags) = ordered(vec![
            incident("a", "2008-03-05", None, Some("b")),
            incident("b", "2008", Some("c"), None),
            incident("c", "2008-12-20", None, None),
            incident("d", "2008-06-01", None, None),
        ]);
        assert_eq!(diags.error_count(), 1, "a chain carrying March past June");
    }
}
