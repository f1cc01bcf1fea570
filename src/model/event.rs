//! The model's events and their tie order at equal times.

/// An event of the Double 11 model. Small (8 bytes) to keep the queue fast.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// The next inquiry arrives.
    InquiryArrival,
    /// The patience of the waiting chat with this queue sequence number ends.
    ChatPatience(u32),
    /// The agent with this index finishes one chat.
    ChatDone(u32),
    /// The agent shift with this index starts.
    AgentShiftStart(u16),
    /// The agent shift with this index ends.
    AgentShiftEnd(u16),
}

/// Priorities at equal times (lower first). Completions free capacity first;
/// a shift's end comes before the next shift's start; arrivals see the
/// capacity of that instant; a patience that ends at the very instant a slot
/// frees is beaten by the slot (the customer is answered).
pub mod priority {
    /// A chat (or other service) completes.
    pub const COMPLETION: u8 = 0;
    /// A shift ends.
    pub const SHIFT_END: u8 = 1;
    /// A shift starts.
    pub const SHIFT_START: u8 = 2;
    /// A customer arrives.
    pub const ARRIVAL: u8 = 3;
    /// A customer's patience runs out.
    pub const TIMEOUT: u8 = 4;
}
