//! The "Staff availability" block of the terminal summary: paid against
//! available hours of agents and packers, what the difference went to, and
//! the hours where the most people were away.

use super::text::{show, Fmt};
use crate::result::SimulationReport;
use std::fmt::Write;

/// One role's paid hours, available hours and where the rest went.
struct RoleKeys {
    role: &'static str,
    paid: &'static str,
    available: &'static str,
    on_break: &'static str,
    absent: &'static str,
    late: &'static str,
}

const AGENTS: RoleKeys = RoleKeys {
    role: "agents",
    paid: "agent_hours",
    available: "agent_hours_available",
    on_break: "agent_hours_on_break",
    absent: "agents_absent",
    late: "agents_late",
};

const PACKERS: RoleKeys = RoleKeys {
    role: "packers",
    paid: "packer_hours",
    available: "packer_hours_available",
    on_break: "packer_hours_on_break",
    absent: "packers_absent",
    late: "packers_late",
};

fn role_line(r: &SimulationReport, k: &RoleKeys, o: &mut String) {
    let mean = |key: &str| r.kpi(key).map(|s| s.mean);
    let (Some(paid), Some(available)) = (mean(k.paid), mean(k.available)) else { return };
    let shrinkage = if paid > 0.0 { 1.0 - available / paid } else { 0.0 };
    let _ = writeln!(
        o,
        "  {:<9}{:>9}{:>13}{:>10}{:>9}{:>8}{:>7}",
        k.role,
        show(paid, Fmt::Count),
        show(available, Fmt::Count),
        show(shrinkage, Fmt::Share),
        show(mean(k.on_break).unwrap_or(0.0), Fmt::Count),
        show(mean(k.absent).unwrap_or(0.0), Fmt::Decimal),
        show(mean(k.late).unwrap_or(0.0), Fmt::Decimal),
    );
}

/// Appends the block to `o`.
pub fn section(r: &SimulationReport, o: &mut String) {
    let _ = writeln!(o, "\nStaff availability (means over replications)");
    let _ = writeln!(
        o,
        "  {:<9}{:>9}{:>13}{:>10}{:>9}{:>8}{:>7}",
        "", "paid h", "available h", "shrinkage", "break h", "absent", "late"
    );
    role_line(r, &AGENTS, o);
    role_line(r, &PACKERS, o);
    if let (Some(n), Some(h)) = (r.kpi("breaks_recalled"), r.kpi("break_hours_recalled")) {
        if n.mean > 0.0 {
            let _ = writeln!(
                o,
                "  breaks cut short by recalls: {} ({} of break time)",
                show(n.mean, Fmt::Decimal),
                show(h.mean, Fmt::Hours)
            );
        }
    }
    let _ = writeln!(o, "  (absent, late: person-shifts; shrinkage: 1 − available ÷ paid; wrap-up is");
    let _ = writeln!(o, "  busy time, in occupancy)");
}
