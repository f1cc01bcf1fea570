//! `agent_states.csv`: one row per interval of one agent in one state —
//! logged in, available, busy, after-contact work, not ready, break, logged
//! out — as contact-centre software logs them (see
//! `docs/actuals-format.md`).
//!
//! What the rows give, second by second over the window:
//!
//! * an agent is **logged in** while any row other than `logged_out` covers
//!   it (rows may nest: a `logged_in` row for the session with `break` rows
//!   inside, or abut: `available`, `busy`, `wrap_up`, `break` one after
//!   another);
//! * **on a break** while a `break` row covers it;
//! * **not ready** while a `not_ready` row covers it: at work but taking no
//!   new contact (finishing the contacts in hand after the shift, say);
//! * **available for contacts** while logged in, neither on a break nor not
//!   ready: the staffing a replay puts on, per group. After-contact work
//!   counts as available, as the model's agents do their own `wrap_up_s`.
//!
//! A session is a run of logged-in seconds (gaps up to [`SESSION_GAP_S`]
//! joined), with the breaks inside it. Memory is three bits per agent and
//! second of the window and a few numbers per session, whatever the rows.

use super::chat_actuals::Moments;
use super::presence::{set_bits, MAX_BYTES};
use super::reader::{Field, Row, RowError};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

/// The canonical fields of an agent-state export.
pub const FIELDS: [Field; 5] = [
    Field { name: "agent", required: true },
    Field { name: "group", required: false },
    Field { name: "state", required: true },
    Field { name: "start", required: true },
    Field { name: "end", required: true },
];

/// The longest log-out between two log-ins taken as one session [s].
pub const SESSION_GAP_S: usize = 60;

/// An agent's state, as the canonical format names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AgentState {
    /// At work, nothing more said.
    LoggedIn,
    /// Ready and idle.
    Available,
    /// Holding a contact.
    Busy,
    /// After-contact work.
    WrapUp,
    /// Away: a break, meal, meeting or training.
    Break,
    /// At work but taking no new contact (finishing those in hand).
    NotReady,
    /// Not at work.
    LoggedOut,
}

impl AgentState {
    /// Every state with its canonical name.
    pub const ALL: [(AgentState, &'static str); 7] = [
        (AgentState::LoggedIn, "logged_in"),
        (AgentState::Available, "available"),
        (AgentState::Busy, "busy"),
        (AgentState::WrapUp, "wrap_up"),
        (AgentState::Break, "break"),
        (AgentState::NotReady, "not_ready"),
        (AgentState::LoggedOut, "logged_out"),
    ];
}

/// The export's state names: the canonical names (any case) and those the
/// mapping's `states` table adds.
#[derive(Debug, Clone)]
pub struct StateNames {
    names: HashMap<String, AgentState>,
}

impl StateNames {
    /// The canonical names plus `extra` (canonical name → the export's
    /// values); an unknown canonical name is an error.
    pub fn new(extra: &BTreeMap<String, Vec<String>>) -> Result<Self, String> {
        let mut names: HashMap<String, AgentState> = AgentState::ALL.iter().map(|&(s, n)| (n.to_string(), s)).collect();
        for (canonical, values) in extra {
            let Some(&(state, _)) = AgentState::ALL.iter().find(|(_, n)| n == canonical) else {
                return Err(format!(
                    "`[agent_states] states.{canonical}` is not a state; the states are {}",
                    Self::listed()
                ));
            };
            for v in values {
                names.insert(v.to_lowercase(), state);
            }
        }
        Ok(Self { names })
    }

    fn listed() -> String {
        AgentState::ALL.iter().map(|(_, n)| *n).collect::<Vec<_>>().join(", ")
    }

    fn get(&self, text: &str) -> Option<AgentState> {
        self.names.get(&text.trim().to_lowercase()).copied()
    }
}

/// One row, as exported.
#[derive(Debug, Clone, PartialEq)]
pub struct StateRow<'r> {
    /// The agent.
    pub agent: Cow<'r, str>,
    /// The agent's group, if the export says.
    pub group: Option<Cow<'r, str>>,
    /// The state.
    pub state: AgentState,
    /// From [s from the window start].
    pub start_s: f64,
    /// To [s from the window start].
    pub end_s: f64,
}

/// Reads a row as an agent's state.
pub fn parse<'r>(row: &Row<'r>, names: &StateNames) -> Result<StateRow<'r>, RowError> {
    let empty = |f: &str| row.invalid(f, "is empty, but every row needs it".into());
    let agent = row.text("agent")?.ok_or_else(|| empty("agent"))?;
    let text = row.text("state")?.ok_or_else(|| empty("state"))?;
    let state = names.get(&text).ok_or_else(|| {
        row.invalid(
            "state",
            format!(
                "`{}` is not a state; the states are {} (map others with the mapping's `states` table)",
                super::error::shown(&text),
                StateNames::listed()
            ),
        )
    })?;
    let (start_s, end_s) = (row.required_timestamp("start")?, row.required_timestamp("end")?);
    if end_s < start_s {
        return Err(row.invalid("end", format!("is {:.0} s before `start`", start_s - end_s)));
    }
    Ok(StateRow { agent, group: row.text("group")?, state, start_s, end_s })
}

/// One agent's run of logged-in time.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// The agent's index (order of first appearance).
    pub agent: u32,
    /// The agent's group name (`""`: not given).
    pub group: String,
    /// Logged in [s from the window start].
    pub start_s: f64,
    /// Logged out [s from the window start].
    pub end_s: f64,
    /// The breaks inside, in order: (start, end) [s from the window start].
    pub breaks: Vec<(f64, f64)>,
}

/// The rows of an agent-state export, accumulated.
#[derive(Debug, Default)]
pub struct AgentStateLog {
    seconds: usize,
    agents: HashMap<String, u32>,
    groups: Vec<String>,
    logged_in: Vec<Vec<u64>>,
    /// On a break or not ready.
    unready: Vec<Vec<u64>>,
    on_break: Vec<Vec<u64>>,
    wrap_up: BTreeMap<String, Moments>,
    /// Rows that named more agents than the memory allows [count].
    pub too_many_agents: bool,
}

/// What the log says, after the last row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AgentStates {
    /// Changes in agents available (logged in, neither on a break nor not
    /// ready) at each second, per group name (`""`: not given).
    available: BTreeMap<String, Vec<i32>>,
    /// Changes in agents logged in at each second.
    logged_in: Vec<i32>,
    /// The sessions, by agent then start.
    pub sessions: Vec<Session>,
    /// Lengths of the `wrap_up` rows per group name [s].
    pub wrap_up: BTreeMap<String, Moments>,
}

/// Whether bit `t` of `bits` is set.
fn bit(bits: &[u64], t: usize) -> bool {
    bits[t / 64] >> (t % 64) & 1 == 1
}

impl AgentStateLog {
    /// An empty log over a window of `window_s` seconds.
    pub fn new(window_s: f64) -> Self {
        Self { seconds: window_s.max(0.0).ceil() as usize + 1, ..Self::default() }
    }

    fn second(&self, t: f64) -> usize {
        (t.max(0.0).round() as usize).min(self.seconds)
    }

    /// Adds a row; `false` if it lies wholly outside the window (not used).
    pub fn add(&mut self, row: &StateRow) -> bool {
        let window_end = (self.seconds - 1) as f64;
        if row.end_s <= 0.0 || row.start_s >= window_end {
            return false;
        }
        let next = self.agents.len() as u32;
        let a = *self.agents.entry(row.agent.to_string()).or_insert(next) as usize;
        if self.too_many_agents || (a + 1) * 3 * self.seconds.div_ceil(8) > MAX_BYTES {
            self.too_many_agents = true;
            (self.logged_in, self.unready, self.on_break) = (Vec::new(), Vec::new(), Vec::new());
            return true;
        }
        let words = self.seconds.div_ceil(64);
        if self.groups.len() <= a {
            self.groups.resize(a + 1, String::new());
            self.logged_in.resize_with(a + 1, || vec![0; words]);
            self.unready.resize_with(a + 1, || vec![0; words]);
            self.on_break.resize_with(a + 1, || vec![0; words]);
        }
        if let Some(g) = row.group.as_deref().filter(|_| self.groups[a].is_empty()) {
            self.groups[a] = g.to_string();
        }
        let (from, to) = (self.second(row.start_s), self.second(row.end_s));
        match row.state {
            AgentState::LoggedOut => {}
            AgentState::Break => {
                set_bits(&mut self.logged_in[a], from, to);
                set_bits(&mut self.unready[a], from, to);
                set_bits(&mut self.on_break[a], from, to);
            }
            AgentState::NotReady => {
                set_bits(&mut self.logged_in[a], from, to);
                set_bits(&mut self.unready[a], from, to);
            }
            state => {
                set_bits(&mut self.logged_in[a], from, to);
                if state == AgentState::WrapUp {
                    let group = row.group.as_deref().unwrap_or_default();
                    self.wrap_up.entry(group.to_string()).or_default().add(row.end_s - row.start_s);
                }
            }
        }
        true
    }

    /// The sessions and per-second levels (after the last row).
    pub fn finish(mut self) -> AgentStates {
        let n = self.seconds + 1;
        let wrap_up = std::mem::take(&mut self.wrap_up);
        let mut out = AgentStates { logged_in: vec![0; n], wrap_up, ..Default::default() };
        for (a, logged) in self.logged_in.iter().enumerate() {
            let mut t = 0;
            while t < self.seconds {
                if !bit(logged, t) {
                    t += 1;
                    continue;
                }
                let mut end = (t..self.seconds).find(|&u| !bit(logged, u)).unwrap_or(self.seconds);
                // Short log-outs join the runs around them into one session.
                while let Some(next) = (end..(end + SESSION_GAP_S + 1).min(self.seconds)).find(|&u| bit(logged, u)) {
                    end = (next..self.seconds).find(|&u| !bit(logged, u)).unwrap_or(self.seconds);
                }
                let session = self.session(a, t, end, &mut out);
                out.sessions.push(session);
                t = end;
            }
        }
        out
    }

    /// The session of agent `a` over seconds `from..to`, its levels added to `out`.
    fn session(&self, a: usize, from: usize, to: usize, out: &mut AgentStates) -> Session {
        let (logged, unready, resting) = (&self.logged_in[a], &self.unready[a], &self.on_break[a]);
        let group = self.groups[a].clone();
        let available = out.available.entry(group.clone()).or_insert_with(|| vec![0; self.seconds + 1]);
        let mut breaks = Vec::new();
        // (logged in, available, on a break) at the second before.
        let mut state = (false, false, false);
        #[allow(clippy::needless_range_loop)] // t indexes two arrays and the bits
        for t in from..=to {
            let now = if t < to {
                let l = bit(logged, t);
                (l, l && !bit(unready, t), l && bit(resting, t))
            } else {
                (false, false, false)
            };
            out.logged_in[t] += i32::from(now.0) - i32::from(state.0);
            available[t] += i32::from(now.1) - i32::from(state.1);
            if now.2 && !state.2 {
                breaks.push((t as f64, t as f64));
            }
            if state.2 && !now.2 {
                if let Some(b) = breaks.last_mut() {
                    b.1 = t as f64;
                }
            }
            state = now;
        }
        Session { agent: a as u32, group, start_s: from as f64, end_s: to as f64, breaks }
    }
}

impl AgentStates {
    /// Mean agents available (logged in, neither on a break nor not ready)
    /// per step of `step_s` seconds, `count` steps.
    pub fn available(&self, step_s: f64, count: usize) -> Vec<f64> {
        let mut total = vec![0.0; count];
        for (_, level) in self.available_by_group(step_s, count) {
            total.iter_mut().zip(level).for_each(|(t, x)| *t += x);
        }
        total
    }

    /// [`Self::available`] per group name (`""`: not given), by name.
    pub fn available_by_group(&self, step_s: f64, count: usize) -> Vec<(String, Vec<f64>)> {
        self.available.iter().map(|(g, changes)| (g.clone(), Self::levels(changes, step_s, count))).collect()
    }

    /// Mean agents logged in per step of `step_s` seconds, `count` steps.
    pub fn logged_in(&self, step_s: f64, count: usize) -> Vec<f64> {
        Self::levels(&self.logged_in, step_s, count)
    }

    /// Agent-hours logged in and available over the whole window [h].
    pub fn agent_hours(&self) -> (f64, f64) {
        let total = |changes: &[i32]| {
            let mut level = 0i64;
            changes
                .iter()
                .map(|&d| {
                    level += i64::from(d);
                    level
                })
                .sum::<i64>() as f64
                / 3600.0
        };
        (total(&self.logged_in), self.available.values().map(|c| total(c)).sum())
    }

    fn levels(changes: &[i32], step_s: f64, count: usize) -> Vec<f64> {
        let mut out = vec![0.0; count];
        let mut level = 0i64;
        for (t, &d) in changes.iter().enumerate() {
            level += i64::from(d);
            let p = ((t as f64 + 0.5) / step_s) as usize;
            if p >= count {
                break;
            }
            out[p] += level as f64;
        }
        out.iter_mut().for_each(|x| *x /= step_s);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(agent: &str, state: AgentState, start_s: f64, end_s: f64) -> StateRow<'static> {
        StateRow { agent: agent.to_string().into(), group: Some("trained".into()), state, start_s, end_s }
    }

    #[test]
    fn nested_and_abutting_rows_give_the_same_sessions() {
        // One agent logged in over [100, 1000) with a break [300, 400):
        // once as a session row with a break row inside, once as states
        // one after another; a second agent back after a 30 s log-out.
        let nested = [
            row("a", AgentState::LoggedIn, 100.0, 1000.0),
            row("a", AgentState::Break, 300.0, 400.0),
            row("b", AgentState::Busy, 0.0, 50.0),
            row("b", AgentState::Available, 80.0, 200.0),
        ];
        let abutting = [
            row("a", AgentState::Available, 100.0, 250.0),
            row("a", AgentState::WrapUp, 250.0, 300.0),
            row("a", AgentState::Break, 300.0, 400.0),
            row("a", AgentState::Busy, 400.0, 1000.0),
            row("b", AgentState::Busy, 0.0, 50.0),
            row("b", AgentState::LoggedOut, 50.0, 80.0),
            row("b", AgentState::Available, 80.0, 200.0),
        ];
        let finish = |rows: &[StateRow]| {
            let mut log = AgentStateLog::new(2000.0);
            rows.iter().for_each(|r| assert!(log.add(r)));
            log.finish()
        };
        let (x, y) = (finish(&nested), finish(&abutting));
        assert_eq!(x.sessions, y.sessions);
        assert_eq!(x.sessions[0].breaks, vec![(300.0, 400.0)]);
        assert_eq!((x.sessions[1].start_s, x.sessions[1].end_s), (0.0, 200.0));
        // Periods of 500 s: [0,500) has b 170 s logged in (not the 30 s
        // out), a 400 s of which 100 on a break.
        assert_eq!(x.logged_in(500.0, 4), vec![570.0 / 500.0, 1.0, 0.0, 0.0]);
        assert_eq!(x.available(500.0, 4), y.available(500.0, 4));
        assert_eq!(x.available(500.0, 4)[0], 470.0 / 500.0);
        assert_eq!(y.wrap_up["trained"].n, 1);
    }

    #[test]
    fn mapped_state_names_and_unknown_ones() {
        let extra = BTreeMap::from([("break".to_string(), vec!["AUX".to_string()])]);
        let names = StateNames::new(&extra).unwrap();
        assert_eq!(names.get("aux"), Some(AgentState::Break));
        assert_eq!(names.get("Wrap_Up"), Some(AgentState::WrapUp));
        assert_eq!(names.get("lunch"), None);
        let bad = BTreeMap::from([("pause".to_string(), vec!["P".to_string()])]);
        assert!(StateNames::new(&bad).unwrap_err().contains("`[agent_states] states.pause` is not a state"));
    }
}
