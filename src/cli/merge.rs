//! `peakplan merge`: combines the shard files of one run (`simulate --shard
//! K/N`, run anywhere) into the report of the whole run, exactly (byte for
//! byte) as the unsharded `simulate` would have written it.

use super::simulate::{write_report, Format, ReportOptions};
use super::Failure;
use crate::cli::OrFailure;
use peakplan::experiment::{merge, ShardFile};
use peakplan::report::i18n::Lang;
use peakplan::Scenario;
use std::path::PathBuf;

/// Arguments of `peakplan merge`.
#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// The shard files, `shard-K-of-N.json`, every K from 1 to N once, in
    /// any order.
    #[arg(required = true, value_name = "SHARD")]
    pub shards: Vec<PathBuf>,
    /// Folder for the report files [default: a new folder
    /// reports/<scenario>/seed<seed>-n<replications>/, never an existing one].
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Write into an --out folder that is not empty, replacing the files
    /// this command writes (others are kept).
    #[arg(long)]
    pub force: bool,
    /// Skip the charts (SVG and PNG).
    #[arg(long)]
    pub no_plots: bool,
    /// Language of report.html: `en` or `zh` (中文).
    #[arg(long, default_value = "en", value_parser = clap::builder::ValueParser::new(|s: &str| s.parse::<Lang>()))]
    pub lang: Lang,
    /// Format of standard output.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// No note of the folder written.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// Runs `peakplan merge`.
pub fn exec(a: &MergeArgs) -> Result<(), Failure> {
    let opts = ReportOptions {
        out: a.out.as_deref(),
        force: a.force,
        no_plots: a.no_plots,
        lang: a.lang,
        format: a.format,
        quiet: a.quiet,
    };
    opts.check_out()?;
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
    write_report(&scenario, merged.seed, merged.replications, &merged.outcome, &opts)
}
