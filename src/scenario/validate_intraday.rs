//! `[intraday]` checked: the re-forecast's settings and the moves allowed
//! during the sale, in internal units.

use super::locate::Seg;
use super::raw_intraday::RawIntraday;
use super::validate::{key, p, with, Ctx};
use super::ScenarioError;
use crate::model::chat::AgentGroup;
use serde::Serialize;

/// Most forward replications per evaluation [count].
pub const MAX_INTRADAY_REPLICATIONS: u64 = 100_000;

/// A pool of people who can be called in, checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Floaters {
    /// Name.
    pub name: String,
    /// Index of their chat group.
    pub group: usize,
    /// Most who can be called [people].
    pub available: u32,
    /// From the call to at work [s].
    pub lead_time_s: f64,
    /// Pay per hour [CNY/h].
    pub cost_per_h_cny: f64,
    /// Least paid hours once called [h].
    pub min_paid_h: f64,
}

/// Shift extensions, checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Extensions {
    /// Longest extension [s].
    pub max_s: f64,
    /// Share of a shift's people who accept [share].
    pub share: f64,
    /// Pay per hour extended [CNY/h].
    pub cost_per_h_cny: f64,
    /// Notice before the shift's end [s].
    pub notice_s: f64,
}

/// The `[intraday]` settings, checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Intraday {
    /// Spread of a new level after a change [ratio].
    pub change_cv: f64,
    /// Prior probability of a change per hour [1/h].
    pub change_per_h: f64,
    /// Grid of candidate change moments [s].
    pub change_step_s: f64,
    /// Forward replications per evaluation [count].
    pub replications: u64,
    /// Pools of people who can be called in.
    pub floaters: Vec<Floaters>,
    /// Shift extensions; `None`: not allowed.
    pub extensions: Option<Extensions>,
}

/// Checks `raw` against the chat `groups`.
pub(super) fn intraday(ctx: &Ctx, raw: &RawIntraday, groups: &[AgentGroup]) -> Result<Intraday, ScenarioError> {
    let ip = p(&["intraday"]);
    let reps = raw.replications;
    if !(1..=MAX_INTRADAY_REPLICATIONS).contains(&reps) {
        let msg = format!("must be from 1 to {MAX_INTRADAY_REPLICATIONS}, got {reps}");
        return Err(ctx.err(&key(&ip, "replications"), msg));
    }
    let mut floaters: Vec<Floaters> = Vec::new();
    for (i, f) in raw.floaters.iter().enumerate() {
        let fp = with(&p(&["intraday", "floaters"]), Seg::Index(i));
        let at = |k: &str| key(&fp, k);
        if f.name.trim().is_empty() || floaters.iter().any(|o| o.name == f.name) {
            return Err(ctx.err(&at("name"), format!("must be a unique, non-empty name, got {:?}", f.name)));
        }
        let Some(group) = groups.iter().position(|g| g.name == f.group) else {
            let names: Vec<&str> = groups.iter().map(|g| g.name.as_str()).collect();
            return Err(ctx.err(&at("group"), format!("{:?} is not a chat group ({})", f.group, names.join(", "))));
        };
        floaters.push(Floaters {
            name: f.name.clone(),
            group,
            available: f.available,
            lead_time_s: ctx.finite(&at("lead_time_min"), f.lead_time_min, 0.0, 10_080.0)? * 60.0,
            cost_per_h_cny: ctx.finite(&at("cost_per_h_cny"), f.cost_per_h_cny, 0.0, 1e6)?,
            min_paid_h: ctx.finite(&at("min_paid_h"), f.min_paid_h, 0.0, 24.0)?,
        });
    }
    let extensions = match &raw.extensions {
        None => None,
        Some(e) => {
            let ep = p(&["intraday", "extensions"]);
            Some(Extensions {
                max_s: ctx.finite(&key(&ep, "max_h"), e.max_h, 0.0, 24.0)? * 3600.0,
                share: ctx.share(&key(&ep, "share"), e.share)?,
                cost_per_h_cny: ctx.finite(&key(&ep, "cost_per_h_cny"), e.cost_per_h_cny, 0.0, 1e6)?,
                notice_s: ctx.finite(&key(&ep, "notice_min"), e.notice_min, 0.0, 1440.0)? * 60.0,
            })
        }
    };
    Ok(Intraday {
        change_cv: ctx.finite(&key(&ip, "change_cv"), raw.change_cv, 0.0, 10.0)?,
        change_per_h: ctx.finite(&key(&ip, "change_per_h"), raw.change_per_h, 0.0, 1.0)?,
        change_step_s: ctx.positive(&key(&ip, "change_step_min"), raw.change_step_min, 1440.0)? * 60.0,
        replications: reps,
        floaters,
        extensions,
    })
}
