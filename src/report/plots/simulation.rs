//! The charts of a `simulate` run, from a [`SimulationReport`] only.
//!
//! The series each chart draws come from small pure functions
//! ([`service_level_band`], [`inquiries_band`], ...) that copy fields of the
//! result, so a test can compare a chart's data with `report.json`.

use super::chart::{palette, Axis, Bucket, Chart, DistributionChart, Layer, Marker, SeriesChart, Ticks, XAxis};
use super::{say, Plot};
use crate::figures as fig;
use crate::report::i18n::Lang;
use crate::result::{GroupPlan, SimulationReport, RESPONSE_BINS};

/// One period's spread of a figure across replications.
#[derive(Debug, Clone, PartialEq)]
pub struct BandPoint {
    /// Period start label, `MM-DD HH:MM`.
    pub period: String,
    /// 5th percentile across replications.
    pub p5: f64,
    /// Mean across replications.
    pub mean: f64,
    /// 95th percentile across replications.
    pub p95: f64,
}

/// Per-period p5, mean and p95 of `figure` (a name in
/// `SimulationReport::per_period`); empty when the figure is absent.
pub fn band(r: &SimulationReport, figure: &str) -> Vec<BandPoint> {
    let Some(series) = r.series(figure) else { return Vec::new() };
    r.periods
        .iter()
        .zip(series)
        .map(|(period, s)| BandPoint { period: period.clone(), p5: s.p5, mean: s.mean, p95: s.p95 })
        .collect()
}

/// Inquiries arriving per period across replications.
pub fn inquiries_band(r: &SimulationReport) -> Vec<BandPoint> {
    band(r, fig::INQUIRIES.name)
}

/// Service level per period across replications [share].
pub fn service_level_band(r: &SimulationReport) -> Vec<BandPoint> {
    band(r, fig::SERVICE_LEVEL.name)
}

/// Abandonment share per period across replications [share].
pub fn abandonment_band(r: &SimulationReport) -> Vec<BandPoint> {
    band(r, fig::ABANDON_SHARE.name)
}

/// Time-average queue per period across replications [chats].
pub fn queue_band(r: &SimulationReport) -> Vec<BandPoint> {
    band(r, fig::QUEUE_MEAN.name)
}

/// Planned agents on duty stacked by group: per group its name, the top of
/// the groups below it and its own top, per period [people].
pub fn planned_agents_stack(r: &SimulationReport) -> Vec<(String, Vec<f64>, Vec<f64>)> {
    planned_stack(&r.planned_agents, r.periods.len())
}

/// Planned people on duty of `groups` stacked, over `n` periods.
fn planned_stack(groups: &[GroupPlan], n: usize) -> Vec<(String, Vec<f64>, Vec<f64>)> {
    let mut below = vec![0.0; n];
    groups
        .iter()
        .map(|g| {
            let top: Vec<f64> = below.iter().zip(&g.on_duty_per_period).map(|(b, x)| b + x).collect();
            let low = std::mem::replace(&mut below, top.clone());
            (g.group.clone(), low, top)
        })
        .collect()
}

/// `"per hour"` for hourly periods, else `"per 15 min"`, in `lang`.
fn per_period(r: &SimulationReport, lang: Lang) -> String {
    let m = r.run.period_min;
    if (m - 60.0).abs() < 1e-9 {
        say(lang, "per hour", "每小时")
    } else {
        let n = super::draw::number(m);
        say(lang, format!("per {n} min"), format!("每 {n} 分钟"))
    }
}

/// The horizontal axis of period charts of `r`.
pub fn x_periods(r: &SimulationReport, lang: Lang) -> XAxis {
    let tz = &r.run.time_zone;
    let label = if (r.run.period_min - 60.0).abs() < 1e-9 {
        say(lang, format!("hour starting, local time ({tz})"), format!("小时开始时间，当地时间（{tz}）"))
    } else {
        say(lang, format!("period starting, local time ({tz})"), format!("时段开始时间，当地时间（{tz}）"))
    };
    XAxis::Periods { label, starts: r.periods.clone() }
}

fn band_layers(points: &[BandPoint], what: &str, colour: super::Colour, lang: Lang) -> [Layer; 2] {
    [
        Layer::Band {
            label: say(lang, format!("{what}: p5–p95 of replications"), format!("{what}：各轮 p5–p95")),
            low: points.iter().map(|p| p.p5).collect(),
            high: points.iter().map(|p| p.p95).collect(),
            colour,
            opacity: 0.25,
        },
        Layer::Line {
            label: say(lang, format!("{what}: mean"), format!("{what}：均值")),
            y: points.iter().map(|p| p.mean).collect(),
            colour,
            dashed: false,
        },
    ]
}

/// Inquiry arrivals per period: the forecast against the simulated band.
pub fn inquiries_chart(r: &SimulationReport, lang: Lang) -> Chart {
    let mut layers = band_layers(&inquiries_band(r), &say(lang, "simulated", "仿真"), palette::BLUE, lang).to_vec();
    layers.push(Layer::Line {
        label: say(lang, "forecast", "预测"),
        y: r.forecast_inquiries_per_period.clone(),
        colour: palette::BLACK,
        dashed: true,
    });
    let per = per_period(r, lang);
    Chart::Series(SeriesChart {
        title: say(lang, format!("Inquiry arrivals {per}"), format!("{per}咨询量")),
        x: x_periods(r, lang),
        y: Axis::from_zero(say(lang, format!("inquiries {per} [count]"), format!("{per}咨询量 [个]")), Ticks::Number),
        layers,
    })
}

/// Service level per period with the target.
pub fn service_level_chart(r: &SimulationReport, lang: Lang) -> Chart {
    let t = &r.targets;
    let what = say(lang, "service level", "服务水平");
    let mut layers = band_layers(&service_level_band(r), &what, palette::BLUE, lang).to_vec();
    let (sl, s) = (super::draw::number(t.service_level * 100.0), t.response_within_s);
    layers.push(Layer::Reference {
        label: say(lang, format!("target {sl}% within {s} s"), format!("目标：{s} 秒内 {sl}%")),
        y: t.service_level,
        colour: palette::RED,
    });
    let per = per_period(r, lang);
    Chart::Series(SeriesChart {
        title: say(
            lang,
            format!("Service level {per} (answered within {s} s)"),
            format!("{per}服务水平（{s} 秒内首次响应）"),
        ),
        x: x_periods(r, lang),
        y: Axis::share(say(lang, "answered on time / offered [%]", "按时响应 / 转人工 [%]")),
        layers,
    })
}

/// Abandonment per period, with the window's cap for reference.
pub fn abandonment_chart(r: &SimulationReport, lang: Lang) -> Chart {
    let what = say(lang, "abandonment", "放弃率");
    let mut layers = band_layers(&abandonment_band(r), &what, palette::BLUE, lang).to_vec();
    let cap = super::draw::number(r.targets.abandon_max * 100.0);
    layers.push(Layer::Reference {
        label: say(lang, format!("cap over the window {cap}%"), format!("整个时段上限 {cap}%")),
        y: r.targets.abandon_max,
        colour: palette::RED,
    });
    let per = per_period(r, lang);
    Chart::Series(SeriesChart {
        title: say(lang, format!("Abandonment {per}"), format!("{per}放弃率")),
        x: x_periods(r, lang),
        y: Axis::from_zero(say(lang, "abandoned / offered [%]", "放弃 / 转人工 [%]"), Ticks::Percent),
        layers,
    })
}

/// The words of a role's staffing chart.
struct RoleWords {
    title: (&'static str, &'static str),
    on_duty: (&'static str, &'static str),
    available: (&'static str, &'static str),
    axis: (&'static str, &'static str),
}

const AGENT_WORDS: RoleWords = RoleWords {
    title: ("Agents on duty", "在岗坐席"),
    on_duty: ("on duty in the simulation (mean)", "仿真中在岗（均值）"),
    available: ("available: present, not on a break (mean)", "可用：到岗且未休息（均值）"),
    axis: ("agents on duty, time-average [people]", "在岗坐席，时间平均 [人]"),
};

const PACKER_WORDS: RoleWords = RoleWords {
    title: ("Packers on duty", "在岗打包员"),
    on_duty: ("on duty in the simulation (mean)", "仿真中在岗（均值）"),
    available: ("available: present, not on a break (mean)", "可用：到岗且未休息（均值）"),
    axis: ("packers on duty, time-average [people]", "在岗打包员，时间平均 [人]"),
};

/// Planned people of one role on duty per period, stacked by group, with
/// the simulated mean on duty and the mean available.
fn staffing_chart(
    r: &SimulationReport,
    groups: &[GroupPlan],
    figures: (fig::Figure, fig::Figure),
    w: &RoleWords,
    lang: Lang,
) -> Chart {
    let pick = |p: (&str, &str)| say(lang, p.0, p.1);
    let mut layers: Vec<Layer> = planned_stack(groups, r.periods.len())
        .into_iter()
        .enumerate()
        .map(|(i, (group, low, high))| Layer::Band {
            label: say(lang, format!("planned: {group}"), format!("计划：{group}")),
            low,
            high,
            colour: palette::CYCLE[i % palette::CYCLE.len()],
            opacity: 0.55,
        })
        .collect();
    for (f, label, colour, dashed) in
        [(figures.0, w.on_duty, palette::BLACK, true), (figures.1, w.available, palette::RED, false)]
    {
        if let Some(s) = r.series(f) {
            layers.push(Layer::Line { label: pick(label), y: s.iter().map(|s| s.mean).collect(), colour, dashed });
        }
    }
    let per = per_period(r, lang);
    Chart::Series(SeriesChart {
        title: say(lang, format!("{} {per}", w.title.0), format!("{per}{}", w.title.1)),
        x: x_periods(r, lang),
        y: Axis::from_zero(pick(w.axis), Ticks::Number),
        layers,
    })
}

/// Planned agents on duty per period, stacked by group, with the simulated
/// mean on duty and the mean available (present and not on a break).
pub fn agents_chart(r: &SimulationReport, lang: Lang) -> Chart {
    staffing_chart(r, &r.planned_agents, (fig::AGENTS_ON_DUTY, fig::AGENTS_AVAILABLE), &AGENT_WORDS, lang)
}

/// Planned packers on duty per period, stacked by group, as
/// [`agents_chart`]; `None` without a dispatch side.
pub fn packers_chart(r: &SimulationReport, lang: Lang) -> Option<Chart> {
    if r.planned_packers.is_empty() {
        return None;
    }
    Some(staffing_chart(r, &r.planned_packers, (fig::PACKERS_ON_DUTY, fig::PACKERS_AVAILABLE), &PACKER_WORDS, lang))
}

/// Queue waiting for a first response per period.
pub fn queue_chart(r: &SimulationReport, lang: Lang) -> Chart {
    let what = say(lang, "average queue", "平均排队");
    let mut layers = band_layers(&queue_band(r), &what, palette::BLUE, lang).to_vec();
    if let Some(s) = r.series(fig::QUEUE_MAX) {
        layers.push(Layer::Line {
            label: say(lang, "longest queue (mean)", "最长排队（均值）"),
            y: s.iter().map(|s| s.mean).collect(),
            colour: palette::ORANGE,
            dashed: true,
        });
    }
    let per = per_period(r, lang);
    Chart::Series(SeriesChart {
        title: say(lang, format!("Chats waiting for a first response {per}"), format!("{per}等待首次响应的会话")),
        x: x_periods(r, lang),
        y: Axis::from_zero(say(lang, "queue [chats]", "排队 [个会话]"), Ticks::Number),
        layers,
    })
}

/// Orders waiting to be packed and parcels waiting for a courier per
/// period; `None` for a chat-only result.
pub fn warehouse_chart(r: &SimulationReport, lang: Lang) -> Option<Chart> {
    let backlog = band(r, fig::PACK_BACKLOG_MEAN.name);
    if backlog.is_empty() {
        return None;
    }
    let mut layers = band_layers(&backlog, &say(lang, "packing backlog", "待打包"), palette::BLUE, lang).to_vec();
    let staging = band(r, fig::STAGING_MEAN.name);
    if !staging.is_empty() {
        layers.extend(band_layers(&staging, &say(lang, "parcels awaiting pickup", "待揽收包裹"), palette::GREEN, lang));
    }
    let per = per_period(r, lang);
    Some(Chart::Series(SeriesChart {
        title: say(
            lang,
            format!("Warehouse: orders to pack and parcels to hand over {per}"),
            format!("仓库：{per}待打包订单与待交接包裹"),
        ),
        x: x_periods(r, lang),
        y: Axis::from_zero(say(lang, "time-average [orders]", "时间平均 [单]"), Ticks::Number),
        layers,
    }))
}

/// The words of a histogram with its cumulative share.
fn histogram_words(lang: Lang, what: (&str, &str)) -> (String, String, String, String) {
    (
        say(lang, "share per bucket [%]", "各区间占比 [%]"),
        say(lang, "cumulative share [%]", "累计占比 [%]"),
        say(lang, format!("share of {} (left)", what.0), format!("{}占比（左轴）", what.1)),
        say(lang, "cumulative (right)", "累计（右轴）"),
    )
}

/// The pooled first-response-time histogram and its cumulative share, with
/// the response target marked.
pub fn response_time_chart(r: &SimulationReport, lang: Lang) -> Chart {
    let bins = &r.response_histogram;
    let (regular, tail) = bins.split_at(bins.len().min(RESPONSE_BINS));
    let answered: u64 = bins.iter().map(|b| b.count).sum();
    let tail = tail.first().map(|t| {
        let share = super::draw::number((t.count as f64 / answered.max(1) as f64 * 1000.0).round() / 10.0);
        let (from, max) = (super::draw::number(t.lower_s), super::draw::number(t.upper_s.round()));
        (
            say(
                lang,
                format!("beyond {from} s: {share}% (longest {max} s)"),
                format!("超过 {from} 秒：{share}%（最长 {max} 秒）"),
            ),
            t.count as f64,
        )
    });
    let within = super::draw::number(r.targets.response_within_s);
    let (y_label, cdf_label, bar_legend, cdf_legend) = histogram_words(lang, ("answered chats", "已应答会话"));
    Chart::Distribution(DistributionChart {
        title: say(
            lang,
            "First-response time of answered chats (all replications)",
            "已应答会话的首次响应时间（全部仿真轮次）",
        ),
        x_label: say(lang, "time to first response [s]", "首次响应时间 [秒]"),
        y_label,
        cdf_label,
        bar_legend,
        cdf_legend,
        buckets: regular.iter().map(|b| Bucket { lower: b.lower_s, upper: b.upper_s, count: b.count as f64 }).collect(),
        tail,
        markers: vec![Marker {
            label: say(lang, format!("target {within} s"), format!("目标 {within} 秒")),
            x: r.targets.response_within_s,
            colour: palette::RED,
        }],
        empty_note: say(lang, "no chat was answered", "没有会话得到应答"),
    })
}

/// The pooled dispatch lead-time histogram (payment to hand-over) and its
/// cumulative share, with 24 hours marked; `None` without a dispatch side
/// or without dispatched orders.
pub fn lead_time_chart(r: &SimulationReport, lang: Lang) -> Option<Chart> {
    let bins = &r.dispatch_lead_histogram;
    if bins.is_empty() {
        return None;
    }
    let (regular, tail) = bins.split_at(bins.len().min(crate::result::LEAD_BINS));
    let total: u64 = bins.iter().map(|b| b.count).sum();
    let tail = tail.first().map(|t| {
        let share = super::draw::number((t.count as f64 / total.max(1) as f64 * 1000.0).round() / 10.0);
        let (from, max) = (super::draw::number(t.lower_h), super::draw::number((t.upper_h * 10.0).round() / 10.0));
        (
            say(
                lang,
                format!("beyond {from} h: {share}% (longest {max} h)"),
                format!("超过 {from} 小时：{share}%（最长 {max} 小时）"),
            ),
            t.count as f64,
        )
    });
    let (y_label, cdf_label, bar_legend, cdf_legend) = histogram_words(lang, ("dispatched orders", "已发货订单"));
    Some(Chart::Distribution(DistributionChart {
        title: say(
            lang,
            "Dispatch lead time: payment to courier (all replications)",
            "发货时长：付款到交给快递（全部仿真轮次）",
        ),
        x_label: say(lang, "lead time [h]", "发货时长 [小时]"),
        y_label,
        cdf_label,
        bar_legend,
        cdf_legend,
        buckets: regular.iter().map(|b| Bucket { lower: b.lower_h, upper: b.upper_h, count: b.count as f64 }).collect(),
        tail,
        markers: vec![Marker { label: say(lang, "24 h", "24 小时"), x: 24.0, colour: palette::RED }],
        empty_note: say(lang, "no order was dispatched", "没有订单发货"),
    }))
}

/// The total cost of the replications as a histogram, with the mean
/// marked; `None` before the cost is attached.
pub fn total_cost_chart(r: &SimulationReport, lang: Lang) -> Option<Chart> {
    let bins = &r.cost_detail.as_ref()?.total_cost_histogram;
    let mean = r.cost.get(fig::TOTAL_CNY)?.mean;
    // All replications alike: one bucket a yuan wide, so that it shows.
    let buckets = match bins.as_slice() {
        [b] if b.upper_cny <= b.lower_cny => {
            vec![Bucket { lower: b.lower_cny - 0.5, upper: b.lower_cny + 0.5, count: b.count as f64 }]
        }
        _ => bins.iter().map(|b| Bucket { lower: b.lower_cny, upper: b.upper_cny, count: b.count as f64 }).collect(),
    };
    let (y_label, cdf_label, bar_legend, cdf_legend) = histogram_words(lang, ("replications", "仿真轮次"));
    let m = super::draw::number(mean.round());
    Some(Chart::Distribution(DistributionChart {
        title: say(lang, "Total cost across replications", "各轮仿真的总成本分布"),
        x_label: say(lang, "total cost [CNY]", "总成本 [元]"),
        y_label,
        cdf_label,
        bar_legend,
        cdf_legend,
        buckets,
        tail: None,
        markers: vec![Marker {
            label: say(lang, format!("mean {m} CNY"), format!("均值 {m} 元")),
            x: mean,
            colour: palette::RED,
        }],
        empty_note: say(lang, "no replication", "没有仿真轮次"),
    }))
}

/// Every chart of a `simulate` run, in reading order, with its file name;
/// the packer, warehouse and lead-time charts only when the result has a
/// dispatch side, the cost chart only with the cost attached.
pub fn plots(r: &SimulationReport, lang: Lang) -> Vec<Plot> {
    let p = |name: &str, chart: Chart| Plot { name: name.into(), chart };
    let optional = [
        ("packers", packers_chart(r, lang)),
        ("warehouse", warehouse_chart(r, lang)),
        ("dispatch_lead_time", lead_time_chart(r, lang)),
        ("total_cost", total_cost_chart(r, lang)),
    ];
    vec![
        p(fig::SERVICE_LEVEL.name, service_level_chart(r, lang)),
        p("response_time", response_time_chart(r, lang)),
        p(fig::INQUIRIES.name, inquiries_chart(r, lang)),
        p("agents", agents_chart(r, lang)),
        p("queue", queue_chart(r, lang)),
        p("abandonment", abandonment_chart(r, lang)),
    ]
    .into_iter()
    .chain(optional.into_iter().filter_map(|(name, c)| c.map(|c| p(name, c))))
    .collect()
}
