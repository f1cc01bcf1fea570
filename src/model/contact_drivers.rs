//! Contacts driven by the orders: after-sales classes of contacts
//! (`[[chat.classes]]` with `per_paid_order`) whose customers get in touch
//! some time after paying (parcel queries, returns, complaints), rather
//! than a share of the pre-sale inquiries.
//!
//! Each paid order brings, for each such class in file order, a contact
//! with probability `per_paid_order`, `after_paid_s` (drawn) after the
//! payment; both draws come from the replication's own stream for these
//! contacts, in order of payment, so changing the agents changes none of
//! them. A class with `per_paid_order = 0` draws nothing.

use crate::engine::{EventQueue, StreamRng};
use crate::model::chat::ContactClass;
use crate::model::event::{priority, Event};
use rand::Rng;

/// The order-driven classes of one replication and their stream.
pub struct ContactDrivers<'p> {
    /// `(class index, class)` of each class with `per_paid_order > 0`.
    driven: Vec<(u8, &'p ContactClass)>,
    rng: Option<StreamRng>,
}

impl<'p> ContactDrivers<'p> {
    /// The drivers of `classes`.
    pub fn new(classes: &'p [ContactClass]) -> Self {
        let driven = classes.iter().enumerate().filter(|(_, c)| c.per_paid_order > 0.0).map(|(i, c)| (i as u8, c));
        Self { driven: driven.collect(), rng: None }
    }

    /// Whether any class is driven by the orders.
    pub fn any(&self) -> bool {
        !self.driven.is_empty()
    }

    /// Starts a replication with `rng` (drawn from only when a class is
    /// driven).
    pub fn reset(&mut self, rng: StreamRng) {
        self.rng = Some(rng);
    }

    /// An order is paid at `now`: schedules the contacts it brings.
    #[inline]
    pub fn order_paid(&mut self, now: f64, events: &mut EventQueue<Event>) {
        let Some(rng) = self.rng.as_mut() else { return };
        for &(class, c) in &self.driven {
            if rng.random::<f64>() < c.per_paid_order {
                let delay_s = c.after_paid_s.as_ref().map_or(0.0, |d| d.sample(rng));
                events.schedule(now + delay_s, priority::ARRIVAL, Event::ContactArrival(class));
            }
        }
    }
}
