//! Statistics across replications: summaries with confidence intervals and
//! quantiles, and per-replication samples that merge exactly.

mod samples;
mod summary;

pub use samples::Samples;
pub use summary::{quantile_sorted, wilson95, Summary};
