//! The "Staff availability" block of the terminal summary: paid against
//! available hours of agents and packers, what the difference went to, and
//! the hours where the most people were away.

use super::text::{show, Fmt};
use crate::figures::{self as fig, Figure};
use crate::result::SimulationReport;
use std::fmt::Write;

/// One role's paid hours, available hours and where the rest went.
struct RoleKeys {
    role: &'static str,
    paid: Figure,
    available: Figure,
    shrinkage: Figure,
    on_break: Figure,
    absent: Figure,
    late: Figure,
}

const AGENTS: RoleKeys = RoleKeys {
    role: "agents",
    paid: fig::AGENT_HOURS,
    available: fig::AGENT_HOURS_AVAILABLE,
    shrinkage: fig::AGENT_SHRINKAGE_SHARE,
    on_break: fig::AGENT_HOURS_ON_BREAK,
    absent: fig::AGENTS_ABSENT,
    late: fig::AGENTS_LATE,
};

const PACKERS: RoleKeys = RoleKeys {
    role: "packers",
    paid: fig::PACKER_HOURS,
    available: fig::PACKER_HOURS_AVAILABLE,
    shrinkage: fig::PACKER_SHRINKAGE_SHARE,
    on_break: fig::PACKER_HOURS_ON_BREAK,
    absent: fig::PACKERS_ABSENT,
    late: fig::PACKERS_LATE,
};

fn role_line(r: &SimulationReport, k: &RoleKeys, o: &mut String) {
    let mean = |f: Figure| r.kpi(f).map(|s| s.mean);
    let (Some(paid), Some(available)) = (mean(k.paid), mean(k.available)) else { return };
    let shrinkage = mean(k.shrinkage).unwrap_or(0.0);
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
    if let (Some(n), Some(h)) = (r.kpi(fig::BREAKS_RECALLED), r.kpi(fig::BREAK_HOURS_RECALLED)) {
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
