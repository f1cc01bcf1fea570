//! The work (candidates, replications) and wall time of each stage of
//! sizing, for the command line to show; never part of the result files.

use super::evaluate::Evaluator;
use super::StageTime;

/// Records the work and wall time of each stage.
pub struct Stages {
    /// The stages closed so far.
    pub done: Vec<StageTime>,
    started: std::time::Instant,
    evaluations: u64,
    replications: u64,
}

impl Stages {
    /// Starts the clock of the first stage.
    pub fn new() -> Self {
        Self { done: Vec::new(), started: std::time::Instant::now(), evaluations: 0, replications: 0 }
    }

    /// Closes the stage running since the last call.
    pub fn end(&mut self, stage: String, ev: &Evaluator) {
        self.done.push(StageTime {
            stage,
            evaluations: ev.evaluations - self.evaluations,
            replications: ev.replications - self.replications,
            seconds: self.started.elapsed().as_secs_f64(),
        });
        (self.evaluations, self.replications, self.started) =
            (ev.evaluations, ev.replications, std::time::Instant::now());
    }
}
