//! What the warehouse observes in one replication: counts by period and
//! time-weighted levels (pack backlog, packers on duty and busy).

use crate::model::observe::{Periods, TimeWeighted};

/// Per-replication observations of the warehouse.
#[derive(Debug, Clone)]
pub struct WarehouseObserver {
    periods: Periods,
    /// Paid orders received [count].
    pub received: u32,
    /// Orders reviewed [count].
    pub reviewed: u32,
    /// Orders packed, by period of packing (in the window only).
    pub packed: Vec<u32>,
    /// Orders packed [count].
    pub packed_total: u32,
    /// Orders for a pre-packed item served from pre-packed stock (labelled
    /// only) [count].
    pub labelled: u32,
    /// Sum over packed orders of payment → packed [s].
    pub pack_wait_sum_s: f64,
    /// Pack backlog: paid orders not yet packed (in review, waiting or being
    /// packed).
    pub backlog: TimeWeighted,
    /// Packers on duty (on shift, paid, whether there or not).
    pub on_duty: TimeWeighted,
    /// Packers available: on duty, present and not on a break.
    pub available: TimeWeighted,
    /// Packers present in their shift but on a break.
    pub on_break: TimeWeighted,
    /// Packer-shifts missed by absence [count].
    pub absent: u32,
    /// Packer-shifts started late [count].
    pub late_starts: u32,
    /// Packers packing (including those finishing after their shift).
    pub busy: TimeWeighted,
    /// Rounds of each listed shift repeated after the window, in shift
    /// order: round `k` of shift `i` (for `k` up to `rounds_repeated[i]`)
    /// worked the shift's hours `k` days later [count]. All 0 with
    /// [`super::AfterWindow::ListedOnly`].
    pub rounds_repeated: Vec<u16>,
}

impl WarehouseObserver {
    /// Empty observations over `periods` of a warehouse with `shifts`
    /// listed shifts.
    pub fn new(periods: Periods, shifts: usize) -> Self {
        Self {
            periods,
            received: 0,
            reviewed: 0,
            packed: vec![0; periods.count],
            packed_total: 0,
            labelled: 0,
            pack_wait_sum_s: 0.0,
            backlog: TimeWeighted::new(periods),
            on_duty: TimeWeighted::new(periods),
            available: TimeWeighted::new(periods),
            on_break: TimeWeighted::new(periods),
            absent: 0,
            late_starts: 0,
            busy: TimeWeighted::new(periods),
            rounds_repeated: vec![0; shifts],
        }
    }

    /// Clears every observation, keeping the memory.
    pub fn reset(&mut self) {
        self.received = 0;
        self.reviewed = 0;
        self.packed.fill(0);
        self.packed_total = 0;
        self.labelled = 0;
        self.pack_wait_sum_s = 0.0;
        (self.absent, self.late_starts) = (0, 0);
        self.rounds_repeated.fill(0);
        for tw in self.levels() {
            tw.reset();
        }
    }

    #[inline]
    pub(super) fn packed(&mut self, now: f64, paid_s: f64) {
        self.packed_total += 1;
        if let Some(i) = self.periods.index_in(now) {
            self.packed[i] += 1;
        }
        self.pack_wait_sum_s += now - paid_s;
        self.backlog.add(now, -1.0);
    }

    pub(super) fn close(&mut self, now: f64) {
        for tw in self.levels() {
            tw.advance(now);
        }
    }

    fn levels(&mut self) -> [&mut TimeWeighted; 5] {
        [&mut self.backlog, &mut self.on_duty, &mut self.available, &mut self.on_break, &mut self.busy]
    }
}
