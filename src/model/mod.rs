//! The Double 11 model, built on the generic [engine](crate::engine).
//!
//! ```text
//!  arrivals ──► chat ──── ended chat ──► orders ──► warehouse ──► courier
//!  (NHPP)       deflect / wait /   sale?  chat, silent,  (review)     staging,
//!               answer / abandon          pre-sale;      packing      pickups
//!                                         paid / reminded
//! ```
//!
//! The arrivals' rate is the forecast, or, when the forecast has spreads,
//! one drawn per replication around it ([demand](crate::model::demand));
//! the silent orders follow the same rate. A customer who abandons may come
//! back later as a new contact (`ChatReturn`). A paid order may bring an
//! after-sales contact later ([contact drivers](crate::model::contact_drivers)),
//! served by the same agents in its own class.
//!
//! Each stage lives in its own module and owns its state and observations;
//! [`Replication`] wires them to one event queue and runs one replication.
//! On request ([`Replication::set_recording`]) the stages also keep a
//! [record](crate::model::record) per chat, order and parcel.
//! The dispatch side (orders, warehouse, courier) is optional: a chat-only
//! model leaves it out. After the window no inquiry or order arrives, and
//! the run goes on until every event is done: every chat ends and every paid
//! order is dispatched (or the dispatch side's guard closes the run).

pub mod arrivals;
pub mod availability;
pub mod chat;
pub mod contact_drivers;
pub mod courier;
pub mod demand;
pub mod dist;
pub mod event;
pub mod forward;
pub mod observe;
pub mod orders;
pub mod record;
mod replication;
pub mod shifts;
pub mod trace;
pub mod vip_queue;
pub mod warehouse;

pub use replication::{DispatchParams, DispatchStages, ModelParams, Replication, StreamId};
