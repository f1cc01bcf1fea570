//! `peakplan merge`: combines the shard files of one run (`simulate --shard
//! K/N`, run anywhere) into the report of the whole run, exactly (byte for
//! byte) as the unsharded `simulate` would have written it.

use super::output::{DefaultFolder, OutputArgs, PageArgs};
use super::simulate::{write_report, ReportOptions};
use super::Failure;
use crate::cli::OrFailure;
use peakplan::experiment::{merge, ShardFile};
use peakplan::report::folder::run_id;
use peakplan::Scenario;
use std::path::PathBuf;

/// Arguments of `peakplan merge`.
#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// The shard files, `shard-K-of-N.json`, every K from 1 to N once, in
    /// any order.
    #[arg(required = true, value_name = "SHARD")]
    pub shards: Vec<PathBuf>,
    /// Where the report goes [default: a new folder
    /// reports/<scenario>/seed<seed>-n<replications>/, never an existing
    /// one] and what standard output shows.
    #[command(flatten)]
    pub output: OutputArgs,
    /// The charts and the language of report.html.
    #[command(flatten)]
    pub page: PageArgs,
}

/// Runs `peakplan merge`.
pub fn exec(a: &MergeArgs) -> Result<(), Failure> {
    // An --out folder is refused before the shards are read.
    let mut folder = if a.output.out.is_some() { a.output.prepare(None)? } else { None };
    let mut files = Vec::with_capacity(a.shards.len());
    for path in &a.shards {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| Failure::Input(format!("{name}: cannot read: {e}")))?;
        files.push((name.clone(), ShardFile::from_json(&text, &name).input()?));
    }
    let merged = merge(files).input()?;
    let s = &merged.scenario;
    let scenario = Scenario::from_toml(&s.toml, &s.source)
        .map_err(|e| Failure::Input(format!("the shards' scenario no longer loads with this peakplan: {e}")))?;
    if folder.is_none() {
        let id = run_id(merged.seed, merged.replications);
        folder = a.output.prepare(Some(DefaultFolder { scenario: &scenario.name, id: &id }))?;
    }
    let o = ReportOptions { output: &a.output, page: &a.page };
    write_report(&scenario, merged.seed, merged.replications, &merged.outcome, o, folder)
}
