//! The rows of the model: per (centre, skill) coverage and mentor rows,
//! per volunteer overlap and rest cliques and weekly limits, and the
//! interval computations they rest on.

use highs::{Col, RowProblem};

use super::{add_col, ComponentModel};
use crate::candidates::Candidate;
use crate::problem::{Problem, Role};

/// Maximal point cliques of intervals `[s, e)` (indices into `iv`), size ≥ 2.
pub fn cliques(iv: &[(u32, u32)]) -> Vec<Vec<usize>> {
    let mut starts: Vec<u32> = iv.iter().map(|x| x.0).collect();
    starts.sort_unstable();
    starts.dedup();
    let mut out = Vec::new();
    for (i, &p) in starts.iter().enumerate() {
        let members: Vec<usize> = (0..iv.len())
            .filter(|&j| iv[j].0 <= p && p < iv[j].1)
            .collect();
        // Maximal iff no later start point sees a superset: some member
        // ends at or before the next start.
        let maximal = match starts.get(i + 1) {
            None => true,
            Some(&q) => members.iter().any(|&j| iv[j].1 <= q),
        };
        if maximal && members.len() >= 2 {
            out.push(members);
        }
    }
    out
}

/// Exact maximum total weight and maximum count of pairwise-disjoint
/// intervals (weighted and unweighted interval scheduling).
pub fn max_compatible(iv: &[(u32, u32, u64)]) -> (u64, u64) {
    let mut order: Vec<usize> = (0..iv.len()).collect();
    order.sort_by_key(|&j| (iv[j].1, iv[j].0));
    let ends: Vec<u32> = order.iter().map(|&j| iv[j].1).collect();
    let mut best = vec![0u64; order.len() + 1];
    for (k, &j) in order.iter().enumerate() {
        let p = ends.partition_point(|&e| e <= iv[j].0);
        best[k + 1] = best[k].max(best[p] + iv[j].2);
    }
    let mut count = 0u64;
    let mut last_end = 0u32;
    let mut first = true;
    for &j in &order {
        if first || iv[j].0 >= last_end {
            count += 1;
            last_end = iv[j].1;
            first = false;
        }
    }
    (best[order.len()], count)
}

/// The coverage rows of `(centre, skill)` (`c`, `k`) and, when the rule
/// is on, its mentor rows, over its local candidates `ls`.
pub(super) fn pair_rows(
    problem: &Problem,
    local: &[&Candidate],
    ls: &[usize],
    (c, k): (usize, usize),
    p: &mut RowProblem,
    cols: &mut Vec<Col>,
    m: &mut ComponentModel,
) {
    let n = problem.n_slots as usize;
    let req = problem.required(c, k);
    let mut staff: Vec<Vec<usize>> = Vec::new();
    let mut trainee: Vec<Vec<usize>> = Vec::new();
    for &l in ls {
        let sh = local[l].shift;
        let by = if sh.role == Role::Staff {
            &mut staff
        } else {
            &mut trainee
        };
        if by.is_empty() {
            *by = vec![Vec::new(); n];
        }
        for s in sh.range.start..sh.range.end {
            by[s as usize].push(l);
        }
    }
    let none: &[usize] = &[];
    let staff_at = |s: usize| staff.get(s).map(Vec::as_slice).unwrap_or(none);
    if let Some(req) = req {
        // A run of consecutive slots with the same requirement and the same
        // staff candidates shares one row and one slack weighted by the
        // run's length (identical rows otherwise).
        let mut s = 0;
        while s < req.len() {
            let r = req[s];
            let xs = staff_at(s);
            let mut e = s + 1;
            while e < req.len() && req[e] == r && staff_at(e) == xs {
                e += 1;
            }
            let len = (e - s) as u64;
            s = e;
            if r == 0 {
                continue;
            }
            if xs.is_empty() {
                m.const_uncovered_slots += u64::from(r) * len;
                continue;
            }
            let u = add_col(p, cols, 0.0, f64::from(r), false);
            m.uncovered.push((u, len as f64));
            let mut row: Vec<(Col, f64)> = xs.iter().map(|&l| (cols[l], 1.0)).collect();
            row.push((cols[u], 1.0));
            p.add_row(f64::from(r).., row);
        }
    }
    if problem.rules.trainee_requires_mentor {
        for (s, ts) in trainee.iter().enumerate() {
            // Same trainees and staff as the slot before: same row.
            if ts.is_empty() || (s > 0 && trainee[s - 1] == *ts && staff_at(s - 1) == staff_at(s)) {
                continue;
            }
            let mut row: Vec<(Col, f64)> = ts.iter().map(|&l| (cols[l], 1.0)).collect();
            row.extend(staff_at(s).iter().map(|&l| (cols[l], -1.0)));
            p.add_row(..=0.0, row);
        }
    }
}

/// A rounded form of a volunteer's weekly minutes limit `Σ l_j x_j ≤ M`
/// (`lens[j] = l_j > 0`, `M > 0`): `Σ a_j x_j ≤ k` with `k = ⌊M / l_min⌋`
/// and `a_j = ⌈(k+1)·l_j / M⌉ − 1`. Valid for binary `x`: each `a_j <
/// (k+1)·l_j / M`, so `Σ a_j x_j ≥ k+1` would need `Σ l_j x_j > M`. It is
/// the Chvátal–Gomory rounding of the limit divided by `l_min` (or a little
/// more), and cuts off the LP's typical fractional point: with `M = 300`
/// and two-hour shifts, two and a half shifts (a = 1 for 2 h and 3 h shifts,
/// 2 for 4 h ones, k = 2). Measured (release, 2 threads, one run each, same
/// load): alma-600 0.92–1.01 s → 0.82–0.95 s; 20 generated alma-600 weeks
/// (seeds 11–30) 60.6 s → 38.5 s in all, the slowest 26.4 s → 9.2 s; the
/// largest component of alma-600 (1,552 candidates) has a coverage LP
/// bound of 16.9 slots without it and 19.4 with it (optimum 21).
pub fn rounded_minutes_row(max_minutes: u32, lens: &[u32]) -> Option<(u32, Vec<u32>)> {
    let m = u64::from(max_minutes);
    let lmin = u64::from(*lens.iter().min()?);
    if m == 0 || lmin == 0 {
        return None;
    }
    let k = m / lmin;
    let coef = lens
        .iter()
        .map(|&l| u32::try_from(((k + 1) * u64::from(l)).div_ceil(m) - 1).unwrap_or(u32::MAX))
        .collect();
    Some((u32::try_from(k).ok()?, coef))
}

#[allow(clippy::too_many_arguments)]
pub(super) fn volunteer_rows(
    problem: &Problem,
    local: &[&Candidate],
    range: std::ops::Range<usize>,
    rest: u32,
    sm: u32,
    p: &mut RowProblem,
    cols: &mut Vec<Col>,
    m: &mut ComponentModel,
) {
    let vol = &problem.volunteers[local[range.start].shift.volunteer];
    let ls: Vec<usize> = range.collect();
    let ext: Vec<(u32, u32)> = ls
        .iter()
        .map(|&l| (local[l].shift.range.start, local[l].shift.range.end + rest))
        .collect();
    for cl in cliques(&ext) {
        p.add_row(..=1.0, cl.iter().map(|&i| (cols[ls[i]], 1.0)));
    }
    let weighted: Vec<(u32, u32, u64)> = ls
        .iter()
        .zip(&ext)
        .map(|(&l, &(s, e))| (s, e, u64::from(local[l].slots() * sm)))
        .collect();
    let (max_load, max_count) = max_compatible(&weighted);
    let unpref: Vec<(u32, u32, u64)> = ls
        .iter()
        .zip(&ext)
        .map(|(&l, &(s, e))| (s, e, u64::from(local[l].unpreferred / sm.max(1))))
        .collect();
    let (max_unpref, _) = max_compatible(&unpref);
    let cap_slots = vol
        .max_minutes
        .map_or(u64::MAX, |mm| u64::from(mm / sm.max(1)));
    m.p_max += max_unpref.min(cap_slots) as f64;
    let minutes = |l: usize| f64::from(local[l].slots() * sm);
    if let Some(mm) = vol.max_minutes {
        if max_load > u64::from(mm) {
            p.add_row(..=f64::from(mm), ls.iter().map(|&l| (cols[l], minutes(l))));
            let lens: Vec<u32> = ls.iter().map(|&l| local[l].slots() * sm).collect();
            if let Some((k, coef)) = rounded_minutes_row(mm, &lens) {
                let iv: Vec<(u32, u32, u64)> = ext
                    .iter()
                    .zip(&coef)
                    .map(|(&(s, e), &a)| (s, e, u64::from(a)))
                    .collect();
                if max_compatible(&iv).0 > u64::from(k) {
                    p.add_row(
                        ..=f64::from(k),
                        ls.iter()
                            .zip(&coef)
                            .filter(|&(_, &a)| a > 0)
                            .map(|(&l, &a)| (cols[l], f64::from(a))),
                    );
                }
            }
        }
    }
    if let Some(ms) = vol.max_shifts {
        if max_count > u64::from(ms) {
            p.add_row(..=f64::from(ms), ls.iter().map(|&l| (cols[l], 1.0)));
        }
    }
    let target = vol.training_minutes_target;
    let trainees: Vec<usize> = ls
        .iter()
        .copied()
        .filter(|&l| local[l].shift.role == Role::Trainee)
        .collect();
    if target > 0 && !trainees.is_empty() {
        let t = add_col(p, cols, 0.0, f64::from(target), false);
        m.shortfall.push((t, 1.0));
        m.t_max += f64::from(target);
        let mut row: Vec<(Col, f64)> = trainees.iter().map(|&l| (cols[l], minutes(l))).collect();
        row.push((cols[t], 1.0));
        p.add_row(f64::from(target).., row);
    }
    // Fairness: load / L, plus convex excesses above ½ and ¾ of L.
    let cap = vol
        .max_minutes
        .map(u64::from)
        .unwrap_or(max_load)
        .min(max_load.max(1))
        .max(1) as f64;
    for &l in &ls {
        m.fairness.push((l, minutes(l) / cap));
    }
    for (b, w) in [(0.5, 2.0), (0.75, 4.0)] {
        let e = add_col(p, cols, 0.0, f64::INFINITY, false);
        m.fairness.push((e, w));
        let mut row: Vec<(Col, f64)> = vec![(cols[e], cap)];
        row.extend(ls.iter().map(|&l| (cols[l], -minutes(l))));
        p.add_row(-b * cap.., row);
    }
}

#[cfg(test)]
mod tests {
    use super::rounded_minutes_row;
    use proptest::prelude::*;

    #[test]
    fn the_rounded_limit_cuts_off_two_and_a_half_shifts() {
        // 300 minutes a week; shifts of 2, 3 and 4 hours.
        let (k, a) = rounded_minutes_row(300, &[120, 120, 120, 180, 240]).unwrap();
        assert_eq!((k, &a[..]), (2, &[1, 1, 1, 1, 2][..]));
        // The LP point x = (1, 1, ½, 0, 0) uses exactly 300 minutes, and
        // breaks the rounded row (2.5 > 2).
        let lhs: f64 = [1.0, 1.0, 0.5]
            .iter()
            .zip(&a)
            .map(|(x, &c)| x * f64::from(c))
            .sum();
        assert!(lhs > f64::from(k));
    }

    proptest! {
        /// Every set of shifts within the limit satisfies the rounded row.
        #[test]
        fn the_rounded_limit_keeps_every_rota_within_the_limit(
            max in 1u32..1_000,
            lens in proptest::collection::vec(1u32..600, 1..10),
        ) {
            let (k, a) = rounded_minutes_row(max, &lens).unwrap();
            for set in 0u32..(1 << lens.len()) {
                let chosen = (0..lens.len()).filter(|&j| set >> j & 1 == 1);
                let minutes: u32 = chosen.clone().map(|j| lens[j]).sum();
                let rounded: u32 = chosen.map(|j| a[j]).sum();
                if minutes <= max {
                    prop_assert!(rounded <= k, "{lens:?} within {max}: {rounded} > {k}");
                }
            }
        }
    }
}
