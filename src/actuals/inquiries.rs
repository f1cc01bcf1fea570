//! `inquiries.csv`: one row per chat (see `docs/actuals-format.md`).

use super::reader::{Field, Row, RowError};

/// The canonical fields of an inquiries export.
pub const FIELDS: [Field; 8] = [
    Field { name: "arrived_at", required: true },
    Field { name: "deflected", required: false },
    Field { name: "abandoned", required: false },
    Field { name: "wait_s", required: false },
    Field { name: "handle_s", required: false },
    Field { name: "agent", required: false },
    Field { name: "group", required: false },
    Field { name: "class", required: false },
];

/// How a chat ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Closed by auto-reply without an agent.
    Deflected,
    /// The customer left before a first response.
    Abandoned,
    /// An agent answered.
    Answered,
}

/// One chat, as exported.
#[derive(Debug, Clone, PartialEq)]
pub struct Inquiry<'r> {
    /// Arrival [s from the window start].
    pub arrival_s: f64,
    /// How it ended.
    pub outcome: Outcome,
    /// Time to the first response, or to leaving if abandoned [s].
    pub wait_s: Option<f64>,
    /// Handling time after the first response [s].
    pub handle_s: Option<f64>,
    /// The agent who answered.
    pub agent: Option<std::borrow::Cow<'r, str>>,
    /// The agent's group.
    pub group: Option<std::borrow::Cow<'r, str>>,
    /// The chat's class, as an index into the scenario's classes
    /// ([`super::contact_classes::ClassNames`]); `None`: not known.
    pub class: Option<u8>,
}

/// Reads a row as a chat.
pub fn parse<'r>(row: &Row<'r>) -> Result<Inquiry<'r>, RowError> {
    let arrival_s = row.required_timestamp("arrived_at")?;
    let deflected = row.flag("deflected")?;
    let abandoned = row.flag("abandoned")?;
    let outcome = match (deflected, abandoned) {
        (true, _) => Outcome::Deflected,
        (false, true) => Outcome::Abandoned,
        (false, false) => Outcome::Answered,
    };
    Ok(Inquiry {
        arrival_s,
        outcome,
        wait_s: row.amount("wait_s")?,
        handle_s: row.amount("handle_s")?,
        agent: row.text("agent")?,
        group: row.text("group")?,
        class: None,
    })
}
