//! Contacts driven by the orders: after-sales classes of contacts
//! (`[[chat.classes]]` with `driven_by`) whose customers get in touch some
//! time after an order is paid or its parcel handed to a courier (parcel
//! queries, returns, complaints about a late parcel), rather than a share
//! of the pre-sale inquiries.
//!
//! Each driving event brings, for each class it drives in file order, a
//! contact with probability `per_event`, `after_s` (drawn) after the event;
//! the draws come from the replication's own stream for these contacts, in
//! order of the events (the parcels of one truck in loading order), so
//! changing the agents changes none of them. A class with `per_event = 0`
//! draws nothing.

use crate::engine::{EventQueue, StreamRng};
use crate::model::chat::{ContactClass, ContactDriver};
use crate::model::event::{priority, Event};
use rand::Rng;

/// The order-driven classes of one replication and their stream.
pub struct ContactDrivers<'p> {
    /// `(class index, class)` of each driven class with `per_event > 0`.
    driven: Vec<(u8, &'p ContactClass)>,
    rng: Option<StreamRng>,
}

impl<'p> ContactDrivers<'p> {
    /// The drivers of `classes`.
    pub fn new(classes: &'p [ContactClass]) -> Self {
        let driven = classes.iter().enumerate().filter(|(_, c)| c.is_driven() && c.per_event > 0.0);
        Self { driven: driven.map(|(i, c)| (i as u8, c)).collect(), rng: None }
    }

    /// Starts a replication with `rng` (drawn from only when a class is
    /// driven).
    pub fn reset(&mut self, rng: StreamRng) {
        self.rng = (!self.driven.is_empty()).then_some(rng);
    }

    /// An order is paid at `now`: schedules the contacts it brings.
    #[inline]
    pub fn order_paid(&mut self, now: f64, events: &mut EventQueue<Event>) {
        self.event(now, |d| d == ContactDriver::Paid, events);
    }

    /// A truck left at `now` with `on_time` parcels within the promise,
    /// then `late` after it: schedules the contacts they bring.
    pub fn dispatched(&mut self, now: f64, on_time: u32, late: u32, events: &mut EventQueue<Event>) {
        for _ in 0..on_time {
            self.event(now, |d| d == ContactDriver::Dispatched, events);
        }
        for _ in 0..late {
            self.event(now, |d| d != ContactDriver::Paid, events);
        }
    }

    /// One driving event at `now`, for the classes whose driver `drives`.
    #[inline]
    fn event(&mut self, now: f64, drives: impl Fn(ContactDriver) -> bool, events: &mut EventQueue<Event>) {
        let Some(rng) = self.rng.as_mut() else { return };
        for &(class, c) in &self.driven {
            if !c.driven_by.is_some_and(&drives) {
                continue;
            }
            if rng.random::<f64>() < c.per_event {
                let delay_s = c.after_s.as_ref().map_or(0.0, |d| d.sample(rng));
                events.schedule(now + delay_s, priority::ARRIVAL, Event::ContactArrival(class));
            }
        }
    }
}
