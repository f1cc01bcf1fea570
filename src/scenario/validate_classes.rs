//! Checks `[[chat.classes]]`: names, shares adding up to 1, priorities,
//! waiting credits, modes and the classes' own distributions.

use super::raw::RawChat;
use super::raw_classes::RawClass;
use super::validate::{key, p, with, Ctx, Path};
use super::ScenarioError;
use crate::model::chat::{ClassMode, ClassTarget, ContactClass, MAX_CLASSES};
use crate::model::dist::Dist;

/// Highest accepted class priority.
pub(super) const MAX_PRIORITY: u32 = 100;
/// Largest accepted waiting credit [s]: one day.
const MAX_CREDIT_S: f64 = 86_400.0;

/// The classes of `c` (empty when none are written), each with its
/// patience resolved (`patience`, the chat's, when the class sets none)
/// and its on-time threshold (`within_s`, the targets', when it sets none).
pub(super) fn classes(
    ctx: &Ctx,
    c: &RawChat,
    patience: &Option<Dist>,
    within_s: f64,
) -> Result<Vec<ContactClass>, ScenarioError> {
    let base = key(&p(&["chat"]), "classes");
    if c.classes.len() > MAX_CLASSES {
        return Err(ctx.err(&base, format!("at most {MAX_CLASSES} classes, got {}", c.classes.len())));
    }
    ctx.unique_names(&base, c.classes.iter().map(|k| k.name.as_str()))?;
    let mut out = Vec::with_capacity(c.classes.len());
    for (i, k) in c.classes.iter().enumerate() {
        let at = with(&base, super::locate::Seg::Index(i));
        if !k.name.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_') {
            return Err(ctx.err(
                &key(&at, "name"),
                format!("`{}`: use lower-case letters, digits and `_` only (it names output figures)", k.name),
            ));
        }
        if k.priority > MAX_PRIORITY {
            return Err(ctx.err(&key(&at, "priority"), format!("must be from 0 to {MAX_PRIORITY}, got {}", k.priority)));
        }
        let per_event = ctx.share(&key(&at, "per_event"), k.per_event)?;
        if k.driven_by.is_some() && k.share > 0.0 {
            return Err(ctx.err(
                &key(&at, "share"),
                "a class driven by the orders (`driven_by`) takes no share of the inquiries: leave `share` out",
            ));
        }
        if k.driven_by.is_none() && (per_event > 0.0 || k.after_h.is_some()) {
            let field = if per_event > 0.0 { "per_event" } else { "after_h" };
            return Err(ctx.err(
                &key(&at, field),
                "only a class with `driven_by` (`paid`, `dispatched` or `late_dispatch`) has driving events",
            ));
        }
        out.push(ContactClass {
            response_within_s: match k.response_within_s {
                Some(v) => ctx.positive(&key(&at, "response_within_s"), v, 86_400.0 * 366.0)?,
                None => within_s,
            },
            driven_by: k.driven_by,
            per_event,
            after_s: match &k.after_h {
                Some(raw) => Some(super::validate_dispatch::dist(ctx, &key(&at, "after_h"), raw, 3600.0)?),
                None => None,
            },
            name: k.name.clone(),
            share: ctx.share(&key(&at, "share"), k.share)?,
            priority: k.priority as u8,
            wait_credit_s: ctx.finite(&key(&at, "wait_credit_s"), k.wait_credit_s, 0.0, MAX_CREDIT_S)?,
            patience_s: match (&k.patience_s, k.mode) {
                (Some(_), ClassMode::Ticket) => {
                    return Err(ctx.err(
                        &key(&at, "patience_s"),
                        "a ticket class (`mode = \"ticket\"`) never abandons: leave `patience_s` out",
                    ))
                }
                (None, ClassMode::Ticket) => None,
                (Some(raw), ClassMode::Live) => ctx.dist(&key(&at, "patience_s"), raw, true)?,
                (None, ClassMode::Live) => patience.clone(),
            },
            mode: k.mode,
            handle_s: match &k.handle_s {
                Some(raw) => ctx.dist(&key(&at, "handle_s"), raw, false)?,
                None => None,
            },
            target: class_target(ctx, &at, k)?,
        });
    }
    if let [only] = &out[..] {
        if only.target.is_some() {
            return Err(ctx.err(
                &key(&with(&base, super::locate::Seg::Index(0)), "service_level"),
                "a class's own target needs at least two classes; with one, set the targets in [targets]",
            ));
        }
    }
    if !out.is_empty() && out.iter().all(ContactClass::is_driven) {
        return Err(ctx.err(&base, "every class is driven by the orders: give the inquiries a class with a `share`"));
    }
    let total: f64 = out.iter().map(|k| k.share).sum();
    if !out.is_empty() && (total - 1.0).abs() > 1e-6 {
        return Err(ctx.err(
            &base,
            format!("the classes' shares must add up to 1, they add up to {}", (total * 1e9).round() / 1e9),
        ));
    }
    Ok(out)
}

/// The class's own target from its `service_level` and `abandon_max`
/// (shares), `None` when it gives neither.
fn class_target(ctx: &Ctx, at: &Path, k: &RawClass) -> Result<Option<ClassTarget>, ScenarioError> {
    if k.service_level.is_none() && k.abandon_max.is_none() {
        return Ok(None);
    }
    let share = |field: &str, v: Option<f64>, absent: f64| v.map_or(Ok(absent), |v| ctx.share(&key(at, field), v));
    Ok(Some(ClassTarget {
        service_level: share("service_level", k.service_level, 0.0)?,
        abandon_max: share("abandon_max", k.abandon_max, 1.0)?,
    }))
}
