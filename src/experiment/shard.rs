//! Shards: one machine's slice of a run, and the merge of all slices.
//!
//! Shard `K/N` of a run of `n` replications runs the replications of whole
//! batches (multiples of [`BATCH`](super::BATCH)) `⌊(K−1)·b/N⌋ ..
//! ⌊K·b/N⌋` of the `b = ⌈n/64⌉` batches, so the shards cover the run once,
//! in order. Each writes a [`ShardFile`]: the scenario as text, the seed,
//! its replication range, the per-replication figures and the pooled
//! histograms as counts. Because every replication draws from its own
//! streams and every pooled figure is an exact sum (counts) or a
//! concatenation in replication order, [`merge`] gives back exactly the
//! outcome of the unsharded run, whatever the number of shards.

use super::{Outcome, BATCH};
use crate::stats::{HistogramCounts, Samples};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::io::Write;
use std::ops::Range;
use std::str::FromStr;

/// The `format` field of a shard file.
pub const SHARD_FORMAT: &str = "peakplan-shard";
/// The layout version of a shard file.
pub const SHARD_VERSION: u32 = 1;

/// Shard `index` of `count` (1-based), as written `K/N`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    /// Which shard, from 1 to `count`.
    pub index: u64,
    /// How many shards the run is split into.
    pub count: u64,
}

/// Why a shard could not be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct ShardError(pub String);

/// Most shards a run may be split into.
pub const MAX_SHARDS: u64 = 1_000_000;

impl Shard {
    /// Shard `index` of `count`; `1 <= index <= count <= MAX_SHARDS`.
    pub fn new(index: u64, count: u64) -> Result<Self, ShardError> {
        if count == 0 || count > MAX_SHARDS || index == 0 || index > count {
            return Err(ShardError(format!(
                "shard {index}/{count}: give K/N with 1 <= K <= N <= {MAX_SHARDS}, e.g. 1/4"
            )));
        }
        Ok(Self { index, count })
    }

    /// The replications this shard runs out of `total`: whole batches, so
    /// that every shard's batches are those of the unsharded run. A shard
    /// may be empty when there are fewer batches than shards.
    pub fn range(&self, total: u64) -> Range<u64> {
        let batches = u128::from(total.div_ceil(BATCH));
        let at = |k: u64| {
            let batch = (batches * u128::from(k) / u128::from(self.count)) as u64;
            batch.saturating_mul(BATCH).min(total)
        };
        at(self.index - 1)..at(self.index)
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl FromStr for Shard {
    type Err = ShardError;

    /// Parses `K/N`, e.g. `2/8`.
    fn from_str(s: &str) -> Result<Self, ShardError> {
        let bad = || ShardError(format!("`{s}` is not a shard: give K/N, e.g. 1/4 for the first of four"));
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let k = k.trim().parse().map_err(|_| bad())?;
        let n = n.trim().parse().map_err(|_| bad())?;
        Self::new(k, n)
    }
}

/// A scenario as given to `simulate`: its text and where it came from, so
/// that `merge` checks the very same scenario and reports it alike.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScenarioText {
    /// The scenario's name.
    pub name: String,
    /// Where it was read from (the file as given, or the built-in default).
    pub source: String,
    /// The file's text.
    pub toml: String,
}

/// What one shard measured: the file `simulate --shard K/N` writes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShardFile {
    /// Always [`SHARD_FORMAT`].
    pub format: String,
    /// [`SHARD_VERSION`] of the writer.
    pub version: u32,
    /// The peakplan version that ran the shard; shards merge only with the
    /// same version.
    pub peakplan_version: String,
    /// The scenario.
    pub scenario: ScenarioText,
    /// Master seed.
    pub seed: u64,
    /// Replications of the whole run [count].
    pub replications: u64,
    /// Which shard this is.
    pub shard: Shard,
    /// The replications it ran: `start..end`, a slice of `0..replications`.
    pub range: Range<u64>,
    /// Events processed [count].
    pub events: u64,
    /// Per-replication figures, in replication order.
    pub samples: Samples,
    /// Pooled first-response times [ms], as counts.
    pub response_ms: HistogramCounts,
    /// Pooled dispatch lead times [s], as counts.
    pub dispatch_lead_s: HistogramCounts,
}

impl ShardFile {
    /// The file of `shard` of a run of `replications` of `scenario` with
    /// `seed`, holding `outcome` (run on `shard.range(replications)`).
    pub fn new(scenario: ScenarioText, seed: u64, replications: u64, shard: Shard, outcome: Outcome) -> Self {
        Self {
            format: SHARD_FORMAT.into(),
            version: SHARD_VERSION,
            peakplan_version: env!("CARGO_PKG_VERSION").into(),
            scenario,
            seed,
            replications,
            shard,
            range: shard.range(replications),
            events: outcome.events,
            samples: outcome.samples,
            response_ms: HistogramCounts::of(&outcome.response_ms),
            dispatch_lead_s: HistogramCounts::of(&outcome.dispatch_lead_s),
        }
    }

    /// The file as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a shard file is plain data")
    }

    /// Writes the file as JSON to `w`, without building it in memory first.
    pub fn write_json<W: std::io::Write>(&self, w: W) -> std::io::Result<()> {
        let mut w = std::io::BufWriter::new(w);
        serde_json::to_writer(&mut w, self)?;
        w.flush()
    }

    /// Reads a shard file's JSON; `name` (the file) is used in errors.
    pub fn from_json(text: &str, name: &str) -> Result<Self, ShardError> {
        let f: Self = serde_json::from_str(text).map_err(|e| {
            // Say first whether it is a shard file at all, and of which version.
            #[derive(Deserialize)]
            struct Header {
                format: Option<String>,
                version: Option<u32>,
            }
            match serde_json::from_str::<Header>(text) {
                Err(e) => ShardError(format!("{name}: not a peakplan shard file (invalid JSON: {e})")),
                Ok(h) if h.format.as_deref() != Some(SHARD_FORMAT) => {
                    ShardError(format!("{name}: not a peakplan shard file (no `\"format\": \"{SHARD_FORMAT}\"`)"))
                }
                Ok(h) if h.version != Some(SHARD_VERSION) => ShardError(format!(
                    "{name}: shard file version {:?}, this peakplan reads version {SHARD_VERSION}",
                    h.version
                )),
                Ok(_) => ShardError(format!("{name}: {e}")),
            }
        })?;
        if f.format != SHARD_FORMAT || f.version != SHARD_VERSION {
            return Err(ShardError(format!("{name}: not a peakplan shard file of version {SHARD_VERSION}")));
        }
        Shard::new(f.shard.index, f.shard.count).map_err(|e| ShardError(format!("{name}: {e}")))?;
        if f.peakplan_version != env!("CARGO_PKG_VERSION") {
            return Err(ShardError(format!(
                "{name}: written by peakplan {}, this is {}; run every shard and the merge with one version",
                f.peakplan_version,
                env!("CARGO_PKG_VERSION")
            )));
        }
        if f.range != f.shard.range(f.replications) || f.samples.len() as u64 != f.range.end - f.range.start {
            return Err(ShardError(format!(
                "{name}: shard {} of {} replications should hold replications {:?}, but holds {:?} ({} figures)",
                f.shard,
                f.replications,
                f.shard.range(f.replications),
                f.range,
                f.samples.len()
            )));
        }
        Ok(f)
    }
}

/// The merged outcome of all shards of a run, with the run's description.
#[derive(Debug, Clone)]
pub struct Merged {
    /// The scenario.
    pub scenario: ScenarioText,
    /// Master seed.
    pub seed: u64,
    /// Replications [count].
    pub replications: u64,
    /// What the whole run measured: exactly what the unsharded run gives.
    pub outcome: Outcome,
}

/// Merges the shard files of one run, each given with its name for errors.
/// Every shard `1/N` to `N/N` must be there exactly once, all of the same
/// scenario, seed and replications; the order given does not matter.
pub fn merge(files: Vec<(String, ShardFile)>) -> Result<Merged, ShardError> {
    let Some((first_name, first)) = files.first() else {
        return Err(ShardError("no shard files given".into()));
    };
    let (first_name, n) = (first_name.clone(), first.shard.count);
    let same = |what: &str, ok: bool, name: &str| {
        if ok {
            Ok(())
        } else {
            Err(ShardError(format!("{name} and {first_name} are shards of different runs: their {what} differ")))
        }
    };
    for (name, f) in &files[1..] {
        same("scenarios", f.scenario == first.scenario, name)?;
        same("seeds", f.seed == first.seed, name)?;
        same("replication counts", f.replications == first.replications, name)?;
        same("shard counts (N of K/N)", f.shard.count == n, name)?;
    }
    let mut by_index: Vec<Option<(String, ShardFile)>> = vec![None; n as usize];
    for (name, f) in files {
        let slot = &mut by_index[(f.shard.index - 1) as usize];
        if let Some((other, _)) = slot {
            return Err(ShardError(format!("{name} and {other} are both shard {}", f.shard)));
        }
        *slot = Some((name, f));
    }
    let missing: Vec<String> =
        by_index.iter().enumerate().filter(|(_, s)| s.is_none()).map(|(i, _)| format!("{}/{n}", i + 1)).collect();
    if !missing.is_empty() {
        return Err(ShardError(format!("shards missing: {}", missing.join(", "))));
    }
    let (scenario, seed, replications) = {
        let f = &by_index[0].as_ref().expect("checked").1;
        (f.scenario.clone(), f.seed, f.replications)
    };
    let mut outcome = Outcome::empty();
    for (name, f) in by_index.into_iter().flatten() {
        let fail = |e: String| ShardError(format!("{name}: {e}"));
        let mut part = Outcome::empty();
        f.response_ms.add_to(&mut part.response_ms).map_err(fail)?;
        f.dispatch_lead_s.add_to(&mut part.dispatch_lead_s).map_err(fail)?;
        (part.events, part.samples) = (f.events, f.samples);
        outcome.append(part).map_err(fail)?;
    }
    Ok(Merged { scenario, seed, replications, outcome })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_cover_the_run_once_in_whole_batches() {
        for total in [1, 63, 64, 65, 200, 1000, 12_345] {
            for n in [1, 2, 3, 4, 7, 64, 300] {
                let mut next = 0;
                for k in 1..=n {
                    let r = Shard::new(k, n).unwrap().range(total);
                    assert_eq!(r.start, next, "{k}/{n} of {total}");
                    assert!(r.start % BATCH == 0 && (r.end % BATCH == 0 || r.end == total));
                    next = r.end;
                }
                assert_eq!(next, total);
            }
        }
        assert_eq!(Shard::new(2, 4).unwrap().range(1000), 256..512);
    }

    #[test]
    fn shard_text_is_checked() {
        assert_eq!("3/8".parse::<Shard>(), Ok(Shard { index: 3, count: 8 }));
        for bad in ["0/4", "5/4", "1/0", "4", "a/b", "1/2/3", ""] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }
}
