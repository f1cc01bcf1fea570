//! Charts of `peakplan intraday`: the inquiries per period (the actual line
//! so far over the forecast's band, the re-forecast's band for the rest, a
//! mark at the moment) and the forward service level of the rest, the plan
//! against the moves, with the target.

use super::chart::{palette, Axis, Chart, Layer, SeriesChart, Ticks, XAxis};
use super::{say, Plot};
use crate::intraday::result::IntradayResult;
use crate::report::i18n::Lang;
use crate::report::intraday_csv::{rows, Band, Row, Served};

/// The file names of the charts (without extension): inquiries, service
/// level.
pub const NAMES: [&str; 2] = ["intraday_inquiries", "intraday_service_level"];

/// The horizontal axis over `starts`, local time of `r`.
fn periods_axis(r: &IntradayResult, starts: Vec<String>, lang: Lang) -> XAxis {
    let zone = &r.run.time_zone;
    XAxis::Periods {
        label: say(lang, format!("period starting, local time ({zone})"), format!("时段开始时间，当地时间（{zone}）")),
        starts,
    }
}

/// A band layer of `bands` (NaN where a period has none).
fn band(label: String, bands: &[Option<Band>], colour: super::Colour, opacity: f64) -> Layer {
    let pick = |f: fn(&Band) -> f64| bands.iter().map(|b| b.as_ref().map_or(f64::NAN, f)).collect();
    Layer::Band { label, low: pick(|b| b.p5), high: pick(|b| b.p95), colour, opacity }
}

/// Inquiries per period over the whole window.
fn inquiries(r: &IntradayResult, rows: &[Row], lang: Lang) -> Plot {
    let forecast: Vec<Option<Band>> = rows.iter().map(|w| (w.complete != Some(false)).then_some(w.forecast)).collect();
    let reforecast: Vec<Option<Band>> = rows.iter().map(|w| w.reforecast).collect();
    let mean = |bands: &[Option<Band>]| bands.iter().map(|b| b.map_or(f64::NAN, |b| b.mean)).collect();
    let actual = rows
        .iter()
        .map(|w| if w.complete == Some(true) { w.actual.map_or(f64::NAN, |a| a as f64) } else { f64::NAN })
        .collect();
    let moment = r.at_s / (60.0 * r.run.period_min);
    let layers = vec![
        band(say(lang, "forecast: 90% band", "预测：90% 区间"), &forecast, palette::BLUE, 0.2),
        Layer::Line { label: say(lang, "forecast", "预测"), y: mean(&forecast), colour: palette::BLUE, dashed: true },
        band(say(lang, "re-forecast: 90% band", "重新预测：90% 区间"), &reforecast, palette::ORANGE, 0.35),
        Layer::Line {
            label: say(lang, "re-forecast", "重新预测"),
            y: mean(&reforecast),
            colour: palette::ORANGE,
            dashed: false,
        },
        Layer::Line {
            label: say(lang, "actual so far", "截至目前的实际"),
            y: actual,
            colour: palette::BLACK,
            dashed: false,
        },
        Layer::Mark {
            label: say(lang, format!("now: {}", r.at), format!("此刻：{}", r.at)),
            x: moment,
            colour: palette::PURPLE,
        },
    ];
    let starts = rows.iter().map(|w| w.period.clone()).collect();
    Plot {
        name: NAMES[0].into(),
        chart: Chart::Series(SeriesChart {
            title: say(
                lang,
                "Inquiries per period: actual, forecast and re-forecast",
                "每时段咨询量：实际、预测与重新预测",
            ),
            x: periods_axis(r, starts, lang),
            y: Axis::from_zero(say(lang, "inquiries per period [count]", "每时段咨询量 [个]"), Ticks::Number),
            layers,
        }),
    }
}

/// The forward service level of the rest, the plan against the moves.
fn service(r: &IntradayResult, rows: &[Row], target: f64, lang: Lang) -> Plot {
    let rest: Vec<&Row> = rows.iter().filter(|w| w.complete.is_none()).collect();
    let line = |f: fn(&Row) -> Option<Served>| rest.iter().map(|w| f(w).map_or(f64::NAN, |s| s.mean)).collect();
    let mut layers = vec![Layer::Line {
        label: say(lang, "the plan as it stands: mean", "现有排班：均值"),
        y: line(|w| w.plan),
        colour: palette::BLUE,
        dashed: false,
    }];
    if r.recommendation.outlook_with_moves.is_some() {
        layers.push(Layer::Line {
            label: say(lang, "with the moves: mean", "加上建议调整：均值"),
            y: line(|w| w.with_moves),
            colour: palette::GREEN,
            dashed: false,
        });
    }
    let t = super::draw::number(target * 100.0);
    layers.push(Layer::Reference {
        label: say(lang, format!("target {t}%"), format!("目标 {t}%")),
        y: target,
        colour: palette::RED,
    });
    Plot {
        name: NAMES[1].into(),
        chart: Chart::Series(SeriesChart {
            title: say(
                lang,
                "Service level of the rest: the plan and the moves",
                "剩余时段服务水平：现有排班与建议调整",
            ),
            x: periods_axis(r, rest.iter().map(|w| w.period.clone()).collect(), lang),
            y: Axis::share(say(lang, "answered on time / offered [%]", "按时响应 / 转人工 [%]")),
            layers,
        }),
    }
}

/// The charts of `r` in `lang`; the service level's only when the rest
/// has a period to judge. `service_level_target`: the plan's target.
pub fn plots(r: &IntradayResult, service_level_target: f64, lang: Lang) -> Vec<Plot> {
    let rows = rows(r);
    let mut plots = vec![inquiries(r, &rows, lang)];
    if !r.rest_periods.is_empty() {
        plots.push(service(r, &rows, service_level_target, lang));
    }
    plots
}
