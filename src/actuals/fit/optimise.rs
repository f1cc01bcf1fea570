//! A small Nelder–Mead minimiser and a numerical Hessian, for the
//! two-parameter maximum-likelihood fits.

/// Minimises `f` from `start` with initial steps `step`; returns the best
/// point. Stops when the simplex's values agree to `1e-10` (relative) or
/// after 2,000 iterations.
pub fn nelder_mead(f: impl Fn([f64; 2]) -> f64, start: [f64; 2], step: [f64; 2]) -> [f64; 2] {
    let mut pts = [start, [start[0] + step[0], start[1]], [start[0], start[1] + step[1]]];
    let mut vals = pts.map(&f);
    for _ in 0..2000 {
        let mut idx = [0usize, 1, 2];
        idx.sort_by(|&a, &b| vals[a].total_cmp(&vals[b]));
        let (b, m, w) = (idx[0], idx[1], idx[2]);
        if (vals[w] - vals[b]).abs() <= 1e-10 * (1.0 + vals[b].abs()) {
            break;
        }
        let c = [(pts[b][0] + pts[m][0]) / 2.0, (pts[b][1] + pts[m][1]) / 2.0];
        let along = |t: f64| [c[0] + t * (pts[w][0] - c[0]), c[1] + t * (pts[w][1] - c[1])];
        let r = along(-1.0);
        let fr = f(r);
        if fr < vals[b] {
            let e = along(-2.0);
            let fe = f(e);
            (pts[w], vals[w]) = if fe < fr { (e, fe) } else { (r, fr) };
        } else if fr < vals[m] {
            (pts[w], vals[w]) = (r, fr);
        } else {
            let k = along(if fr < vals[w] { -0.5 } else { 0.5 });
            let fk = f(k);
            if fk < vals[w].min(fr) {
                (pts[w], vals[w]) = (k, fk);
            } else {
                for i in [m, w] {
                    pts[i] = [(pts[i][0] + pts[b][0]) / 2.0, (pts[i][1] + pts[b][1]) / 2.0];
                    vals[i] = f(pts[i]);
                }
            }
        }
    }
    let best = (0..3).min_by(|&a, &b| vals[a].total_cmp(&vals[b])).expect("three points");
    pts[best]
}

/// The inverse of the Hessian of `f` at `x` (by central differences): the
/// covariance of a maximum-likelihood estimate when `f` is the negative
/// log-likelihood. `None` if the Hessian is not positive definite.
pub fn inverse_hessian(f: impl Fn([f64; 2]) -> f64, x: [f64; 2]) -> Option<[[f64; 2]; 2]> {
    let h = [1e-4 * (1.0 + x[0].abs()), 1e-4 * (1.0 + x[1].abs())];
    let at = |d0: f64, d1: f64| f([x[0] + d0, x[1] + d1]);
    let f0 = at(0.0, 0.0);
    let a = (at(h[0], 0.0) - 2.0 * f0 + at(-h[0], 0.0)) / (h[0] * h[0]);
    let d = (at(0.0, h[1]) - 2.0 * f0 + at(0.0, -h[1])) / (h[1] * h[1]);
    let b = (at(h[0], h[1]) - at(h[0], -h[1]) - at(-h[0], h[1]) + at(-h[0], -h[1])) / (4.0 * h[0] * h[1]);
    let det = a * d - b * b;
    (a > 0.0 && det > 0.0).then(|| [[d / det, -b / det], [-b / det, a / det]])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_minimum_and_curvature_of_a_quadratic() {
        // f = (x-3)²/2·4 + (y+1)²/2·(1/9): covariance diag(1/4... ) inverse.
        let f = |p: [f64; 2]| 2.0 * (p[0] - 3.0).powi(2) + (p[1] + 1.0).powi(2) / 18.0;
        let x = nelder_mead(f, [0.0, 0.0], [1.0, 1.0]);
        assert!((x[0] - 3.0).abs() < 1e-4 && (x[1] + 1.0).abs() < 1e-3, "{x:?}");
        let cov = inverse_hessian(f, [3.0, -1.0]).unwrap();
        assert!((cov[0][0] - 0.25).abs() < 1e-4 && (cov[1][1] - 9.0).abs() < 1e-2, "{cov:?}");
    }
}
