//! Replications of several candidate models at once, in parallel, with an
//! optional early stop for a model that has already failed its targets in
//! too many replications.
//!
//! Every replication `r` of a job runs exactly as in
//! [`crate::experiment::run`] (streams from `(seed, r)`, the same figures),
//! and a complete job's figures are gathered in replication order, so the
//! result does not depend on the number of threads. The replications of all
//! jobs form one queue of small chunks that the worker threads take in
//! order: independent candidates (the sensitivity rows, the formula plan)
//! share one pass with no barrier between them.
//!
//! **Early stop.** A job with a failure limit `k` only has to tell whether at
//! least `k` of its replications miss the targets. Failures are counted as
//! replications finish; once `k` are counted, the job's remaining
//! replications are skipped. The answer is exact: the limit is reached if
//! and only if at least `k` of all the job's replications fail, whichever
//! replications happened to run first. So a job may list its replications
//! in any order, the likeliest failures first, to stop sooner; only the
//! work done varies with the order and the threads, never the answer.

use crate::experiment::RunError;
use crate::figures::{self as fig, Figure};
use crate::kpi::{figures, RepFigures};
use crate::model::{ModelParams, Replication};
use crate::stats::Samples;
use crate::targets::Targets;
use rayon::prelude::*;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

/// Replications per unit of work: small enough that an early stop wastes
/// little and the threads finish together, large enough that taking a chunk
/// costs nothing next to simulating it.
const CHUNK: usize = 4;

/// The 0/1 figure a replication must reach to count as meeting all targets.
pub const MEETS_ALL: Figure = fig::MEETS_ALL_TARGETS;

/// One model to simulate on a set of replications.
pub struct Job<'a> {
    /// The model (a candidate plan applied to the scenario).
    pub model: &'a ModelParams,
    /// Replication indices, distinct, in the order to simulate them.
    pub reps: Vec<u64>,
    /// Stop once this many replications have missed the targets
    /// (`None`: run every replication).
    pub fail_limit: Option<u64>,
}

/// What a job measured.
pub struct JobResult {
    /// Figures of every replication in increasing replication order;
    /// `None` when the failure limit was reached and the rest skipped.
    pub samples: Option<Samples>,
    /// `(replication, met all targets)` of every replication simulated, in
    /// no particular order.
    pub met: Vec<(u64, bool)>,
}

/// Whether the figures of one replication meet all targets (a model with no
/// such figure has nothing to meet).
pub fn meets_all(f: &RepFigures) -> bool {
    f.scalars.iter().find(|(n, _)| n == MEETS_ALL.name).is_none_or(|(_, v)| *v > 0.5)
}

/// Per job, `(replication, figures)` as simulated.
type Done = Vec<Vec<(u64, RepFigures)>>;

/// Runs `jobs` under `seed` on `threads` worker threads (`None`: all cores);
/// returns one result per job, in order, and the replications simulated.
pub fn run_jobs(
    jobs: &[Job],
    targets: &Targets,
    seed: u64,
    threads: Option<usize>,
) -> Result<Vec<JobResult>, RunError> {
    let n = threads.unwrap_or(0);
    let pool =
        rayon::ThreadPoolBuilder::new().num_threads(n).build().map_err(|e| RunError::Threads(n, e.to_string()))?;
    let chunks: Vec<(usize, &[u64])> =
        jobs.iter().enumerate().flat_map(|(j, job)| job.reps.chunks(CHUNK).map(move |c| (j, c))).collect();
    let failures: Vec<AtomicU64> = jobs.iter().map(|_| AtomicU64::new(0)).collect();
    let next = AtomicUsize::new(0);
    let done: Mutex<Done> = Mutex::new(jobs.iter().map(|_| Vec::new()).collect());
    // One loop per thread, each taking the next chunk of the queue: the
    // chunks start in queue order whatever the number of threads.
    pool.install(|| {
        (0..rayon::current_num_threads()).into_par_iter().for_each(|_| {
            let mut worker: Option<(usize, Replication)> = None;
            let mut mine: Vec<(usize, u64, RepFigures)> = Vec::new();
            while let Some(&(j, reps)) = chunks.get(next.fetch_add(1, Ordering::Relaxed)) {
                let job = &jobs[j];
                if worker.as_ref().is_none_or(|(wj, _)| *wj != j) {
                    worker = Some((j, Replication::new(job.model)));
                }
                let (_, w) = worker.as_mut().expect("set above");
                for &rep in reps {
                    if job.fail_limit.is_some_and(|k| failures[j].load(Ordering::Relaxed) >= k) {
                        break;
                    }
                    w.run(seed, rep);
                    let f = figures(w, targets);
                    if !meets_all(&f) {
                        failures[j].fetch_add(1, Ordering::Relaxed);
                    }
                    mine.push((j, rep, f));
                }
            }
            let mut done = done.lock().expect("no worker panicked");
            for (j, rep, f) in mine {
                done[j].push((rep, f));
            }
        });
    });
    let done = done.into_inner().expect("no worker panicked");
    Ok(jobs
        .iter()
        .zip(done)
        .zip(&failures)
        .map(|((job, mut figs), fails)| {
            let met = figs.iter().map(|(rep, f)| (*rep, meets_all(f))).collect();
            let stopped = job.fail_limit.is_some_and(|k| fails.load(Ordering::Relaxed) >= k);
            let samples = (!stopped).then(|| {
                figs.sort_unstable_by_key(|(rep, _)| *rep);
                let mut s = Samples::default();
                for (_, f) in &figs {
                    f.push_to(&mut s);
                }
                s
            });
            JobResult { samples, met }
        })
        .collect())
}
