//! The model's events and their tie order at equal times.

use crate::model::orders::OrderSource;

/// An event of the Double 11 model. Small (8 bytes, at most 16 by a
/// compile-time check) to keep the queue fast: an event names a slot or an
/// index, never carries a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// The next inquiry arrives; with a trace of customers, the index of
    /// its customer ([`crate::model::trace::NO_CUSTOMER`]: none).
    InquiryArrival(u32),
    /// A customer who abandoned comes back, for the `.0`-th time, in
    /// contact class `.1`.
    ChatReturn(u8, u8),
    /// The patience of the waiting chat with queue sequence number `.0` in
    /// the line of contact class `.1` ends.
    ChatPatience(u32, u8),
    /// The agent with index `.0` finishes one chat of contact class `.1`
    /// (and its wrap-up): the slot is free.
    ChatDone(u32, u8),
    /// The customer of a chat of class `.1` of agent `.0` leaves; the
    /// agent's wrap-up time follows ([`Event::WrapUpDone`]).
    ChatEnds(u32, u8),
    /// A contact of order-driven class `.0` arrives (after-sales:
    /// [`crate::model::contact_drivers`]).
    ContactArrival(u8),
    /// The agent with this index finishes the wrap-up of one chat.
    WrapUpDone(u32),
    /// Break change `.1` of agent shift `.0` (a start or an end).
    AgentBreak(u16, u32),
    /// The agent with this index arrives late for its shift.
    AgentArrives(u32),
    /// The agent shift with this index starts.
    AgentShiftStart(u16),
    /// The agent shift with this index ends.
    AgentShiftEnd(u16),
    /// The next order from this source is placed.
    OrderArrival(OrderSource),
    /// The oldest pending payment reminder is due (reminders fall due in the
    /// order the orders were placed; one event is pending at a time).
    PaymentReminder,
    /// The order in this review slot has been reviewed.
    ReviewDone(u32),
    /// The order in this packing slot has been packed.
    PackDone(u32),
    /// Packer shift `.0` starts its round `.1` (round 0: as listed; round k:
    /// k days later, after the window).
    PackerShiftStart(u16, u16),
    /// A round of packer shift `.0` ends.
    PackerShiftEnd(u16),
    /// Break change `.1` of the current round of packer shift `.0`.
    PackerBreak(u16, u32),
    /// Person `.1` of the current round of packer shift `.0` arrives late.
    PackerArrives(u16, u32),
    /// Carrier `.0`'s scheduled pickup number `.1` is due.
    PickupDue(u16, u32),
    /// A late truck of carrier `.0` arrives.
    TruckArrives(u16),
    /// A run forward from a moment reaches it: the chats waiting and in
    /// hand then are put in place ([`crate::model::forward`]).
    StateAtMoment,
}

const _: () = assert!(std::mem::size_of::<Event>() <= 16, "keep Event small");

/// Priorities at equal times (lower first). Completions free capacity first;
/// a shift's end comes before the next shift's start; arrivals (inquiries,
/// orders, payments after a reminder) see the capacity of that instant; a
/// patience that ends at the very instant a slot frees is beaten by the slot
/// (the customer is answered); a truck loads last, so a parcel packed at the
/// very instant of a pickup makes that truck.
pub mod priority {
    /// A chat, a review or a packing completes.
    pub const COMPLETION: u8 = 0;
    /// A shift ends.
    pub const SHIFT_END: u8 = 1;
    /// A shift starts.
    pub const SHIFT_START: u8 = 2;
    /// A customer arrives, an order is placed or paid.
    pub const ARRIVAL: u8 = 3;
    /// A customer's patience runs out.
    pub const TIMEOUT: u8 = 4;
    /// A courier's pickup is due or a late truck arrives.
    pub const PICKUP: u8 = 5;
    /// A run forward from a moment puts the state of that moment in place,
    /// after everything else at that instant.
    pub const STATE: u8 = 6;
}
