//! Who of a packer shift's people is packing: attendance drawn at each
//! round's start, breaks, late arrivals. Packers of a group are alike, so
//! the packers pool keeps counts; each person's reasons for not packing are
//! kept here as bits.

use super::Warehouse;
use crate::engine::EventQueue;
use crate::model::availability::{attendance_stream, PersonDay, Role};
use crate::model::event::{priority, Event};
use crate::model::shifts::Shift;

/// Absent from this round.
const ABSENT: u8 = 1;
/// Not arrived yet.
const NOT_ARRIVED: u8 = 2;
/// On a break.
const ON_BREAK: u8 = 4;

/// The people of one packer shift in its current round.
#[derive(Debug, Clone)]
pub(super) struct Crew {
    /// The group of each person (people numbered group by group).
    person_group: Vec<u16>,
    /// Why each person is not packing; 0: packing or free to pack.
    state: Vec<u8>,
    /// People of each group packing or free to pack.
    working: Vec<u32>,
    /// The current round's start minus the listed start [s].
    offset_s: f64,
}

impl Crew {
    /// The crew of `shift`, before any round.
    pub(super) fn new(shift: &Shift) -> Self {
        let person_group =
            shift.headcount.iter().enumerate().flat_map(|(g, &n)| std::iter::repeat_n(g as u16, n as usize)).collect();
        Self { person_group, state: Vec::new(), working: vec![0; shift.headcount.len()], offset_s: 0.0 }
    }
}

impl Warehouse<'_> {
    /// Sets the reasons person `person` of shift `shift` is not packing to
    /// `state` at `now`, keeping the packers and the levels in step.
    fn set_person(&mut self, now: f64, shift: u16, person: u32, state: u8) {
        let crew = &mut self.crews[shift as usize];
        let g = crew.person_group[person as usize];
        let old = std::mem::replace(&mut crew.state[person as usize], state);
        if (old == 0) != (state == 0) {
            if state == 0 {
                crew.working[g as usize] += 1;
                self.packers.one_comes(g);
                self.observer.available.add(now, 1.0);
            } else {
                crew.working[g as usize] -= 1;
                self.packers.one_leaves(g);
                self.observer.available.add(now, -1.0);
            }
        }
        if (old == ON_BREAK) != (state == ON_BREAK) {
            self.observer.on_break.add(now, if state == ON_BREAK { 1.0 } else { -1.0 });
        }
    }

    /// Round `round` of shift `shift` starts at `now`: draws who comes,
    /// puts them to work and schedules late arrivals and the first break.
    pub(super) fn crew_starts(&mut self, now: f64, shift: u16, round: u16, events: &mut EventQueue<Event>) {
        let params = self.params;
        let s = &params.shifts[shift as usize];
        let (seed, rep) = self.draw_key;
        let crew = &mut self.crews[shift as usize];
        crew.offset_s = now - s.start_s;
        crew.state.clear();
        crew.state.resize(crew.person_group.len(), 0);
        crew.working.clone_from(&s.headcount);
        let mut person = 0u32;
        for (g, &n) in s.headcount.iter().enumerate() {
            let attendance = &params.groups[g].attendance;
            if attendance.is_perfect() {
                person += n;
                continue;
            }
            let mut rng = attendance_stream(seed, rep, Role::Packers, shift, g as u16, round);
            for _ in 0..n {
                let bit = match attendance.draw(&mut rng, s.end_s - s.start_s) {
                    PersonDay::Present => 0,
                    PersonDay::Absent => {
                        self.observer.absent += 1;
                        ABSENT
                    }
                    PersonDay::Late(by) => {
                        self.observer.late_starts += 1;
                        events.schedule(now + by, priority::SHIFT_START, Event::PackerArrives(shift, person));
                        NOT_ARRIVED
                    }
                };
                crew.state[person as usize] = bit;
                crew.working[g] -= u32::from(bit != 0);
                person += 1;
            }
        }
        self.packers.shift_starts(&crew.working);
        self.observer.available.add(now, f64::from(crew.working.iter().sum::<u32>()));
        self.schedule_break(shift, 0, events);
    }

    /// The current round of shift `shift` ends at `now`.
    pub(super) fn crew_ends(&mut self, now: f64, shift: u16) {
        let crew = &mut self.crews[shift as usize];
        self.packers.shift_ends(&crew.working);
        self.observer.available.add(now, -f64::from(crew.working.iter().sum::<u32>()));
        let resting = crew.state.iter().filter(|&&s| s == ON_BREAK).count();
        self.observer.on_break.add(now, -(resting as f64));
        crew.working.fill(0);
    }

    fn schedule_break(&self, shift: u16, index: u32, events: &mut EventQueue<Event>) {
        if let Some(c) = self.breaks[shift as usize].changes.get(index as usize) {
            let p = if c.starts { priority::SHIFT_END } else { priority::SHIFT_START };
            let at = c.at_s + self.crews[shift as usize].offset_s;
            events.schedule(at, p, Event::PackerBreak(shift, index));
        }
    }

    /// Break change `index` of the current round of shift `shift` is due
    /// at `now`. Call [`Warehouse::start_packing`] afterwards.
    pub fn break_change(&mut self, now: f64, shift: u16, index: u32, events: &mut EventQueue<Event>) {
        let c = self.breaks[shift as usize].changes[index as usize];
        let old = self.crews[shift as usize].state[c.person as usize];
        let new = if c.starts { old | ON_BREAK } else { old & !ON_BREAK };
        self.set_person(now, shift, c.person, new);
        self.schedule_break(shift, index + 1, events);
    }

    /// Person `person` of the current round of shift `shift` arrives late
    /// at `now`. Call [`Warehouse::start_packing`] afterwards.
    pub fn arrives(&mut self, now: f64, shift: u16, person: u32) {
        let old = self.crews[shift as usize].state[person as usize];
        self.set_person(now, shift, person, old & !NOT_ARRIVED);
    }
}
