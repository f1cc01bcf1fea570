//! `peakplan actuals fit`: a calibrated scenario from an inquiries export.

use super::import_args::Imported;
use super::ImportArgs;
use crate::cli::output::{print, Format};
use crate::cli::Failure;
use crate::cli::OrFailure;
use peakplan::actuals::fit::{calibrate::calibrated_toml, fit_chats_on};
use peakplan::report::actuals_text;
use peakplan::report::folder::{sanitize, REPORTS_DIR};
use peakplan::report::write::write_all;
use std::path::{Path, PathBuf};

/// Arguments of `peakplan actuals fit`.
#[derive(Debug, clap::Args)]
pub struct FitArgs {
    #[command(flatten)]
    import: ImportArgs,
    /// Length of a step of the fitted arrival profile [min] (default: the
    /// scenario's reporting period); it must divide the window.
    #[arg(long, value_name = "MIN", value_parser = clap::value_parser!(u32).range(1..=1440))]
    step_min: Option<u32>,
    /// The calibrated scenario file to write [default:
    /// reports/<scenario>-calibrated.toml].
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Replace the --out file if it exists.
    #[arg(long)]
    force: bool,
    /// Format of standard output (text or JSON; the fit has no CSV form).
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Fit even if some periods of the window have no chat at all (an
    /// export that does not cover the whole window would otherwise give a
    /// profile of zeros there).
    #[arg(long)]
    allow_empty_periods: bool,
    /// No note of the file written.
    #[arg(long, short = 'q')]
    quiet: bool,
}

/// Runs `peakplan actuals fit`.
pub fn exec(a: &FitArgs) -> Result<(), Failure> {
    if a.format == Format::Csv {
        return Err(Failure::Input("--format csv: actuals fit writes text or JSON".into()));
    }
    let step_s = a.step_min.map_or(0.0, |m| f64::from(m) * 60.0);
    // Checked before reading what may be millions of rows.
    let window_s = crate::cli::load_scenario(a.import.scenario.as_deref())?.window.length_s;
    if step_s > 0.0 && ((window_s / step_s).round() * step_s - window_s).abs() > 1e-6 {
        return Err(Failure::Input(format!(
            "--step-min {} does not divide the window of {} h",
            a.step_min.unwrap_or_default(),
            window_s / 3600.0
        )));
    }
    let Imported { scenario, chats, orders, rows, state_rows } = a.import.import(step_s)?;
    let fit = fit_chats_on(&chats, &scenario);
    let empty = &fit.periods_without_chats;
    if !empty.is_empty() {
        let period = chrono::Duration::milliseconds((scenario.window.period_s * 1000.0).round() as i64);
        let at = |p: usize| (scenario.window.start + period * p as i32).format("%m-%d %H:%M").to_string();
        let listed: Vec<String> = empty.iter().take(6).map(|&p| at(p)).collect();
        let more = if empty.len() > 6 { ", ..." } else { "" };
        let message = format!(
            "{}: {} of the window's {} periods have no chat (from {}{more}); the export may not cover them. \
             Frame it with a scenario whose window it covers, or pass --allow-empty-periods",
            a.import.inquiries.display(),
            empty.len(),
            chats.counts.inquiries.len(),
            listed.join(", ")
        );
        if !a.allow_empty_periods {
            return Err(Failure::Input(message));
        }
        if !a.quiet {
            eprintln!("note: {message}");
        }
    }
    let out = a
        .out
        .clone()
        .unwrap_or_else(|| Path::new(REPORTS_DIR).join(format!("{}-calibrated.toml", sanitize(&scenario.name))));
    if !a.force && out.exists() {
        return Err(Failure::Input(format!("{} already exists; choose another --out or pass --force", out.display())));
    }
    let base_text = super::import_args::scenario_text(a.import.scenario.as_deref())?;
    let file_name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut provenance = format!("From {} ({} chats in the window)", file_name(&a.import.inquiries), fit.inquiries);
    if let (Some(path), Some(o)) = (&a.import.orders, &orders) {
        provenance += &format!(" and {} ({} orders)", file_name(path), o.orders);
    }
    if let Some(path) = &a.import.agent_states {
        provenance += &format!(" and {}", file_name(path));
    }
    provenance += &format!(" on the base scenario {}.", scenario.name);
    let toml = calibrated_toml(&base_text, &fit, orders.as_ref(), &provenance)
        .map_err(|e| Failure::Runtime(format!("the calibrated scenario is not valid: {e}")))?;
    let dir = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "calibrated.toml".into());
    write_all(dir, &[(name, toml)], a.force).input()?;
    let (file, counts) = &rows[0];
    let printed = match a.format {
        Format::Text => {
            let mut text = actuals_text::fit(file, counts, &fit);
            if let (Some((file, counts)), Some(st)) = (&state_rows, &fit.agent_states) {
                text.push('\n');
                text += &actuals_text::rows(file, counts);
                text += &actuals_text::agent_states(st);
            }
            if let Some(o) = &orders {
                text.push('\n');
                for (file, counts) in &rows[1..] {
                    text += &actuals_text::rows(file, counts);
                }
                text += &actuals_text::order_fit(o, scenario.model.dispatch.is_some());
            }
            text
        }
        Format::Json | Format::Csv => {
            let order_doc = orders.as_ref().map(|o| {
                let files: Vec<_> =
                    rows[1..].iter().map(|(f, c)| serde_json::json!({ "file": f, "rows": c })).collect();
                serde_json::json!({ "files": files, "fit": o })
            });
            let mut doc = serde_json::json!({ "file": file, "rows": counts, "fit": fit, "orders": order_doc });
            if let Some((file, counts)) = &state_rows {
                doc["agent_states"] = serde_json::json!({ "file": file, "rows": counts });
            }
            serde_json::to_string_pretty(&doc).runtime()? + "\n"
        }
    };
    print(&printed)?;
    if !a.quiet {
        eprintln!("wrote the calibrated scenario {}", out.display());
        eprintln!("simulate it with: peakplan simulate {}", out.display());
    }
    Ok(())
}
