//! `[intraday]` as written: how `peakplan intraday` re-forecasts during the
//! sale, and the moves it may recommend (people who can be called in,
//! shifts that can be extended).

use serde::{Deserialize, Serialize};

/// `[intraday]`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawIntraday {
    /// Coefficient of variation of the new traffic level after a change
    /// of level (gamma, mean 1 × the forecast) [ratio]; default 0.5.
    pub change_cv: f64,
    /// Prior probability of a change of level in any one hour [1/h];
    /// default 0.02.
    pub change_per_h: f64,
    /// Grid of the candidate moments of a change [min]; default 15.
    pub change_step_min: f64,
    /// Forward replications behind each evaluation of a set of moves
    /// [count]; default 300.
    pub replications: u64,
    /// People who can be called in during the sale.
    pub floaters: Vec<RawFloaters>,
    /// Shifts that can be extended; absent: none can.
    pub extensions: Option<RawExtensions>,
}

impl Default for RawIntraday {
    fn default() -> Self {
        Self {
            change_cv: 0.5,
            change_per_h: 0.02,
            change_step_min: 15.0,
            replications: 300,
            floaters: Vec::new(),
            extensions: None,
        }
    }
}

/// `[[intraday.floaters]]`: a pool of people who can be called in.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawFloaters {
    /// Name, unique among the pools.
    pub name: String,
    /// The chat group they work as (a name of `[[chat.groups]]`).
    pub group: String,
    /// Most people of the pool who can be called [people].
    pub available: u32,
    /// From the call to at work [min].
    pub lead_time_min: f64,
    /// Pay per hour at work [CNY/h].
    pub cost_per_h_cny: f64,
    /// Paid at least this many hours once called [h]; default 0.
    #[serde(default)]
    pub min_paid_h: f64,
}

/// `[intraday.extensions]`: shifts that can be extended past their end.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawExtensions {
    /// Longest extension of a shift [h].
    pub max_h: f64,
    /// Share of a shift's people who accept an extension [share]; default 1.
    #[serde(default = "one")]
    pub share: f64,
    /// Pay per hour extended [CNY/h].
    pub cost_per_h_cny: f64,
    /// People must be asked this long before their shift ends [min];
    /// default 30.
    #[serde(default = "thirty")]
    pub notice_min: f64,
}

fn one() -> f64 {
    1.0
}

fn thirty() -> f64 {
    30.0
}
