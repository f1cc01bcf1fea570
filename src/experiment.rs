//! Monte Carlo replications in parallel.
//!
//! Replication `r` draws every random number from streams derived from
//! `(seed, r)`, and results are gathered in replication order, so the output
//! is identical for any number of threads. Replications run in fixed-size
//! batches; each batch's figures are appended in order and its response-time
//! and dispatch lead-time histograms (integer counts) are merged exactly.
//!
//! A run can also be split into [shards](Shard) — whole batches, in order —
//! run on different machines and [merged](merge) into exactly the outcome of
//! the whole run.

mod shard;

pub use shard::{merge, Merged, ScenarioText, Shard, ShardError, ShardFile};

use crate::kpi::{figures, RepFigures};
use crate::model::courier::empty_lead_histogram;
use crate::model::{ModelParams, Replication};
use crate::stats::Samples;
use crate::targets::Targets;
use hdrhistogram::Histogram;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::ops::Range;

/// Replications per batch: the unit of ordering, of progress reports and of
/// shards.
pub const BATCH: u64 = 64;

/// Most worker threads a command accepts (`--threads`).
pub const MAX_THREADS: u32 = 1024;

/// How to run the replications.
#[derive(Debug, Clone)]
pub struct RunConfig {
    /// Master seed.
    pub seed: u64,
    /// The replication indices to run (all of them, or one shard's slice).
    pub replications: Range<u64>,
    /// Worker threads; `None` uses every core.
    pub threads: Option<usize>,
    /// Show a progress bar on standard error.
    pub progress: bool,
}

/// What the replications measured, before summarising.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Per-replication figures in replication order.
    pub samples: Samples,
    /// First-response times of every answered chat of every replication [ms].
    pub response_ms: Histogram<u64>,
    /// Dispatch lead times (payment to hand-over) of every dispatched order
    /// of every replication [s]; empty for a chat-only model.
    pub dispatch_lead_s: Histogram<u64>,
    /// Events processed over all replications [count].
    pub events: u64,
}

/// An empty response-time histogram with the bounds every run uses.
pub fn empty_histogram() -> Histogram<u64> {
    Histogram::new_with_bounds(1, 1_000_000_000, 3).expect("valid histogram bounds")
}

/// Why a run could not start.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The thread pool could not be built.
    #[error("cannot start {0} worker threads: {1}")]
    Threads(usize, String),
}

/// A batch's pooled histograms (response [ms], dispatch lead [s]) and rows.
type Batch = (Histogram<u64>, Histogram<u64>, Vec<(u64, RepFigures, u64)>);

fn run_batch(params: &ModelParams, targets: &Targets, seed: u64, reps: Range<u64>) -> Batch {
    let (hist, lead, mut rows) = reps
        .into_par_iter()
        .fold(
            || (Replication::new(params), empty_histogram(), empty_lead_histogram(), Vec::new()),
            |(mut worker, mut hist, mut lead, mut rows), rep| {
                worker.run(seed, rep);
                hist.add(&worker.chat.observer.response_ms).expect("same histogram bounds");
                if let Some(d) = &worker.dispatch {
                    lead.add(&d.courier.observer.lead_s).expect("same histogram bounds");
                }
                rows.push((rep, figures(&worker, targets), worker.events_processed));
                (worker, hist, lead, rows)
            },
        )
        .map(|(_, hist, lead, rows)| (hist, lead, rows))
        .reduce(
            || (empty_histogram(), empty_lead_histogram(), Vec::new()),
            |(mut h1, mut l1, mut r1), (h2, l2, r2)| {
                h1.add(&h2).expect("same histogram bounds");
                l1.add(&l2).expect("same histogram bounds");
                r1.extend(r2);
                (h1, l1, r1)
            },
        );
    rows.sort_by_key(|r| r.0);
    (hist, lead, rows)
}

impl Outcome {
    /// Nothing measured yet.
    pub fn empty() -> Self {
        Outcome {
            samples: Samples::default(),
            response_ms: empty_histogram(),
            dispatch_lead_s: empty_lead_histogram(),
            events: 0,
        }
    }

    /// Adds the replications of `later` (which follow these in replication
    /// order). Fails if their figures are not the same.
    pub fn append(&mut self, later: Outcome) -> Result<(), String> {
        let s = &self.samples;
        if !s.is_empty()
            && !later.samples.is_empty()
            && (s.scalar_names != later.samples.scalar_names || s.series_names != later.samples.series_names)
        {
            return Err("its figures are not those of the other replications".into());
        }
        self.response_ms.add(&later.response_ms).map_err(|e| e.to_string())?;
        self.dispatch_lead_s.add(&later.dispatch_lead_s).map_err(|e| e.to_string())?;
        self.events += later.events;
        self.samples.append(later.samples);
        Ok(())
    }
}

/// Runs the replications of `cfg` on `params` and gathers what they measured.
pub fn run(params: &ModelParams, targets: &Targets, cfg: &RunConfig) -> Result<Outcome, RunError> {
    let threads = cfg.threads.unwrap_or(0);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| RunError::Threads(threads, e.to_string()))?;
    let total = cfg.replications.end - cfg.replications.start;
    let bar = if cfg.progress { ProgressBar::new(total) } else { ProgressBar::hidden() };
    bar.set_style(
        ProgressStyle::with_template("{spinner} replications {pos}/{len} [{elapsed_precise}, eta {eta}] {wide_bar}")
            .expect("valid template"),
    );
    let mut out = Outcome::empty();
    let mut start = cfg.replications.start;
    while start < cfg.replications.end {
        // Batches are aligned on multiples of BATCH so that shards split alike.
        let end = ((start / BATCH + 1) * BATCH).min(cfg.replications.end);
        let (hist, lead, rows) = pool.install(|| run_batch(params, targets, cfg.seed, start..end));
        out.response_ms.add(&hist).expect("same histogram bounds");
        out.dispatch_lead_s.add(&lead).expect("same histogram bounds");
        for (_, fig, events) in rows {
            fig.push_to(&mut out.samples);
            out.events += events;
            if out.samples.len() == 1 {
                // The figures are named now: room for the whole run at once
                // (up to a million replications; beyond, columns grow).
                out.samples.reserve((total - 1).min(1_000_000) as usize);
            }
        }
        bar.inc(end - start);
        start = end;
    }
    bar.finish_and_clear();
    Ok(out)
}
