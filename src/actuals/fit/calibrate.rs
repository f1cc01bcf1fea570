//! Writes a chat fit into a scenario file: the base scenario's text is
//! edited in place (comments and every other setting kept), and the result
//! is checked by loading it before anyone writes it anywhere.

use super::ChatFit;
use crate::scenario::{Scenario, ScenarioError};
use toml_edit::{value, Array, DocumentMut, InlineTable, Item, Table};

/// Rounds to 3 significant digits, for readable files.
fn round3(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return 0.0;
    }
    let scale = 10f64.powi(2 - x.abs().log10().floor() as i32);
    (x * scale).round() / scale
}

fn dist(kind: &str, mean: f64, cv: f64) -> Item {
    let mut t = InlineTable::new();
    t.insert("kind", kind.into());
    t.insert("mean", round3(mean).into());
    if kind == "lognormal" {
        t.insert("cv", round3(cv).into());
    }
    value(t)
}

/// Whether a fitted mean and CV make a distribution (too few chats give a
/// CV of 0; the base's value is kept then).
fn usable(mean: f64, cv: f64) -> bool {
    round3(mean) > 0.0 && round3(cv) > 0.0
}

fn table<'d>(doc: &'d mut DocumentMut, key: &str) -> &'d mut Table {
    if !doc.contains_table(key) {
        doc[key] = toml_edit::table();
    }
    doc[key].as_table_mut().expect("a table")
}

/// The base scenario's text with the fitted chat parameters; `provenance`
/// goes into the header comment. The result is loaded as a scenario to prove
/// it valid.
pub fn calibrated_toml(base_text: &str, fit: &ChatFit, provenance: &str) -> Result<String, ScenarioError> {
    let mut doc: DocumentMut = base_text.parse().map_err(|e: toml_edit::TomlError| ScenarioError {
        source_name: "base scenario".into(),
        line: None,
        field: None,
        message: e.to_string(),
    })?;
    let arrivals = table(&mut doc, "arrivals");
    for old in ["visitors", "inquiry_share", "baseline_per_h", "peaks"] {
        arrivals.remove(old);
    }
    arrivals["total"] = value(fit.inquiries as f64);
    arrivals["volume_cv"] = value(0.0);
    arrivals["profile_step_min"] = value(fit.profile_step_min);
    let mut profile: Array = fit.profile.iter().map(|&n| n as i64).collect();
    profile.set_trailing_comma(false);
    arrivals["profile"] = value(profile);
    let chat = table(&mut doc, "chat");
    chat["deflection_share"] = value(round3(fit.deflection_share));
    if let Some(p) = fit.patience.as_ref().filter(|p| usable(p.mean_s, p.cv)) {
        chat["patience_s"] = dist(p.kind, p.mean_s, p.cv);
    }
    if let Some(groups) = chat.get_mut("groups").and_then(Item::as_array_of_tables_mut) {
        let single = fit.handle.len() == 1 && fit.handle[0].group.is_empty();
        for g in groups.iter_mut() {
            let name = g.get("name").and_then(Item::as_str).unwrap_or_default().to_string();
            let found = fit.handle.iter().find(|h| h.group == name || single);
            let Some(h) = found.filter(|h| h.chats >= 2 && usable(h.mean_s, h.cv)) else { continue };
            g["handle_s"] = dist("lognormal", h.mean_s, h.cv);
            if let Some(s) = h.slowdown_per_extra_chat {
                g["slowdown_per_extra_chat"] = value(round3(s));
            }
        }
    }
    let header = format!(
        "# Calibrated from actual traffic by `peakplan actuals fit`.\n# {provenance}\n# Fitted: [arrivals] total, profile \
         (volume_cv 0: the volume is known); [chat] deflection_share,\n# patience_s, and each group's handle_s and \
         slowdown. Everything else is the base scenario's.\n\n"
    );
    let text = format!("{header}{doc}");
    Scenario::from_toml(&text, "calibrated scenario")?;
    Ok(text)
}
