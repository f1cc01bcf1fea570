//! The HTML page of `peakplan intraday` (`report.html`): the verdict first
//! (nothing to do, or the moves with their cost and the times to decide
//! by), the re-forecast with its interval, the outlook of the rest (the
//! plan against the moves), the charts and the periods. Self-contained, as
//! every page: the head, run line and figures are [`super::html`]'s.

use super::html::{escape, figure, fill, page_foot, page_head, run_line};
use super::i18n::Lang;
use super::i18n_intraday::IntradayLabels;
use super::intraday_csv::{rows, Band, Served};
use super::plots::Rendered;
use super::text::{show, Fmt};
use crate::intraday::moves::MoveKind;
use crate::intraday::outlook::Outlook;
use crate::intraday::result::IntradayResult;
use crate::targets::Targets;
use std::fmt::Write;

/// A row of headings or data: `<th>` or `<td>` around each of `cells`.
fn row(o: &mut String, tag: &str, cells: &[String]) {
    let _ = write!(o, "<tr>");
    for c in cells {
        let _ = write!(o, "<{tag}>{}</{tag}>", escape(c));
    }
    let _ = writeln!(o, "</tr>");
}

/// The column headings `cols` of a new table.
fn head(o: &mut String, cols: &[&str]) {
    let _ = writeln!(o, "<table>");
    row(o, "th", &cols.iter().map(|c| c.to_string()).collect::<Vec<_>>());
}

fn count(x: f64) -> String {
    show(x, Fmt::Count)
}

fn share(x: f64) -> String {
    show(x, Fmt::Share)
}

/// Which of `levels` the rest's traffic is: on the forecast (the
/// multiplier's 90% interval holds 1), above it or below it.
fn level(r: &IntradayResult) -> usize {
    let f = &r.reforecast;
    if f.multiplier_p5 > 1.0 {
        1
    } else if f.multiplier_p95 < 1.0 {
        2
    } else {
        0
    }
}

/// The verdict's headline and whether it is good news.
fn headline(r: &IntradayResult, w: &IntradayLabels) -> (String, bool) {
    let rec = &r.recommendation;
    let cost = count(rec.cost_cny);
    match (rec.moves.is_empty(), r.plan_outlook.meets_confidence, rec.restores_targets) {
        (true, true, _) => (w.nothing[usize::from(level(r) == 0)].to_string(), true),
        (true, false, _) if rec.options == 0 => (w.no_options.to_string(), false),
        (true, false, _) => (w.no_help.to_string(), false),
        (false, _, true) => (fill(w.act, &[("cost", &cost)]), false),
        (false, _, false) => (fill(w.best, &[("cost", &cost)]), false),
    }
}

/// The verdict: what to do, the traffic so far and the rest against the
/// forecast, and the moves.
fn verdict(o: &mut String, r: &IntradayResult, w: &IntradayLabels) {
    let f = &r.reforecast;
    let (big, good) = headline(r, w);
    let level = w.levels[level(r)];
    let change = f.so_far_actual_inquiries / f.so_far_forecast_inquiries.max(1e-9) - 1.0;
    let traffic = fill(
        w.traffic,
        &[
            ("actual", &count(f.so_far_actual_inquiries)),
            ("forecast", &count(f.so_far_forecast_inquiries)),
            ("change", &format!("{:+.1}%", 100.0 * change)),
            ("m", &format!("{:.3}", f.multiplier_mean)),
            ("lo", &format!("{:.3}", f.multiplier_p5)),
            ("hi", &format!("{:.3}", f.multiplier_p95)),
            ("level", level),
        ],
    );
    let _ = writeln!(
        o,
        "<section id=\"verdict\">\n<h2>{}</h2>\n<div class=\"verdict {}\">\n<p class=\"big\">{} {}</p>\n<p>{}</p>\n</div>",
        w.verdict,
        if good { "met" } else { "not-met" },
        if good { "✔" } else { "✘" },
        escape(&big),
        escape(&traffic)
    );
    moves(o, r, w);
    let _ = writeln!(o, "</section>");
}

/// The recommended moves with their cost and the times to decide by.
fn moves(o: &mut String, r: &IntradayResult, w: &IntradayLabels) {
    let rec = &r.recommendation;
    if rec.moves.is_empty() {
        return;
    }
    let _ = writeln!(o, "<h3>{}</h3>", w.moves);
    head(o, &w.move_columns);
    for m in &rec.moves {
        let kind = match m.kind {
            MoveKind::CallIn => w.kinds[0],
            MoveKind::Extend => w.kinds[1],
        };
        let cells = [kind.to_string(), m.people.to_string(), m.group.clone(), m.source.clone()];
        let more = [format!("{} – {}", m.start, m.end), count(m.cost_cny), m.decide_by.clone()];
        row(o, "td", &[cells.as_slice(), more.as_slice()].concat());
    }
    let people: u32 = rec.moves.iter().map(|m| m.people).sum();
    let total = [w.total.to_string(), people.to_string(), String::new(), String::new(), String::new()];
    row(o, "th", &[total.as_slice(), &[count(rec.cost_cny), String::new()]].concat());
    let _ = writeln!(o, "</table>");
}

/// The re-forecast: so far, the rest and its multiplier, with intervals;
/// the change of level and the chats at the moment.
fn reforecast(o: &mut String, r: &IntradayResult, w: &IntradayLabels) {
    let f = &r.reforecast;
    let _ = writeln!(o, "<section id=\"reforecast\">\n<h2>{}</h2>", w.reforecast);
    head(o, &w.reforecast_columns);
    let x = |v: f64| format!("×{v:.3}");
    let table = [
        [w.reforecast_rows[0].into(), count(f.so_far_forecast_inquiries), count(f.so_far_actual_inquiries), "—".into()],
        [
            w.reforecast_rows[1].into(),
            count(f.rest_forecast_inquiries),
            count(f.rest_expected_inquiries),
            format!("{} – {}", count(f.rest_p5_inquiries), count(f.rest_p95_inquiries)),
        ],
        [
            w.reforecast_rows[2].into(),
            x(1.0),
            format!("{} (sd {:.3})", x(f.multiplier_mean), f.multiplier_sd),
            format!("{} – {}", x(f.multiplier_p5), x(f.multiplier_p95)),
        ],
    ];
    for cells in &table {
        row(o, "td", cells);
    }
    let p = share(f.change_probability);
    let change = match &f.change_at {
        Some(at) => fill(w.changed, &[("at", at), ("p", &p)]),
        None => fill(w.unchanged, &[("p", &p)]),
    };
    let s = &r.state;
    let state = fill(
        w.state,
        &[
            ("waiting", &s.waiting.to_string()),
            ("wait", &format!("{:.0}", s.longest_wait_s)),
            ("in_hand", &s.in_hand.to_string()),
        ],
    );
    let _ = writeln!(o, "</table>\n<p>{}</p>\n<p>{}</p>\n</section>", escape(&change), escape(&state));
}

/// The outlook of the rest: the plan as it stands and with the moves.
fn outlook(o: &mut String, r: &IntradayResult, t: &Targets, w: &IntradayLabels) {
    let _ = writeln!(o, "<section id=\"outlook\">\n<h2>{}</h2>", w.outlook);
    let note =
        fill(w.outlook_note, &[("n", &r.plan_outlook.replications.to_string()), ("required", &share(t.confidence))]);
    let _ = writeln!(o, "<p class=\"sub\">{}</p>", escape(&note));
    head(o, &w.outlook_columns);
    let plans = [Some(&r.plan_outlook), r.recommendation.outlook_with_moves.as_ref()];
    for (name, oc) in w.plans.iter().zip(plans) {
        let Some(oc): Option<&Outlook> = oc else { continue };
        let ci = format!("{} – {}", share(oc.p_meet_ci[0]), share(oc.p_meet_ci[1]));
        let class = if oc.meets_confidence { "ok" } else { "bad" };
        let word = if oc.meets_confidence { w.meets[0] } else { w.meets[1] };
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td class=\"{class}\">{}</td><td>{}</td><td class=\"{class}\">{}</td><td>{}</td></tr>",
            escape(name),
            share(oc.p_meet),
            escape(&ci),
            escape(word),
            share(oc.abandon_share_mean)
        );
    }
    let _ = writeln!(o, "</table>\n</section>");
}

/// The charts with their captions.
fn charts(o: &mut String, plots: Option<&[Rendered]>, w: &IntradayLabels, l: &super::i18n::Labels) {
    let _ = writeln!(o, "<section id=\"charts\">\n<h2>{}</h2>", l.charts);
    match plots {
        None => {
            let _ = writeln!(o, "<p>{}</p>", l.no_plots);
        }
        Some(plots) => plots.iter().zip(w.captions).for_each(|(p, caption)| figure(o, p, caption, l)),
    }
    let _ = writeln!(o, "</section>");
}

/// The periods of the window, folded.
fn by_period(o: &mut String, r: &IntradayResult, w: &IntradayLabels) {
    let _ = writeln!(o, "<section id=\"by-period\">\n<details>\n<summary>{}</summary>", w.by_period);
    head(o, &w.period_columns);
    let band =
        |b: Option<Band>| b.map_or("—".into(), |b| format!("{} ({} – {})", count(b.mean), count(b.p5), count(b.p95)));
    let served = |s: Option<Served>| s.map_or("—".into(), |s| format!("{} ({})", share(s.mean), share(s.met_share)));
    for p in rows(r) {
        let actual = p.actual.map_or("—".into(), |a| count(a as f64));
        let cells = [p.period.clone(), actual, band(Some(p.forecast)), band(p.reforecast)];
        row(o, "td", &[cells.as_slice(), &[served(p.plan), served(p.with_moves)]].concat());
    }
    let _ = writeln!(o, "</table>\n</details>\n</section>");
}

/// The page of `r` under `targets` (the plan's) in `lang`, with the drawn
/// charts (`None`: skipped).
pub fn html(r: &IntradayResult, targets: &Targets, plots: Option<&[Rendered]>, lang: Lang) -> String {
    let (w, l) = (lang.intraday(), lang.labels());
    let mut o = String::new();
    let title = format!("{} — {}", w.title, r.scenario);
    page_head(&mut o, &title, lang);
    let at = fill(w.at, &[("at", &r.at)]);
    let _ = writeln!(o, "<header>\n<h1>{}</h1>\n<p class=\"sub\">{}</p>", escape(&title), escape(&at));
    run_line(&mut o, &r.run, l);
    verdict(&mut o, r, w);
    reforecast(&mut o, r, w);
    outlook(&mut o, r, targets, w);
    charts(&mut o, plots, w, l);
    by_period(&mut o, r, w);
    page_foot(&mut o);
    o
}
