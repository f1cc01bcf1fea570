//! `peakplan erlang --scenario FILE`: the per-hour requirement of a
//! scenario's profile from the Erlang formulas, beside the agents its shifts
//! put on duty.

use super::erlang::{ErlangArgs, OutputFormat, UsageError};
use peakplan::sizing::formula_table::formula_table;
use peakplan::Scenario;
use std::io::Write;
use std::path::Path;

/// Writes the table for the scenario at `path` (`default`: the built-in one).
pub fn write_report(path: &Path, args: &ErlangArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    if !(0.0..1.0).contains(&args.shrinkage) {
        return Err(UsageError(format!("--shrinkage must be in [0, 1), got {}", args.shrinkage)).into());
    }
    let s = if path.as_os_str() == "default" {
        Scenario::default_double11()
    } else {
        Scenario::load(path).map_err(|e| UsageError(e.to_string()))?
    };
    let rows = formula_table(&s, args.shrinkage);
    if let OutputFormat::Json = args.format {
        out.write_all(peakplan::report::json::render(&rows)?.as_bytes())?;
        return Ok(());
    }
    let g = &s.model.chat.groups[0];
    let t = &s.targets;
    writeln!(out, "Per-hour requirement by Erlang formula — {}", s.name)?;
    writeln!(
        out,
        "Hours stationary at their mean rate; group {}: {} chats at once, handle {:.0} s;",
        g.name,
        g.max_concurrent,
        g.handle_s.mean()
    )?;
    writeln!(
        out,
        "target {:.0}% within {} s and abandonment ≤ {:.0}%; shrinkage {:.0}%.",
        t.service_level * 100.0,
        t.response_within_s,
        t.abandon_max * 100.0,
        args.shrinkage * 100.0
    )?;
    writeln!(
        out,
        "\n{:<12}{:>9}{:>11}{:>10}{:>9}{:>10}{:>12}",
        "hour", "inq", "offered/h", "required", "payroll", "on duty", "equivalent"
    )?;
    for r in &rows {
        let flag = if r.on_duty_equivalent + 1e-9 < f64::from(r.required_agents) { " <" } else { "" };
        writeln!(
            out,
            "{:<12}{:>9.0}{:>11.0}{:>10}{:>9}{:>10.1}{:>12.1}{flag}",
            r.period,
            r.forecast_inquiries,
            r.offered_per_h,
            r.required_agents,
            r.payroll_agents,
            r.on_duty,
            r.on_duty_equivalent
        )?;
    }
    writeln!(out, "(equivalent: on-duty agents counted by chat capacity relative to {}; < short)", g.name)?;
    if s.model.chat.returns.is_some() || s.model.demand.is_some() {
        writeln!(
            out,
            "(the formulas see the forecast's first contacts only: they ignore customers who come back and the \
             drawn peaks, bursts and period factors; `simulate` and `size` include them)"
        )?;
    }
    Ok(())
}
