//! Text renderings of the actual traffic: the import's row counts and the
//! fitted parameters.

use crate::actuals::fit::ChatFit;
use crate::actuals::RowCounts;
use std::fmt::Write;

/// The rows of one file: read, used, left out, and the bad ones by reason.
pub fn rows(file: &str, c: &RowCounts) -> String {
    let mut s = format!(
        "{file}: {} rows read, {} used, {} excluded by the mapping, {} outside the window, {} bad rows skipped\n",
        c.rows, c.used, c.excluded, c.outside_window, c.bad.skipped
    );
    for r in &c.bad.reasons {
        let lines: Vec<String> = r.first_lines.iter().map(u64::to_string).collect();
        let _ = writeln!(s, "  skipped {} rows: {} (first at lines {})", r.rows, r.reason, lines.join(", "));
    }
    s
}

/// The fitted chat parameters, with their standard errors.
pub fn fit(file: &str, c: &RowCounts, f: &ChatFit) -> String {
    let mut s = rows(file, c);
    let _ = writeln!(
        s,
        "\nVolume: {} chats, {:.1}% closed by auto-reply, {:.1}% of the offered chats abandoned",
        f.inquiries,
        100.0 * f.deflection_share,
        100.0 * f.abandon_share
    );
    if let Some((i, &peak)) = f.profile.iter().enumerate().max_by_key(|(_, &n)| n) {
        let _ = writeln!(
            s,
            "Profile: {} steps of {} min; the busiest step (#{}, from {:.0} min) had {peak} chats",
            f.profile.len(),
            f.profile_step_min,
            i + 1,
            i as f64 * f.profile_step_min
        );
    }
    match &f.patience {
        Some(p) => {
            let se = |x: Option<f64>| x.map_or("n/a".to_string(), |v| format!("{v:.2}"));
            let _ = writeln!(
                s,
                "Patience ({} abandoned, {} answered as censored): {} with mean {:.1} s (standard error {} s), cv {:.2} ({})",
                p.abandoned,
                p.censored,
                p.kind,
                p.mean_s,
                se(p.mean_se_s),
                p.cv,
                se(p.cv_se)
            );
            let _ = writeln!(
                s,
                "  exponential fit: mean {:.1} s; AIC lognormal − exponential {:.1}; ignoring censoring would give {:.1} s",
                p.exponential_mean_s, p.aic_lognormal_minus_exponential, p.naive_mean_s
            );
            let km: Vec<String> = p.kaplan_meier.iter().map(|(t, v)| format!("{t:.0} s {:.1}%", 100.0 * v)).collect();
            let _ = writeln!(s, "  still waiting (Kaplan–Meier): {}", km.join(", "));
        }
        None => {
            s.push_str("Patience: no abandoned chat with a wait, so patience cannot be fitted (kept as in the base)\n")
        }
    }
    s.push_str("Handle time at concurrency one:\n");
    for h in &f.handle {
        let name = if h.group.is_empty() { "(all agents)" } else { &h.group };
        let _ = write!(
            s,
            "  {name}: mean {:.1} s (standard error {:.2} s), cv {:.2}, from {} chats; observed mean {:.1} s",
            h.mean_s, h.mean_se_s, h.cv, h.chats, h.observed_mean_s
        );
        match (h.slowdown_per_extra_chat, h.mean_concurrency) {
            (Some(sd), Some(k)) => {
                let _ = writeln!(s, "; slowdown {sd:.3} per extra chat, {k:.2} chats in hand on average");
            }
            (None, Some(k)) => {
                let _ = writeln!(s, "; {k:.2} chats in hand on average, slowdown not identifiable");
            }
            _ => s.push('\n'),
        }
    }
    if let Some(note) = &f.concurrency_note {
        let _ = writeln!(s, "  (not corrected for concurrent chats: {note})");
    }
    s
}
