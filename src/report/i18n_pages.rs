//! Labels of the report parts that `simulate`, `size` and `compare` share
//! (cost, staffing by shift) and of the `size` and `compare` pages, in
//! English and Chinese. Placeholders in braces are filled in by the page.

/// The words of the cost and shift sections and of the `size` and
/// `compare` pages.
#[derive(Debug)]
pub struct PageLabels {
    /// Heading of the cost section.
    pub cost: &'static str,
    /// What the cost table's columns mean.
    pub cost_note: &'static str,
    /// Heading of the staffing and labour by shift.
    pub by_shift: &'static str,
    /// Headings of the agents' and the packers' shift tables.
    pub roles: [&'static str; 2],
    /// Columns: shift, local time, paid hours per person.
    pub shift_columns: [&'static str; 3],
    /// Column suffixes of a group: people, labour.
    pub group_columns: [&'static str; 2],
    /// Column: labour of the shift, all groups.
    pub shift_total: &'static str,
    /// Row: all shifts.
    pub all_shifts: &'static str,
    /// `{cny}`: mean labour of the packer shifts repeated after the window.
    pub repeats_note: &'static str,
    /// Title of the `size` page.
    pub sizing_title: &'static str,
    /// Verdict of a feasible sizing.
    pub sizing_met: &'static str,
    /// Verdict of an infeasible sizing.
    pub sizing_not_met: &'static str,
    /// `{n}` replications, `{met}` share ({ci}), `{required}`.
    pub sizing_detail: &'static str,
    /// Heading of the plans side by side.
    pub plans: &'static str,
    /// Columns of the plans side by side.
    pub plan_columns: [&'static str; 4],
    /// Names of the recommended and the formula plan.
    pub plan_names: [&'static str; 2],
    /// Heading of the requirement chart.
    pub requirement: &'static str,
    /// Heading of the recommended plan's simulation.
    pub plan_simulated: &'static str,
    /// `{command}` reproducing the figures.
    pub plan_simulated_note: &'static str,
    /// Title of the `compare` page.
    pub compare_title: &'static str,
    /// The scenarios met the same customers.
    pub paired: &'static str,
    /// They did not.
    pub not_paired: &'static str,
    /// `{name}` of the choice.
    pub chosen: &'static str,
    /// No plan meets the targets.
    pub none_chosen: &'static str,
    /// Columns of the comparison.
    pub compare_columns: [&'static str; 8],
    /// Marks the chosen row.
    pub choice_mark: &'static str,
    /// `{n}` replications, `{seed}`.
    pub compare_run: &'static str,
    /// Title of the `compare --sweep` page.
    pub sweep_title: &'static str,
    /// Column: the headcount factor.
    pub factor: &'static str,
    /// `{factor}` of the choice.
    pub sweep_chosen: &'static str,
}

/// English.
pub static EN: PageLabels = PageLabels {
    cost: "Cost",
    cost_note: "Mean over the replications with its 95% confidence interval; p5 – p95: the spread between \
                replications.",
    by_shift: "Staffing and labour by shift",
    roles: ["Agents", "Packers"],
    shift_columns: ["shift", "time (local)", "paid hours per person"],
    group_columns: ["people", "labour [CNY]"],
    shift_total: "shift labour [CNY]",
    all_shifts: "all shifts",
    repeats_note: "Packer shifts repeated after the window until the orders are shipped: {cny} CNY on average, \
                   counted in the labour above, not in this table.",
    sizing_title: "Sizing report",
    sizing_met: "The recommended plan meets the targets.",
    sizing_not_met: "No plan within the limits meets the targets: the closest is shown.",
    sizing_detail: "Verified on {n} fresh replications: all targets met in {met} ({ci}); required: {required}.",
    plans: "The recommended plan and the plan from Erlang formulas",
    plan_columns: ["plan", "all targets met in", "labour of the listed shifts [CNY]", "total cost [CNY]"],
    plan_names: ["recommended", "Erlang formulas per period (agents only; packers as recommended)"],
    requirement: "Requirement against the plan",
    plan_simulated: "The recommended plan, simulated",
    plan_simulated_note: "The recommended plan as written to plan.toml, simulated on the verification's number of \
                          replications: `{command}` gives these figures.",
    compare_title: "Plan comparison",
    paired: "Every plan met the same customers (common random numbers): the differences are the plans'.",
    not_paired: "NOT PAIRED: the scenarios differ in window or traffic, so they met different customers; the \
                 differences include that.",
    chosen: "The choice: {name}, the cheapest plan meeting its targets.",
    none_chosen: "No plan meets its targets.",
    compare_columns: [
        "scenario",
        "all targets met in",
        "total cost [CNY]",
        "labour [CNY]",
        "cost per paid order [CNY]",
        "agents [people]",
        "packers [people]",
        "total minus the choice's [CNY]",
    ],
    choice_mark: "choice",
    compare_run: "{n} replications per scenario, seed {seed}",
    sweep_title: "Cost against headcount",
    factor: "headcount factor",
    sweep_chosen: "The choice: factor {factor}, the cheapest meeting the targets.",
};

/// Simplified Chinese.
pub static ZH: PageLabels = PageLabels {
    cost: "成本",
    cost_note: "均值及其 95% 置信区间；p5 – p95：各轮仿真之间的分布。",
    by_shift: "各班次人员与人工成本",
    roles: ["坐席", "打包员"],
    shift_columns: ["班次", "时间（当地）", "每人计薪小时"],
    group_columns: ["人数", "人工 [元]"],
    shift_total: "班次人工 [元]",
    all_shifts: "全部班次",
    repeats_note: "窗口结束后为发完订单而重复的打包班次：平均 {cny} 元，已计入上方人工成本，未列入本表。",
    sizing_title: "排班测算报告",
    sizing_met: "推荐方案达到服务目标。",
    sizing_not_met: "在限制条件内没有方案达到目标：以下为最接近的方案。",
    sizing_detail: "在 {n} 轮新的仿真中验证：同时达到所有目标的比例为 {met}（{ci}）；要求：{required}。",
    plans: "推荐方案与 Erlang 公式方案",
    plan_columns: ["方案", "全部达标比例", "所列班次人工 [元]", "总成本 [元]"],
    plan_names: ["推荐方案", "逐时段 Erlang 公式方案（只测算坐席；打包员同推荐方案）"],
    requirement: "需求与计划对比",
    plan_simulated: "推荐方案的仿真结果",
    plan_simulated_note: "按 plan.toml 中的推荐方案、以验证轮次数仿真：`{command}` 可得到相同结果。",
    compare_title: "方案对比",
    paired: "各方案面对相同的顾客（共同随机数）：差异来自方案本身。",
    not_paired: "未配对：各场景的时段或流量不同，面对的顾客不同，差异中包含这一部分。",
    chosen: "选择：{name}，达到目标的方案中成本最低。",
    none_chosen: "没有方案达到目标。",
    compare_columns: [
        "场景",
        "全部达标比例",
        "总成本 [元]",
        "人工 [元]",
        "每个已付款订单成本 [元]",
        "坐席 [人]",
        "打包员 [人]",
        "总成本减所选方案 [元]",
    ],
    choice_mark: "选择",
    compare_run: "每个场景 {n} 轮仿真，随机种子 {seed}",
    sweep_title: "成本与人数",
    factor: "人数系数",
    sweep_chosen: "选择：系数 {factor}，达到目标的方案中成本最低。",
};
