//! `keel compare ID ID… [--json]`: the year-on-year comparison of assessments of one
//! organisation, as a table or as JSON.

use std::io::Write;

use keel_core::comparison::{Comparison, NodeChange};
use keel_core::scoring::fmt_number;
use keel_core::InputError;
use keel_store::Store;

use crate::exports::pack;
use crate::CliError;

pub fn compare(store: &Store, ids: &[i64], json: bool, out: &mut impl Write) -> Result<(), CliError> {
    let origin = "keel compare";
    if ids.len() < 2 {
        return Err(InputError::one(origin, "ID", "give at least two assessment ids").into());
    }
    // The newest period is the one compared against the rest.
    let mut summaries = Vec::new();
    for &id in ids {
        summaries.push(store.assessment(id)?);
    }
    if let Some(other) = summaries.iter().find(|s| s.organisation_id != summaries[0].organisation_id) {
        return Err(InputError::one(
            origin,
            "ID",
            format!(
                "assessment {} is of {:?}, assessment {} of {:?}; compare assessments of one organisation",
                summaries[0].id, summaries[0].organisation, other.id, other.organisation
            ),
        )
        .into());
    }
    summaries.sort_by_key(|s| (s.period, s.id));
    let frameworks: Vec<&str> = summaries.iter().map(|s| s.framework.as_str()).collect();
    if let Some((odd, reference)) = keel_core::comparison::odd_one_out(&frameworks) {
        let (odd, reference) = (&summaries[odd], &summaries[reference]);
        return Err(InputError::one(
            origin,
            "ID",
            format!(
                "assessment {} ({:?}, {}) is against {}, which no version map connects with {} (assessment {}); \
                 compare assessments of one model, or look at different models side by side in the window",
                odd.id, odd.title, odd.period, odd.framework, reference.framework, reference.id
            ),
        )
        .into());
    }
    let latest = summaries.last().map(|s| s.id).unwrap_or_default();
    let others: Vec<i64> = summaries.iter().map(|s| s.id).filter(|&id| id != latest).collect();
    let pack = pack(store, latest, &others)?;
    let comparison = pack.comparison().map_err(|e| InputError::one(origin, "ID", e.to_string()))?;
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&comparison)?)?;
        return Ok(());
    }
    let mut frameworks: Vec<&str> = pack.history().iter().map(|s| s.framework.id()).collect();
    frameworks.dedup();
    writeln!(
        out,
        "{} — {}: {}",
        pack.current.file.organisation.name,
        frameworks.join(" / "),
        comparison.labels.join(" → ")
    )?;
    table(&comparison, out)
}

fn signed(v: f64) -> String {
    if v > 0.0 {
        format!("+{}", fmt_number(v))
    } else if v < 0.0 {
        format!("−{}", fmt_number(-v))
    } else {
        "±0".to_owned()
    }
}

fn series(values: &[f64]) -> String {
    values.iter().map(|v| fmt_number(*v)).collect::<Vec<_>>().join(" → ")
}

fn percents(values: &[Option<f64>]) -> String {
    values.iter().map(|v| v.map_or("—".to_owned(), |p| format!("{} %", fmt_number(p)))).collect::<Vec<_>>().join(" → ")
}

fn table(c: &Comparison, out: &mut impl Write) -> Result<(), CliError> {
    let previous = &c.labels[c.labels.len() - 2];
    writeln!(
        out,
        "Total: {} of {} points ({} since {previous})\n",
        series(&c.totals),
        fmt_number(c.max_points),
        signed(c.total_change)
    )?;
    writeln!(out, "{:<46} {:>28} {:>9}", "CRITERION", "POINTS", "CHANGE")?;
    for n in &c.criteria {
        writeln!(
            out,
            "{:<46} {:>28} {:>9}",
            format!("{} {}", n.number, n.title),
            series(&n.points),
            signed(n.points_change)
        )?;
    }
    let list = |title: &str, nodes: &[NodeChange], out: &mut dyn Write| -> std::io::Result<()> {
        writeln!(out, "\n{title} (since {previous}):")?;
        if nodes.is_empty() {
            writeln!(out, "  none")?;
        }
        for n in nodes {
            let change = n.percent_change.map(|d| format!("{} points of %", signed(d))).unwrap_or_default();
            writeln!(out, "  {} {}: {} ({change})", n.number, n.title, percents(&n.percents))?;
        }
        Ok(())
    };
    list("Most improved", &c.most_improved, out)?;
    list("Areas of concern", &c.concerns, out)?;
    writeln!(out, "\nStakeholder groups:")?;
    for g in &c.groups {
        let change = g.change.map(|d| format!(" ({})", signed(d))).unwrap_or_default();
        writeln!(out, "  {:<22} {}{change}", g.group.label(), percents(&g.percents))?;
    }
    writeln!(
        out,
        "Balance index: {}",
        c.balance.iter().map(|b| b.map_or("—".into(), fmt_number)).collect::<Vec<_>>().join(" → ")
    )?;
    for l in &c.lurches {
        writeln!(
            out,
            "LURCH {} → {}: {} gained {} points while {} lost {}",
            l.from,
            l.to,
            l.gained.label(),
            fmt_number(l.gain),
            l.lost.label(),
            fmt_number(l.loss)
        )?;
    }
    let linked: Vec<&NodeChange> = c.criteria.iter().filter(|n| !n.completed_actions.is_empty()).collect();
    if !linked.is_empty() {
        writeln!(out, "\nActions completed since {previous}:")?;
        for n in linked {
            let verb = if n.points_change >= 0.0 { "rose" } else { "fell" };
            writeln!(
                out,
                "  criterion {} {verb} {} points; {} action{} linked to it completed",
                n.number,
                fmt_number(n.points_change.abs()),
                n.completed_actions.len(),
                if n.completed_actions.len() == 1 { " was" } else { "s were" }
            )?;
        }
    }
    for m in &c.version_maps {
        writeln!(
            out,
            "\n{} was made against {}; carried onto this framework through {} (scores rounded to the new scales)",
            m.label,
            m.from,
            m.through.join(" then ")
        )?;
        if !m.uncovered.is_empty() {
            writeln!(out, "  no counterpart in {}, not compared for that year: {}", m.label, m.uncovered.join(", "))?;
        }
        if !m.dropped.is_empty() {
            writeln!(out, "  scored in {} but feeding nothing now: {}", m.label, m.dropped.join(", "))?;
        }
    }
    if !c.unmatched.is_empty() {
        writeln!(out, "\nNot in every assessment (not compared):")?;
        for u in &c.unmatched {
            writeln!(out, "  {} {} — only in {}", u.id, u.title, u.present_in.join(", "))?;
        }
    }
    Ok(())
}
