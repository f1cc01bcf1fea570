//! The "By contact type" section of the HTML reports of `simulate` and
//! `size`: each class's offered contacts, service level, lost share, mean
//! first response, share of replications meeting its own target and the
//! agents' labour shared out by its slot time
//! ([`super::classes_text::rows`]), in English or Chinese.

use super::classes_text::rows;
use super::html::escape;
use super::i18n::Lang;
use super::text::{show, Fmt};
use crate::stats::{Named, Summary};
use std::fmt::Write;

/// The section's heading, its note and its columns in `lang`.
fn words(lang: Lang) -> (&'static str, &'static str, [&'static str; 7]) {
    match lang {
        Lang::En => (
            "By contact type (means over replications)",
            "A type's own target is met over its contacts that arrive in the window; its service level and \
             lost share here count all its contacts, those after the window too.",
            ["type", "to agents", "service level", "lost", "response, mean", "own target met", "labour CNY"],
        ),
        Lang::Zh => (
            "各种咨询（各次模拟的均值）",
            "目标达标按时段内到达的咨询计；服务水平与放弃率含时段结束后到达的咨询。",
            ["咨询", "转人工", "服务水平", "放弃率", "平均响应", "目标达标", "人工成本 [元]"],
        ),
    }
}

/// Writes the section to `o` from the figures `kpis` and the cost figures
/// `cost`; nothing without per-class figures.
pub fn section(o: &mut String, kpis: &Named<Summary>, cost: &Named<Summary>, lang: Lang) {
    let rows = rows(kpis, cost);
    if rows.is_empty() {
        return;
    }
    let (heading, note, columns) = words(lang);
    let _ = writeln!(o, "<section>\n<h2>{heading}</h2>");
    if rows.iter().any(|r| r.target_met.is_some()) {
        let _ = writeln!(o, "<p class=\"sub\">{note}</p>");
    }
    let _ = writeln!(o, "<table>\n<tr>");
    for c in columns {
        let _ = write!(o, "<th>{c}</th>");
    }
    let _ = writeln!(o, "</tr>");
    for r in rows {
        let target = r.target_met.map_or("—".to_string(), |m| show(m, Fmt::Share));
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{target}</td><td>{}</td></tr>",
            escape(&r.class),
            show(r.offered, Fmt::Count),
            show(r.service_level, Fmt::Share),
            show(r.lost, Fmt::Share),
            show(r.response_s, Fmt::Seconds),
            show(r.labour_cny, Fmt::Count)
        );
    }
    let _ = writeln!(o, "</table>\n</section>");
}
