//! Renders the records of one replication as the canonical actual-traffic
//! CSV files (`docs/actuals-format.md`): `inquiries.csv`, `orders.csv`,
//! `shipments.csv` and `agent_states.csv`. Timestamps are RFC 3339 to the millisecond with the
//! window's UTC offset, durations seconds with three decimals, flags `1`/`0`.

use chrono::{DateTime, Duration};
use chrono_tz::Tz;
use peakplan::model::orders::OrderSource;
use peakplan::model::record::{AgentActivity, AgentStateRecord, ChatOutcome, ChatRecord, OrderRecord, ShipmentRecord};

/// The header of `inquiries.csv`.
pub const INQUIRIES_HEADER: [&str; 7] =
    ["arrived_at", "deflected", "abandoned", "wait_s", "handle_s", "agent", "group"];
/// The header of `orders.csv`.
pub const ORDERS_HEADER: [&str; 8] =
    ["order_id", "placed_at", "paid_at", "source", "reminded", "value_cny", "vip", "prepacked"];
/// The header of `shipments.csv`.
pub const SHIPMENTS_HEADER: [&str; 4] = ["order_id", "packed_at", "handed_over_at", "carrier"];

/// The header of `agent_states.csv`.
pub const AGENT_STATES_HEADER: [&str; 5] = ["agent", "group", "state", "start", "end"];

/// How the model's indices and times are written: names of agents, groups
/// and carriers, and the window's start.
pub struct Names {
    /// The window's start, in its time zone.
    pub start: DateTime<Tz>,
    /// Each agent's name (`trained-007`), by agent index.
    pub agents: Vec<String>,
    /// Each chat group's name, by group index.
    pub groups: Vec<String>,
    /// Each carrier's name, by carrier index.
    pub carriers: Vec<String>,
    /// Each class's name, by class index; empty: no `class` column.
    pub classes: Vec<String>,
}

impl Names {
    /// Agent names from the group of each agent (by agent index): the
    /// group's name and the agent's number within the group, from 1.
    pub fn agent_names(agent_groups: &[u16], groups: &[String]) -> Vec<String> {
        let mut seen = vec![0u32; groups.len()];
        agent_groups
            .iter()
            .map(|&g| {
                seen[g as usize] += 1;
                format!("{}-{:03}", groups[g as usize], seen[g as usize])
            })
            .collect()
    }

    /// The timestamp `t_s` seconds after the window's start.
    fn at(&self, t_s: f64) -> String {
        let t = self.start + Duration::milliseconds((t_s * 1000.0).round() as i64);
        t.format("%Y-%m-%dT%H:%M:%S%.3f%:z").to_string()
    }
}

/// An order's key in the export.
pub fn order_key(id: u32) -> String {
    format!("D11-{id:06}")
}

fn flag(b: bool) -> &'static str {
    if b {
        "1"
    } else {
        "0"
    }
}

fn secs(s: f64) -> String {
    format!("{s:.3}")
}

/// Writes `header` and `rows` as CSV text.
fn csv_text<const N: usize>(header: [&str; N], rows: impl Iterator<Item = [String; N]>) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header).expect("writing to memory");
    for row in rows {
        w.write_record(&row).expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("writing to memory")).expect("UTF-8 fields")
}

/// `inquiries.csv`: one row per chat, in arrival order. A chat still
/// waiting when the run closed is written as abandoned then. With classes,
/// a last column `class` names each chat's (empty for a deflected chat).
pub fn inquiries(chats: &[ChatRecord], n: &Names) -> String {
    let mut sorted: Vec<&ChatRecord> = chats.iter().collect();
    sorted.sort_by(|a, b| a.arrival_s.total_cmp(&b.arrival_s));
    let rows = sorted.iter().map(|c| inquiry_row(c, n));
    if n.classes.is_empty() {
        return csv_text(INQUIRIES_HEADER, rows);
    }
    let mut header = [""; 8];
    header[..7].copy_from_slice(&INQUIRIES_HEADER);
    header[7] = "class";
    let class = |c: &ChatRecord| c.class.map(|k| n.classes[k as usize].clone()).unwrap_or_default();
    csv_text(
        header,
        sorted.iter().zip(rows).map(|(c, r)| std::array::from_fn(|i| r.get(i).cloned().unwrap_or_else(|| class(c)))),
    )
}

/// The seven canonical columns of one chat.
fn inquiry_row(c: &ChatRecord, n: &Names) -> [String; 7] {
    let arrived = n.at(c.arrival_s);
    let e = String::new;
    match c.outcome {
        ChatOutcome::Deflected => [arrived, flag(true).into(), flag(false).into(), e(), e(), e(), e()],
        ChatOutcome::Abandoned { wait_s } | ChatOutcome::Unanswered { wait_s } => {
            [arrived, flag(false).into(), flag(true).into(), secs(wait_s), e(), e(), e()]
        }
        ChatOutcome::Answered { wait_s, handle_s, agent, group } => [
            arrived,
            flag(false).into(),
            flag(false).into(),
            secs(wait_s),
            secs(handle_s),
            n.agents[agent as usize].clone(),
            n.groups[group as usize].clone(),
        ],
    }
}

/// `orders.csv`: one row per order, in order of placement.
pub fn orders(orders: &[OrderRecord], n: &Names) -> String {
    let mut sorted: Vec<&OrderRecord> = orders.iter().collect();
    sorted.sort_by_key(|o| o.id);
    let rows = sorted.into_iter().map(|o| {
        let source = match o.source {
            OrderSource::Chat => "chat",
            OrderSource::Silent => "silent",
            OrderSource::Presale => "presale",
            OrderSource::Scheduled => "",
        };
        [
            order_key(o.id),
            n.at(o.placed_s),
            o.paid_s.map(|t| n.at(t)).unwrap_or_default(),
            source.into(),
            flag(o.reminded).into(),
            format!("{:.2}", o.value_cny),
            flag(o.vip).into(),
            flag(o.prepacked).into(),
        ]
    });
    csv_text(ORDERS_HEADER, rows)
}

/// `shipments.csv`: one row per parcel, in hand-over order.
pub fn shipments(shipments: &[ShipmentRecord], n: &Names) -> String {
    let rows = shipments.iter().map(|s| {
        [order_key(s.order_id), n.at(s.packed_s), n.at(s.handed_over_s), n.carriers[s.carrier as usize].clone()]
    });
    csv_text(SHIPMENTS_HEADER, rows)
}

/// `agent_states.csv`: one row per log-in, break and after-chat work, by
/// start (and agent, then state, at equal starts).
pub fn agent_states(states: &[AgentStateRecord], n: &Names) -> String {
    let name = |a: AgentActivity| match a {
        AgentActivity::LoggedIn => "logged_in",
        AgentActivity::NotReady => "not_ready",
        AgentActivity::Break => "break",
        AgentActivity::WrapUp => "wrap_up",
    };
    let mut sorted: Vec<&AgentStateRecord> = states.iter().filter(|r| r.end_s > r.start_s).collect();
    sorted.sort_by(|a, b| {
        a.start_s.total_cmp(&b.start_s).then(a.agent.cmp(&b.agent)).then(name(a.activity).cmp(name(b.activity)))
    });
    let rows = sorted.into_iter().map(|r| {
        [
            n.agents[r.agent as usize].clone(),
            n.groups[r.group as usize].clone(),
            name(r.activity).into(),
            n.at(r.start_s),
            n.at(r.end_s),
        ]
    });
    csv_text(AGENT_STATES_HEADER, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Names {
        let start = peakplan::Scenario::default_double11().window.start;
        let groups = vec!["trained".to_string(), "temp".to_string()];
        Names {
            start,
            agents: Names::agent_names(&[0, 1, 0], &groups),
            groups,
            carriers: vec!["SF, Express".into()],
            classes: Vec::new(),
        }
    }

    #[test]
    fn rows_follow_the_canonical_format() {
        let n = names();
        assert_eq!(n.agents, vec!["trained-001", "temp-001", "trained-002"]);
        let chats = [
            ChatRecord {
                arrival_s: 3.25,
                outcome: ChatOutcome::Answered { wait_s: 1.5, handle_s: 300.0004, agent: 2, group: 0 },
                class: None,
            },
            ChatRecord { arrival_s: 1.0, outcome: ChatOutcome::Deflected, class: None },
            ChatRecord { arrival_s: 2.0, outcome: ChatOutcome::Abandoned { wait_s: 61.0 }, class: None },
        ];
        assert_eq!(
            inquiries(&chats, &n),
            "arrived_at,deflected,abandoned,wait_s,handle_s,agent,group\n\
             2026-11-10T12:00:01.000+08:00,1,0,,,,\n\
             2026-11-10T12:00:02.000+08:00,0,1,61.000,,,\n\
             2026-11-10T12:00:03.250+08:00,0,0,1.500,300.000,trained-002,trained\n"
        );
        let order = OrderRecord {
            id: 7,
            placed_s: 43_200.0,
            paid_s: None,
            source: OrderSource::Silent,
            reminded: true,
            value_cny: 399.004,
            vip: false,
            prepacked: true,
        };
        assert_eq!(
            orders(&[order], &n).lines().nth(1),
            Some("D11-000007,2026-11-11T00:00:00.000+08:00,,silent,1,399.00,0,1")
        );
        let parcel = ShipmentRecord {
            order_id: 7,
            paid_s: 0.0,
            packed_s: 60.0,
            handed_over_s: 90_000.0,
            carrier: 0,
            vip: false,
        };
        assert_eq!(
            shipments(&[parcel], &n).lines().nth(1),
            Some("D11-000007,2026-11-10T12:01:00.000+08:00,2026-11-11T13:00:00.000+08:00,\"SF, Express\"")
        );
        let state = |agent, activity, start_s, end_s| AgentStateRecord { agent, group: 0, activity, start_s, end_s };
        let states = [
            state(2, AgentActivity::Break, 600.0, 1500.0),
            state(2, AgentActivity::LoggedIn, 0.0, 3600.0),
            state(0, AgentActivity::WrapUp, 5.0, 5.0),
        ];
        assert_eq!(
            agent_states(&states, &n),
            "agent,group,state,start,end\n\
             trained-002,trained,logged_in,2026-11-10T12:00:00.000+08:00,2026-11-10T13:00:00.000+08:00\n\
             trained-002,trained,break,2026-11-10T12:10:00.000+08:00,2026-11-10T12:25:00.000+08:00\n"
        );
    }
}
