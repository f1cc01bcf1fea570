//! Labels of the `intraday` page (`report.html` of `peakplan intraday
//! --out`), in English and Chinese. Placeholders in braces are filled in by
//! the page.

/// The words of the `intraday` page.
#[derive(Debug)]
pub struct IntradayLabels {
    /// Page title prefix.
    pub title: &'static str,
    /// `{at}`: the moment, under the title.
    pub at: &'static str,
    /// Heading of the verdict.
    pub verdict: &'static str,
    /// No move: the plan meets the rest's targets (the traffic off the
    /// forecast), and the same with the traffic on the forecast.
    pub nothing: [&'static str; 2],
    /// `{cost}`: the moves restore the targets.
    pub act: &'static str,
    /// `{cost}`: the moves found do not restore the targets.
    pub best: &'static str,
    /// The targets are missed and no move is allowed now.
    pub no_options: &'static str,
    /// The targets are missed and no allowed move helps.
    pub no_help: &'static str,
    /// `{actual}`, `{forecast}`, `{change}`; `{m}`, `{lo}`, `{hi}` of the
    /// rest's multiplier; `{level}`: one of [`Self::levels`].
    pub traffic: &'static str,
    /// The rest against the forecast: on it (its 90% interval holds 1),
    /// above it, below it.
    pub levels: [&'static str; 3],
    /// Heading of the moves.
    pub moves: &'static str,
    /// Columns of the moves.
    pub move_columns: [&'static str; 7],
    /// The kinds of move: call in, extend.
    pub kinds: [&'static str; 2],
    /// Row: all the moves.
    pub total: &'static str,
    /// Heading of the re-forecast.
    pub reforecast: &'static str,
    /// Columns of the re-forecast.
    pub reforecast_columns: [&'static str; 4],
    /// Rows: inquiries so far, inquiries in the rest, the rest's volume
    /// multiplier.
    pub reforecast_rows: [&'static str; 3],
    /// `{at}`, `{p}`: the level changed.
    pub changed: &'static str,
    /// `{p}`: no change of level.
    pub unchanged: &'static str,
    /// `{waiting}`, `{wait}`, `{in_hand}`: the chats at the moment.
    pub state: &'static str,
    /// Heading of the outlook.
    pub outlook: &'static str,
    /// `{n}` forward replications, `{required}` confidence.
    pub outlook_note: &'static str,
    /// Columns of the outlook.
    pub outlook_columns: [&'static str; 5],
    /// Rows: the plan as it stands, with the moves.
    pub plans: [&'static str; 2],
    /// Verdicts: meets, misses.
    pub meets: [&'static str; 2],
    /// Heading of the period table.
    pub by_period: &'static str,
    /// Columns of the period table.
    pub period_columns: [&'static str; 6],
    /// Chart captions: inquiries, service level.
    pub captions: [&'static str; 2],
}

/// English.
pub static EN: IntradayLabels = IntradayLabels {
    title: "During the sale",
    at: "At {at}",
    verdict: "What to do now",
    nothing: [
        "Nothing to do: the plan as it stands meets the targets of the rest of the window.",
        "On forecast, nothing to do: the plan as it stands meets the targets of the rest of the window.",
    ],
    act: "Act now: the plan as it stands misses the targets of the rest of the window; the moves below restore \
          them for {cost} CNY.",
    best: "The plan as it stands misses the targets of the rest of the window and the allowed moves do not \
           restore them: the best found, for {cost} CNY.",
    no_options: "The plan as it stands misses the targets of the rest of the window, and the plan's [intraday] \
                 table allows no move now.",
    no_help: "The plan as it stands misses the targets of the rest of the window, and no allowed move helps.",
    traffic: "Traffic so far: {actual} inquiries against {forecast} forecast ({change}). The rest of the window: \
              volume ×{m} (90% {lo} – {hi}), {level}.",
    levels: ["on forecast", "above forecast", "below forecast"],
    moves: "Recommended moves",
    move_columns: ["move", "people", "group", "from", "at work", "cost [CNY]", "decide by"],
    kinds: ["call in", "extend the shift"],
    total: "all moves",
    reforecast: "Re-forecast",
    reforecast_columns: ["", "forecast", "actual or re-forecast", "90% interval"],
    reforecast_rows: ["inquiries so far", "inquiries in the rest", "volume multiplier of the rest"],
    changed: "The level changed at about {at} (probability {p}).",
    unchanged: "No change of level (probability of one {p}).",
    state: "At the moment: {waiting} chats waiting (the longest for {wait} s), {in_hand} in hand.",
    outlook: "Outlook of the rest of the window",
    outlook_note: "{n} forward replications from the state at the moment with the re-forecast traffic; the targets \
                   are met when they are met in at least {required} of them.",
    outlook_columns: ["plan", "targets met in", "95% CI", "verdict", "abandonment (mean)"],
    plans: ["the plan as it stands", "with the moves"],
    meets: ["meets", "misses"],
    by_period: "Period by period",
    period_columns: [
        "period",
        "actual",
        "forecast (90%)",
        "re-forecast (90%)",
        "service level, plan (met in)",
        "service level, with the moves (met in)",
    ],
    captions: [
        "Inquiries per period: the actual line so far over the forecast's 90% band, and the re-forecast's band \
         for the rest; the dashed vertical line marks the moment.",
        "Mean service level of the rest per period in the forward replications: the plan as it stands and with \
         the moves, against the target.",
    ],
};

/// Simplified Chinese.
pub static ZH: IntradayLabels = IntradayLabels {
    title: "大促进行中",
    at: "时点：{at}",
    verdict: "现在该做什么",
    nothing: ["无需调整：按现有排班，剩余时段可以达到服务目标。", "与预测一致，无需调整：按现有排班，剩余时段可以达到服务目标。"],
    act: "需要调整：按现有排班，剩余时段达不到服务目标；以下调整可恢复达标，费用 {cost} 元。",
    best: "按现有排班，剩余时段达不到服务目标，允许的调整也无法恢复达标：以下为找到的最佳调整，费用 {cost} 元。",
    no_options: "按现有排班，剩余时段达不到服务目标，而计划的 [intraday] 表此刻不允许任何调整。",
    no_help: "按现有排班，剩余时段达不到服务目标，且没有允许的调整能够改善。",
    traffic: "截至目前：咨询量 {actual}，预测 {forecast}（{change}）。剩余时段：流量系数 ×{m}（90% 区间 {lo} – {hi}），{level}。",
    levels: ["与预测一致", "高于预测", "低于预测"],
    moves: "建议的调整",
    move_columns: ["调整", "人数", "坐席组", "来源", "在岗时间", "费用 [元]", "最晚决定时间"],
    kinds: ["临时调人", "延长班次"],
    total: "全部调整",
    reforecast: "重新预测",
    reforecast_columns: ["", "预测", "实际或重新预测", "90% 区间"],
    reforecast_rows: ["截至目前的咨询量", "剩余时段的咨询量", "剩余时段的流量系数"],
    changed: "流量水平约在 {at} 发生变化（概率 {p}）。",
    unchanged: "流量水平没有变化（变化的概率 {p}）。",
    state: "此刻：{waiting} 个会话在等待（最长已等 {wait} 秒），{in_hand} 个正在处理。",
    outlook: "剩余时段展望",
    outlook_note: "从此刻的状态出发、按重新预测的流量向前仿真 {n} 轮；至少 {required} 的轮次达到目标即为达标。",
    outlook_columns: ["方案", "达标比例", "95% 置信区间", "结论", "放弃率（均值）"],
    plans: ["现有排班", "加上建议调整"],
    meets: ["达标", "未达标"],
    by_period: "逐时段明细",
    period_columns: ["时段", "实际", "预测（90%）", "重新预测（90%）", "服务水平 现有排班（达标比例）", "服务水平 加上调整（达标比例）"],
    captions: [
        "每时段咨询量：截至目前的实际值（黑线）与预测的 90% 区间，以及剩余时段重新预测的区间；竖虚线为此刻。",
        "向前仿真中剩余时段每时段的服务水平均值：现有排班与加上建议调整，对比目标。",
    ],
};
