//! The recommended plan as a scenario file: the input scenario's text with
//! the plan's shifts and headcounts written in, its comments kept, and a
//! header saying where the plan came from. `simulate`, `compare`, `size`
//! and `actuals` read it like any scenario; a planner can edit it and rerun.
//!
//! * Listed shifts keep their place, name, times and comments; only their
//!   headcounts (`agents = {...}`, `packers = {...}`) change.
//! * Designed shifts (`[sizing.shift_design]` for agents,
//!   `[sizing.packer_shift_design]` for packers) replace that role's shifts
//!   of the input: the shifts the plan uses, in time order, each with its
//!   local start and end. The design rules are left out, so that `size` on
//!   the file sizes these shifts as listed ones.

use super::{Role, SizingReport};
use crate::figures as fig;
use crate::scenario::Scenario;
use chrono::Duration;
use std::fmt::Write as _;
use toml_edit::{ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value};

/// Why the plan could not be written as a scenario.
#[derive(Debug, thiserror::Error)]
#[error("cannot write the plan into {source_name}: {message}")]
pub struct PlanFileError {
    /// The input scenario.
    pub source_name: String,
    /// What went wrong.
    pub message: String,
}

/// Local `YYYY-MM-DD HH:MM` (with `:SS` when not on a whole minute) of the
/// moment `at_s` from the window start of `s`.
fn local_time(s: &Scenario, at_s: f64) -> String {
    let t = s.window.start + Duration::milliseconds((at_s * 1000.0).round() as i64);
    if at_s.rem_euclid(60.0).abs() < 1e-6 {
        t.format("%Y-%m-%d %H:%M").to_string()
    } else {
        t.format("%Y-%m-%d %H:%M:%S").to_string()
    }
}

/// `{ group = n, ... }` for the headcounts `n` of `groups`.
fn headcounts(groups: &[String], n: &[u32]) -> InlineTable {
    let mut t = InlineTable::new();
    for (g, &x) in groups.iter().zip(n) {
        t.insert(g, Value::from(i64::from(x)));
    }
    t.fmt();
    t
}

/// The header comment: where the plan came from.
fn header(s: &Scenario, r: &SizingReport, note: Option<&str>) -> String {
    let p = &r.plan;
    let (lo, hi) = p.p_meet_all_ci95;
    let mut h = String::new();
    let _ = writeln!(h, "# Plan recommended by `peakplan size` for scenario \"{}\" ({}),", s.name, s.source_name);
    let _ = writeln!(h, "# seed {}, verified on {} fresh replications:", r.run.seed, r.run.replications);
    let _ = writeln!(
        h,
        "# P(meet all targets) {:.1}% (95% interval {:.1}%-{:.1}%), labour of the listed shifts {:.0} CNY,",
        100.0 * p.p_meet_all,
        100.0 * lo,
        100.0 * hi,
        p.labour_cost_cny
    );
    if let Some(total) = p.cost.get(fig::TOTAL_CNY) {
        let _ =
            writeln!(h, "# total cost {:.0} CNY (mean; packer shifts repeated after the window included).", total.mean);
    }
    if !r.feasible {
        let _ = writeln!(h, "# The search did not meet the targets: this plan falls short of them.");
    }
    if let Some(note) = note {
        let _ = writeln!(h, "# {note}");
    }
    let _ = writeln!(h, "# The rest of the file is the input scenario as written. Edit it and rerun.");
    h.push('\n');
    h
}

/// The scenario `s` (read from `text`) with the plan of `r` written in.
/// `note`, when given, is one more line of the header comment.
pub fn plan_toml(text: &str, s: &Scenario, r: &SizingReport, note: Option<&str>) -> Result<String, PlanFileError> {
    let fail = |message: String| PlanFileError { source_name: s.source_name.clone(), message };
    let mut doc: DocumentMut = text.parse().map_err(|e| fail(format!("{e}")))?;
    let name = format!("{}-plan", s.name);
    doc["name"] = toml_edit::value(name);
    let expanded = super::design::expand(s);
    if s.sizing.shift_design.is_some() {
        write_designed(&mut doc, &expanded, r, Role::Agents).map_err(fail)?;
    } else {
        set_headcounts(&mut doc, "chat", "agents", &r.agent_groups, r, Role::Agents).map_err(fail)?;
    }
    if s.sizing.packer_shift_design.is_some() {
        write_designed(&mut doc, &expanded, r, Role::Packers).map_err(fail)?;
    } else if s.model.dispatch.is_some() {
        set_headcounts(&mut doc, "warehouse", "packers", &r.packer_groups, r, Role::Packers).map_err(fail)?;
    }
    Ok(format!("{}{}", header(s, r, note), doc))
}

/// The `[[<section>.shifts]]` of `doc`.
fn shifts_mut<'d>(doc: &'d mut DocumentMut, section: &str) -> Result<&'d mut ArrayOfTables, String> {
    doc.get_mut(section)
        .and_then(|t| t.get_mut("shifts"))
        .and_then(Item::as_array_of_tables_mut)
        .ok_or_else(|| format!("it has no [[{section}.shifts]] tables"))
}

/// Sets the `key` headcounts of every listed shift of `section` to the
/// plan's, found by the shift's name.
fn set_headcounts(
    doc: &mut DocumentMut,
    section: &str,
    key: &str,
    groups: &[String],
    r: &SizingReport,
    role: Role,
) -> Result<(), String> {
    for table in shifts_mut(doc, section)?.iter_mut() {
        let name = table.get("name").and_then(Item::as_str).unwrap_or_default().to_string();
        let plan = r.plan.shifts.iter().find(|p| p.role == role && p.shift == name);
        let plan = plan.ok_or_else(|| format!("the plan has no {section} shift named \"{name}\""))?;
        set_counts(table, key, groups, &plan.headcount);
    }
    Ok(())
}

/// Sets `table.key` to the headcounts `n` of `groups`, keeping an inline
/// table's layout and comment (a sub-table is replaced by an inline one).
fn set_counts(table: &mut Table, key: &str, groups: &[String], n: &[u32]) {
    match table.get_mut(key).and_then(Item::as_inline_table_mut) {
        Some(t) => {
            let decor = t.decor().clone();
            *t = headcounts(groups, n);
            *t.decor_mut() = decor;
        }
        None => {
            table.insert(key, toml_edit::value(headcounts(groups, n)));
        }
    }
}

/// Replaces the shifts of `role` in `doc` by the designed shifts the plan
/// uses and drops the role's design table; `expanded` is the scenario with
/// its candidates (from [`super::design::expand`]).
fn write_designed(doc: &mut DocumentMut, expanded: &Scenario, r: &SizingReport, role: Role) -> Result<(), String> {
    let (section, key, table, groups, shifts) = match role {
        Role::Agents => ("chat", "agents", "shift_design", &r.agent_groups, &expanded.model.chat.shifts),
        Role::Packers => match &expanded.model.dispatch {
            Some(d) => ("warehouse", "packers", "packer_shift_design", &r.packer_groups, &d.warehouse.shifts),
            None => return Ok(()),
        },
    };
    let used: Vec<&super::ShiftPlan> =
        r.plan.shifts.iter().filter(|p| p.role == role && p.headcount.iter().any(|&n| n > 0)).collect();
    let listed = shifts_mut(doc, section)?;
    listed.clear();
    for p in used {
        let sh = shifts.iter().find(|x| x.name == p.shift);
        let sh = sh.ok_or_else(|| format!("the plan's shift \"{}\" is not a designed shift", p.shift))?;
        let mut t = Table::new();
        t.insert("name", toml_edit::value(p.shift.clone()));
        t.insert("start", toml_edit::value(local_time(expanded, sh.start_s)));
        t.insert("end", toml_edit::value(local_time(expanded, sh.end_s)));
        t.insert(key, toml_edit::value(headcounts(groups, &p.headcount)));
        listed.push(t);
    }
    if let Some(sizing) = doc.get_mut("sizing").and_then(Item::as_table_like_mut) {
        sizing.remove(table);
    }
    Ok(())
}
