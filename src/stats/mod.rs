//! Statistics across replications: summaries with confidence intervals and
//! quantiles, and per-replication samples and histogram counts that merge
//! exactly (across threads, and across shards through files).

pub mod exact_json;
mod histogram_counts;
mod named;
mod samples;
mod summary;

pub use histogram_counts::HistogramCounts;
pub use named::Named;
pub use samples::Samples;
pub use summary::{quantile_sorted, wilson95, Summary};
