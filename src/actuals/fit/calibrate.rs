//! Writes a chat fit (and an order fit) into a scenario file: the base
//! scenario's text is edited in place (comments and every other setting
//! kept), and the result is checked by loading it before anyone writes it
//! anywhere.

use super::orders::OrderFit;
use super::states::StatesFit;
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

/// A distribution of `kind` with `mean` (and `cv`); a lognormal without
/// spread (all values equal) is written as `fixed`.
fn dist(kind: &str, mean: f64, cv: f64) -> Item {
    let mut t = InlineTable::new();
    if kind == "lognormal" && round3(cv) <= 0.0 {
        t.insert("kind", "fixed".into());
        t.insert("value", round3(mean).into());
        return value(t);
    }
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

/// The base scenario's text with the fitted chat parameters and, if given,
/// the order parameters ([`calibrate_orders`]); `provenance` goes into the
/// header comment. The result is loaded as a scenario to prove it valid.
pub fn calibrated_toml(
    base_text: &str,
    fit: &ChatFit,
    orders: Option<&OrderFit>,
    provenance: &str,
) -> Result<String, ScenarioError> {
    let mut doc: DocumentMut = base_text.parse().map_err(|e: toml_edit::TomlError| ScenarioError {
        source_name: "base scenario".into(),
        line: None,
        field: None,
        message: e.to_string(),
    })?;
    fix_silent_orders(&mut doc, base_text);
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
        // The wrap-up is measured between the contacts of agents who take
        // one at a time; it is written only for such groups.
        let wrap_up = fit.availability.as_ref().and_then(|a| a.wrap_up).filter(|w| usable(w.mean_s, w.cv));
        for g in groups.iter_mut().filter(|g| g.get("max_concurrent").and_then(Item::as_integer) == Some(1)) {
            if let Some(w) = wrap_up {
                g["wrap_up_s"] = dist(w.kind, w.mean_s, w.cv);
            }
        }
    }
    let people_line = match &fit.agent_states {
        Some(st) => format!("# From the agent-state export: {}.\n", calibrate_people(&mut doc, st).join(", ")),
        None => String::new(),
    };
    let order_keys = orders.map(|o| calibrate_orders(&mut doc, o)).unwrap_or_default();
    let order_line = if order_keys.is_empty() {
        String::new()
    } else {
        format!("# Fitted from the orders: {}.\n", order_keys.join(", "))
    };
    let header = format!(
        "# Calibrated from actual traffic by `peakplan actuals fit`.\n# {provenance}\n# Fitted: [arrivals] total, profile \
         (volume_cv 0: the volume is known); [chat] deflection_share,\n# patience_s, and each group's handle_s and \
         slowdown (and wrap_up_s for agents taking one contact at a time, when measured).\n{people_line}{order_line}# Everything else is the base scenario's.\n\n"
    );
    let text = format!("{header}{doc}");
    Scenario::from_toml(&text, "calibrated scenario")?;
    Ok(text)
}

/// Fewest `wrap_up` rows of a group for its `wrap_up_s` to be written.
pub const MIN_WRAP_UP_ROWS: u64 = 30;

/// Writes what the agent-state export says of the people into `doc`: each
/// chat group's `absence_share`, `late_start_share` and `late_start_min`
/// (exponential), `wrap_up_s` (lognormal, from at least
/// [`MIN_WRAP_UP_ROWS`] rows), and the length of each break rule taken
/// (when the base scenario recalls resting agents, only a length longer
/// than planned: the recall itself explains shorter breaks, and would
/// shorten them again). Returns what was written.
pub fn calibrate_people(doc: &mut DocumentMut, fit: &StatesFit) -> Vec<String> {
    let mut written = Vec::new();
    let pooled = fit.groups.len() == 1 && fit.groups[0].group.is_empty();
    if let Some(groups) = doc.get_mut("chat").and_then(|c| c.get_mut("groups")).and_then(Item::as_array_of_tables_mut) {
        for g in groups.iter_mut() {
            let name = g.get("name").and_then(Item::as_str).unwrap_or_default().to_string();
            let Some(f) = fit.groups.iter().find(|f| f.group == name || pooled) else { continue };
            if let Some(a) = f.absence_share {
                g["absence_share"] = value(round3(a.share));
                written.push(format!("{name}.absence_share"));
            }
            if let Some(l) = f.late_start_share {
                g["late_start_share"] = value(round3(l.share));
                match f.late_start_min.filter(|m| round3(m.mean) > 0.0 && l.share > 0.0) {
                    Some(m) => g["late_start_min"] = dist("exponential", m.mean, 1.0),
                    None => {
                        g.remove("late_start_min");
                    }
                }
                written.push(format!("{name}.late_start_share"));
            }
            if let Some(w) = f.wrap_up_s.filter(|w| w.n >= MIN_WRAP_UP_ROWS && usable(w.mean, w.cv)) {
                g["wrap_up_s"] = dist("lognormal", w.mean, w.cv);
                written.push(format!("{name}.wrap_up_s"));
            }
        }
    }
    let recall = doc.get("availability").and_then(|a| a.get("recall_when_waiting_over")).is_some();
    let rules = doc.get_mut("availability").and_then(|a| a.get_mut("breaks")).and_then(Item::as_array_of_tables_mut);
    for rule in rules.into_iter().flat_map(|r| r.iter_mut()) {
        let name = rule.get("name").and_then(Item::as_str).unwrap_or_default().to_string();
        let (n, sum) = fit
            .groups
            .iter()
            .flat_map(|g| &g.break_rules)
            .filter(|r| r.rule == name)
            .fold((0u64, 0.0), |(n, s), r| (n + r.taken_min.n, s + r.taken_min.mean * r.taken_min.n as f64));
        let planned = rule.get("length_min").and_then(|v| v.as_float().or(v.as_integer().map(|i| i as f64)));
        let planned = planned.unwrap_or(0.0);
        let taken = if n > 0 { round3(sum / n as f64) } else { 0.0 };
        if taken > 0.0 && (!recall || taken > planned) {
            rule["length_min"] = value(taken);
            written.push(format!("break {name}.length_min"));
        }
    }
    written
}

/// The visitors give way to the fitted inquiry count, so an
/// `orders.conversion_rate` (orders per visitor) is replaced with the
/// silent orders it gave the base scenario, `silent_total`.
fn fix_silent_orders(doc: &mut DocumentMut, base_text: &str) {
    let Some(orders) = doc.get_mut("orders").and_then(Item::as_table_mut) else { return };
    if orders.remove("conversion_rate").is_none() {
        return;
    }
    let base = Scenario::from_toml(base_text, "base scenario").ok();
    let silent = base.as_ref().and_then(|s| s.model.dispatch.as_ref()).map(|d| d.orders.silent_rate.expected_total());
    orders["silent_total"] = value(silent.unwrap_or(0.0).round() as i64);
}

/// Writes the fitted order parameters into `doc`: `[orders]`
/// `chat_conversion`, `silent_total`, `paid_at_once_share`,
/// `remind_paid_share`, `value_cny` and `vip_share`, `[orders.presale]`
/// `total`, and `[warehouse]` `prepacked_share`, each only if fitted and
/// only where the base scenario has that table (a chat-only scenario stays
/// chat-only). Returns the keys written.
pub fn calibrate_orders(doc: &mut DocumentMut, fit: &OrderFit) -> Vec<&'static str> {
    let mut written = Vec::new();
    if let Some(orders) = doc.get_mut("orders").and_then(Item::as_table_mut) {
        let shares = [
            ("chat_conversion", fit.chat_conversion),
            ("paid_at_once_share", fit.paid_at_once_share),
            ("remind_paid_share", fit.remind_paid_share),
            ("vip_share", fit.vip_share),
        ];
        for (key, share) in shares {
            if let Some(s) = share {
                orders[key] = value(round3(s.share));
                written.push(key);
            }
        }
        if let Some(v) = fit.silent_total {
            orders["silent_total"] = value(v.orders as i64);
            written.push("silent_total");
        }
        if let Some(v) = fit.value_cny {
            orders["value_cny"] = dist("lognormal", v.mean_cny, v.cv);
            written.push("value_cny");
        }
        if let (Some(v), Some(presale)) = (fit.presale_total, orders.get_mut("presale").and_then(Item::as_table_mut)) {
            presale["total"] = value(v.orders as i64);
            written.push("presale.total");
        }
        if let Some(s) = fit.prepacked_share {
            if let Some(warehouse) = doc.get_mut("warehouse").and_then(Item::as_table_mut) {
                warehouse["prepacked_share"] = value(round3(s.share));
                written.push("prepacked_share");
            }
        }
    }
    written
}
