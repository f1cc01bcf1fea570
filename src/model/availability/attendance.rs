//! Attendance: whether a person comes to a shift, and when.

use crate::engine::{stream_rng, StreamRng};
use crate::model::dist::Dist;
use rand::Rng;
use serde::Serialize;

/// Who holds a shift.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Role {
    /// Customer-service agents.
    Agents,
    /// Warehouse packers.
    Packers,
}

/// How reliably the people of a group come to their shifts.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Attendance {
    /// Probability that a person-shift is missing (no-show, sickness) [share].
    pub absence_share: f64,
    /// Share of present person-shifts that start late [share].
    pub late_start_share: f64,
    /// How late a late start is [s]; `None` with no late starts.
    pub late_start_s: Option<Dist>,
}

/// One person's attendance at one shift.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PersonDay {
    /// There from the start.
    Present,
    /// Arrives this long after the start [s].
    Late(f64),
    /// Does not come (or would come only after the shift's end).
    Absent,
}

impl Attendance {
    /// True when everyone always comes on time.
    pub fn is_perfect(&self) -> bool {
        self.absence_share == 0.0 && self.late_start_share == 0.0
    }

    /// Draws one person-shift of `shift_s` seconds. Always takes three
    /// uniforms, so that the draws of one person do not depend on the
    /// settings (common random numbers across plans).
    pub fn draw(&self, rng: &mut StreamRng, shift_s: f64) -> PersonDay {
        let (absent_u, late_u, by_u): (f64, f64, f64) = (rng.random(), rng.random(), rng.random());
        if absent_u < self.absence_share {
            return PersonDay::Absent;
        }
        match &self.late_start_s {
            Some(d) if late_u < self.late_start_share => {
                let by = d.quantile(by_u);
                if by >= shift_s {
                    PersonDay::Absent
                } else {
                    PersonDay::Late(by)
                }
            }
            _ => PersonDay::Present,
        }
    }
}

/// The random stream of the attendance of `group` at round `round` of
/// shift `shift` of `role`: one stream each, so adding a person to one
/// shift changes nobody else's draws.
pub fn attendance_stream(seed: u64, rep: u64, role: Role, shift: u16, group: u16, round: u16) -> StreamRng {
    let role_bit = match role {
        Role::Agents => 0u64,
        Role::Packers => 1,
    };
    // A tag far above the model's stream ids keeps these apart from them.
    let id =
        0x4154_0000_0000_0000u64 | role_bit << 48 | u64::from(shift) << 32 | u64::from(group) << 16 | u64::from(round);
    stream_rng(seed, rep, id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absence_is_drawn_with_its_probability() {
        let a = Attendance { absence_share: 0.2, ..Default::default() };
        let mut rng = attendance_stream(1, 2, Role::Agents, 0, 0, 0);
        let n = 100_000;
        let absent = (0..n).filter(|_| a.draw(&mut rng, 3600.0) == PersonDay::Absent).count() as f64;
        let se = (0.2f64 * 0.8 / f64::from(n)).sqrt();
        assert!((absent / f64::from(n) - 0.2).abs() < 4.0 * se, "{absent}");
    }

    #[test]
    fn very_late_is_absent_and_perfect_attendance_draws_present() {
        let late = Attendance {
            late_start_share: 1.0,
            late_start_s: Some(Dist::Fixed { value: 7200.0 }),
            ..Default::default()
        };
        let mut rng = attendance_stream(1, 2, Role::Packers, 3, 1, 2);
        assert_eq!(late.draw(&mut rng, 3600.0), PersonDay::Absent);
        assert_eq!(late.draw(&mut rng, 8000.0), PersonDay::Late(7200.0));
        assert_eq!(Attendance::default().draw(&mut rng, 10.0), PersonDay::Present);
    }
}
