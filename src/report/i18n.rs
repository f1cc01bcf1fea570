//! Labels of the HTML report in English and Chinese (`--lang en|zh`): the
//! shops' planners read Chinese. Charts are drawn in the same language
//! (with a bundled Chinese font, [`crate::report::plots::CJK_FAMILY`]).
//! Placeholders in braces (`{met}`) are filled in by the report.

use crate::figures::{self as fig, Figure};
use std::str::FromStr;

/// Language of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "en" => Ok(Lang::En),
            "zh" | "zh-cn" => Ok(Lang::Zh),
            _ => Err(format!("unknown language `{s}`: use `en` or `zh`")),
        }
    }
}

impl Lang {
    /// The labels in this language.
    pub fn labels(self) -> &'static Labels {
        match self {
            Lang::En => &EN,
            Lang::Zh => &ZH,
        }
    }

    /// The label of figure `f` in this language (from the catalogue).
    pub fn figure(self, f: Figure) -> &'static str {
        match self {
            Lang::En => f.en,
            Lang::Zh => f.zh,
        }
    }

    /// The labels of the cost and shift sections and of the `size` and
    /// `compare` pages in this language.
    pub fn pages(self) -> &'static super::i18n_pages::PageLabels {
        match self {
            Lang::En => &super::i18n_pages::EN,
            Lang::Zh => &super::i18n_pages::ZH,
        }
    }

    /// The labels of the `intraday` page in this language.
    pub fn intraday(self) -> &'static super::i18n_intraday::IntradayLabels {
        match self {
            Lang::En => &super::i18n_intraday::EN,
            Lang::Zh => &super::i18n_intraday::ZH,
        }
    }

    /// The HTML `lang` attribute.
    pub fn html_lang(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }
}

/// Every piece of text of the HTML report.
#[derive(Debug)]
pub struct Labels {
    /// Page title prefix.
    pub title: &'static str,
    /// Heading of the answer.
    pub answer: &'static str,
    /// Verdict when the targets are met with the required confidence.
    pub met: &'static str,
    /// Verdict otherwise.
    pub not_met: &'static str,
    /// `{met}` share of replications meeting all targets, `{ci}` its
    /// interval, `{required}` the required share.
    pub met_detail: &'static str,
    /// Heading of the targets table.
    pub targets: &'static str,
    /// Column: target.
    pub target: &'static str,
    /// Column: share of replications meeting it.
    pub probability: &'static str,
    /// `{sl}` share, `{s}` seconds.
    pub target_service_level: &'static str,
    /// `{cap}` share.
    pub target_abandon: &'static str,
    /// `{min}` share (only with a dispatch side).
    pub target_dispatch: &'static str,
    /// All targets together.
    pub target_all: &'static str,
    /// Heading of the key figures.
    pub key_figures: &'static str,
    /// Column: figure.
    pub figure: &'static str,
    /// Column: mean.
    pub mean: &'static str,
    /// Column: 95% interval of the mean.
    pub ci95: &'static str,
    /// Short prefix of an interval: `95% CI`.
    pub ci95_short: &'static str,
    /// Column: spread across replications.
    pub spread: &'static str,
    /// Heading of the plan.
    pub plan: &'static str,
    /// Column: agent group.
    pub group: &'static str,
    /// Column: most agents on duty at once.
    pub peak_on_duty: &'static str,
    /// Column: agent hours.
    pub agent_hours: &'static str,
    /// Row: all groups.
    pub total: &'static str,
    /// Heading of the charts.
    pub charts: &'static str,
    /// A note under the charts heading (empty when none is needed).
    pub charts_note: &'static str,
    /// Shown instead of charts with `--no-plots`.
    pub no_plots: &'static str,
    /// Chart captions, by plot name.
    pub captions: &'static [(&'static str, &'static str)],
    /// Link text to a chart's PNG file.
    pub png: &'static str,
    /// Heading of the hour-by-hour table.
    pub by_period: &'static str,
    /// Columns of the hour-by-hour table.
    pub by_period_columns: [&'static str; 7],
    /// Marks a period whose mean service level is below target.
    pub below_target: &'static str,
    /// Heading of the scenario.
    pub scenario: &'static str,
    /// Run facts: name, description, source, window, time zone, period,
    /// replications, seed.
    pub run_facts: [&'static str; 8],
    /// Summary line of the scenario file listing.
    pub scenario_file: &'static str,
    /// Heading of the files list.
    pub files: &'static str,
    /// `{version}`.
    pub generated_by: &'static str,
    /// Unit after a number of seconds.
    pub seconds: &'static str,
    /// Unit after a number of hours.
    pub hours: &'static str,
    /// Unit after a number of minutes.
    pub minutes: &'static str,
}

impl Labels {
    /// The caption of plot `name` (a page with several plans prefixes it
    /// with `<plan>-`), if any.
    pub fn caption(&self, name: &str) -> Option<&'static str> {
        let name = name.rsplit('-').next().unwrap_or(name);
        self.captions.iter().find(|(k, _)| *k == name).map(|(_, v)| *v)
    }
}

/// English.
pub static EN: Labels = Labels {
    title: "Capacity report",
    answer: "The answer",
    met: "The plan meets the targets.",
    not_met: "The plan does not meet the targets.",
    met_detail: "All targets were met in {met} of the simulated replications ({ci}); required: {required}.",
    targets: "Targets",
    target: "target",
    probability: "met in (share of replications)",
    target_service_level: "service level ≥ {sl} (first response within {s} s) in every hour",
    target_abandon: "abandonment ≤ {cap} over the window",
    target_dispatch: "paid orders handed to a courier within 24 h ≥ {min}",
    target_all: "all targets together",
    key_figures: "Key figures",
    figure: "figure",
    mean: "mean",
    ci95: "95% confidence interval",
    ci95_short: "95% CI",
    spread: "p5 – p95 of replications",
    plan: "The plan",
    group: "agent group",
    peak_on_duty: "most on duty at once",
    agent_hours: "agent hours",
    total: "all groups",
    charts: "Charts",
    charts_note: "",
    no_plots: "Charts were skipped (--no-plots).",
    captions: &[
        (
            fig::SERVICE_LEVEL.name,
            "Share of chats answered within the target time, hour by hour. The band spans the 5th to 95th \
             percentile of replications; every hour must stay above the red line.",
        ),
        (
            "response_time",
            "How long answered customers waited for a first response, all replications pooled. Bars: share per \
             time bucket; black line: share answered within that time.",
        ),
        (
            fig::INQUIRIES.name,
            "Chat inquiries arriving per hour: the scenario's forecast against what the replications drew.",
        ),
        ("agents", "Agents on duty per hour from the shift plan, stacked by group."),
        ("queue", "Customers waiting for a first response: time-average per hour, and the longest queue."),
        ("abandonment", "Share of offered chats whose customer gave up before a first response, hour by hour."),
        (
            "warehouse",
            "Paid orders waiting to be packed, and packed parcels waiting for a courier pickup: time-average per \
             hour.",
        ),
        ("packers", "Packers on duty per hour from the shift plan, stacked by group."),
        (
            "dispatch_lead_time",
            "How long paid orders took from payment to the hand-over to a courier, all replications pooled; the \
             red line marks 24 hours.",
        ),
        (
            "total_cost",
            "Total cost of each replication (labour, courier, compensation, lost margin, fixed costs): bars share \
             of replications per bucket, black line the cumulative share.",
        ),
        (
            "requirement",
            "Agents required per hour (in reference agents) found by simulation and by Erlang formulas, against \
             the capacity each plan puts on duty.",
        ),
        (
            "packer_requirement",
            "Packers required per hour (in reference packers) found by simulation, the packing work as orders are \
             paid, and the packers the recommended plan puts on duty: work may wait for a later pickup.",
        ),
        ("compare_cost", "Total cost of each scenario: mean, and the spread between replications; labour beside it."),
        ("sweep_cost", "Cost against the headcount factor applied to every shift."),
        ("sweep_p_meet", "Share of replications meeting all targets against the headcount factor."),
    ],
    png: "PNG",
    by_period: "Hour by hour",
    by_period_columns: [
        "hour",
        "inquiries (forecast)",
        "inquiries (mean)",
        "agents on duty",
        "service level mean",
        "service level p5",
        "abandonment",
    ],
    below_target: "below target",
    scenario: "The scenario",
    run_facts: ["name", "description", "source", "window start", "time zone", "period", "replications", "seed"],
    scenario_file: "Scenario as simulated (TOML)",
    files: "Files",
    generated_by: "Generated by peakplan {version}.",
    seconds: "s",
    hours: "h",
    minutes: "min",
};

/// Simplified Chinese.
pub static ZH: Labels = Labels {
    title: "客服容量规划报告",
    answer: "结论",
    met: "该排班方案达到服务目标。",
    not_met: "该排班方案未达到服务目标。",
    met_detail: "在全部仿真轮次中，有 {met} 同时达到所有目标（{ci}）；要求：{required}。",
    targets: "服务目标",
    target: "目标",
    probability: "达标概率（仿真轮次占比）",
    target_service_level: "每小时服务水平 ≥ {sl}（{s} 秒内首次响应）",
    target_abandon: "整个时段放弃率 ≤ {cap}",
    target_dispatch: "已付款订单 24 小时内交给快递的比例 ≥ {min}",
    target_all: "同时达到所有目标",
    key_figures: "关键指标",
    figure: "指标",
    mean: "均值",
    ci95: "95% 置信区间",
    ci95_short: "95% 置信区间",
    spread: "各轮仿真 p5 – p95",
    plan: "排班方案",
    group: "坐席组",
    peak_on_duty: "同时在岗最多人数",
    agent_hours: "工时",
    total: "合计",
    charts: "图表",
    charts_note: "",
    no_plots: "已跳过图表（--no-plots）。",
    captions: &[
        (
            fig::SERVICE_LEVEL.name,
            "逐小时服务水平：在目标时间内得到首次响应的会话占比。色带为各轮仿真的 5%–95% 分位，每个小时都应高于红线。",
        ),
        (
            "response_time",
            "已应答顾客等待首次响应的时间（汇总所有仿真轮次）。柱：各时间区间的占比；黑线：在该时间内得到响应的累计占比；红线：目标时间。",
        ),
        (fig::INQUIRIES.name, "每小时咨询量：场景预测（虚线）与仿真结果（均值及 5%–95% 分位色带）对比。"),
        ("agents", "按排班计划每小时在岗坐席人数，按坐席组堆叠。"),
        ("queue", "等待首次响应的排队会话数：每小时的时间平均值及最长排队。"),
        ("abandonment", "逐小时放弃率：转人工后在首次响应前离开的顾客占比。"),
        ("warehouse", "仓库：每小时等待打包的已付款订单，以及已打包、等待快递揽收的包裹（时间平均值）。"),
        ("packers", "按排班计划每小时在岗打包员人数，按组堆叠。"),
        ("dispatch_lead_time", "已付款订单从付款到交给快递所用时间（汇总所有仿真轮次）；红线为 24 小时。"),
        ("total_cost", "每轮仿真的总成本（人工、快递、赔付、流失毛利、固定成本）：柱为各区间的仿真轮次占比，黑线为累计占比。"),
        ("requirement", "仿真与 Erlang 公式得出的每小时所需坐席（以标准坐席计），以及两个方案的在岗能力。"),
        ("packer_requirement", "仿真得出的每小时所需打包员（以标准打包员计）、订单付款后即时的打包工作量，以及推荐方案的在岗打包员：部分工作可等到下一次揽收前完成。"),
        ("compare_cost", "各场景总成本：均值及各轮仿真的分布；旁边为人工成本。"),
        ("sweep_cost", "成本与各班次人数系数的关系。"),
        ("sweep_p_meet", "同时达到所有目标的仿真轮次占比与人数系数的关系。"),
    ],
    png: "PNG 图片",
    by_period: "逐小时明细",
    by_period_columns: ["小时", "咨询量（预测）", "咨询量（均值）", "在岗坐席", "服务水平均值", "服务水平 p5", "放弃率"],
    below_target: "未达标",
    scenario: "场景",
    run_facts: ["名称", "说明", "来源", "开始时间", "时区", "统计周期", "仿真轮次", "随机种子"],
    scenario_file: "本次仿真使用的场景（TOML）",
    files: "文件",
    generated_by: "由 peakplan {version} 生成。",
    seconds: "秒",
    hours: "小时",
    minutes: "分钟",
};

/// Phrases of the labels that say "hour" for a reporting period, and what
/// they say for periods of another length, English and Chinese.
const PERIOD_WORDS: [(&str, &str); 11] = [
    ("in every hour", "in every period"),
    ("every hour must", "every period must"),
    ("hour by hour", "period by period"),
    ("Hour by hour", "Period by period"),
    ("per hour", "per period"),
    ("<th>hour</th>", "<th>period</th>"),
    ("每个小时", "每个时段"),
    ("逐小时", "逐时段"),
    ("每小时", "每时段"),
    ("<th>小时</th>", "<th>时段</th>"),
    ("hours below", "periods below"),
];

/// `text` (generated from the labels) with its hour phrases said of
/// periods, for reports whose period is not an hour.
pub fn per_period_words(text: &str) -> String {
    PERIOD_WORDS.iter().fold(text.to_string(), |t, (hour, period)| t.replace(hour, period))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_name_every_caption_and_figure() {
        for key in [
            fig::SERVICE_LEVEL.name,
            "response_time",
            fig::INQUIRIES.name,
            "agents",
            "queue",
            "abandonment",
            "warehouse",
        ] {
            assert!(EN.caption(key).is_some() && ZH.caption(key).is_some(), "{key}");
        }
        assert_eq!(Lang::Zh.figure(fig::SERVICE_LEVEL), "服务水平（全时段）");
        assert_eq!("zh".parse::<Lang>(), Ok(Lang::Zh));
        assert!("fr".parse::<Lang>().is_err());
    }
}
