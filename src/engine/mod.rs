//! The discrete-event engine: a clock, a time-ordered event queue with
//! cancellable events, and seeded random-number streams.
//!
//! The engine knows nothing of chats, orders or parcels. It is generic over
//! the model's event type `E`; the model decides what an event means.
//!
//! # Tie order
//! Events are delivered in order of `(time, priority, sequence)`: earlier time
//! first; at equal times the lower `priority` number first; at equal time and
//! priority, the event scheduled first (a per-queue insertion counter) first.
//! The order is therefore fully deterministic.
//!
//! # Cancellation
//! [`EventQueue::schedule`] returns an [`EventId`]. [`EventQueue::cancel`]
//! marks that id; a cancelled event is skipped when it reaches the head of the
//! queue, so cancelling never searches the queue.

mod queue;
mod rng;

pub use queue::{EventId, EventQueue};
pub use rng::{stream_rng, StreamRng};
