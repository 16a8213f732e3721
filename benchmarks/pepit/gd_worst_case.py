#!/usr/bin/env python3
"""Worst cases of gradient descent with step 1/L by performance estimation (PEPit), written as the
reference data of the claims gd-convex-worst-case and gd-worst-case-rate.

For each horizon N the script solves PEPit's semidefinite program for x_{k+1} = x_k - (1/L) grad f(x_k):

  convex:          sup f(x_N) - f*       over L-smooth convex f with ||x_0 - x*||^2 <= R^2,
                   theory L R^2 / (4N + 2)                       (Drori & Teboulle 2014, tight)
  strongly convex: sup ||x_N - x*||^2    over L-smooth mu-strongly convex f with ||x_0 - x*||^2 <= 1,
                   theory (1 - mu/L)^(2N)                        (Nesterov 2004, tight on a quadratic)

and writes proofs-numeric/data/pepit-gd-convex.csv (N, pepit_worst_case, theory) with L = R = 1 and
proofs-numeric/data/pepit-gd-strongly-convex.csv (N, mu, L, pepit_worst_case, theory) with mu = 1 and the two
condition numbers of the claim gd-worst-case-rate, L = 10 and L = 100.
The solver is Clarabel (interior point, through cvxpy): its relative accuracy (~1e-8) is well inside the
1e-5 the RateLab test allows. RateLab never needs PEPit: this script only regenerates the files.

    python3 -m venv .build-venv && .build-venv/bin/pip install pepit
    .build-venv/bin/python benchmarks/pepit/gd_worst_case.py [--classes convex,strongly-convex]

Horizons: convex, every N up to 20 and then 25, 30, 40, ..., 100 (one SDP of horizon N has (N+2)^2
interpolation constraints and takes about a minute of CPU at N = 100); strongly convex, L = 10 for N = 1...20
(the worst case (0.81)^N falls below 1e-4 beyond, where the solver's absolute accuracy, ~1e-9, would no longer give
the relative 1e-5 the test asks for) and L = 100 at the convex horizons up to N = 100 ((0.99)^(2N) >= 0.13 there).
"""
import argparse
import csv
import os

import cvxpy
from PEPit import PEP
from PEPit.functions import SmoothConvexFunction, SmoothStronglyConvexFunction

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "proofs-numeric", "data")


def gd_worst_case(n, L, mu=None):
    """PEPit's worst case of n GD steps with step 1/L: f(x_n) - f* (mu None) or ||x_n - x*||^2."""
    problem = PEP()
    if mu is None:
        func = problem.declare_function(SmoothConvexFunction, L=L)
    else:
        func = problem.declare_function(SmoothStronglyConvexFunction, mu=mu, L=L)
    xs = func.stationary_point()
    fs = func(xs)
    x0 = problem.set_initial_point()
    problem.set_initial_condition((x0 - xs) ** 2 <= 1)
    x = x0
    for _ in range(n):
        x = x - (1 / L) * func.gradient(x)
    problem.set_performance_metric(func(x) - fs if mu is None else (x - xs) ** 2)
    return problem.solve(wrapper="cvxpy", solver=cvxpy.CLARABEL, verbose=0)


def write(name, header, rows):
    os.makedirs(DATA, exist_ok=True)
    path = os.path.join(DATA, name)
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    print(f"wrote {os.path.normpath(path)} ({len(rows)} rows)")


def horizons(text):
    """'1-20,25,30' -> [1, ..., 20, 25, 30]: comma-separated horizons N >= 1 or ranges A-B."""
    ns = []
    for part in text.split(","):
        a, _, b = part.partition("-")
        ns.extend(range(int(a), int(b or a) + 1))
    if not ns or min(ns) < 1 or sorted(set(ns)) != ns:
        raise argparse.ArgumentTypeError(f"expected increasing horizons N >= 1, e.g. 1-20,25,30; got {text}")
    return ns


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--classes", default="convex,strongly-convex",
                        help="which tables to write: convex, strongly-convex or both (default)")
    parser.add_argument("--convex-horizons", type=horizons, default=horizons("1-20,25,30,40,50,60,70,80,90,100"),
                        help="horizons N of the convex table: values or ranges A-B (default 1-20,25,30,40,...,100)")
    parser.add_argument("--strongly-convex-horizons", type=horizons, default=horizons("1-20"),
                        help="horizons N of the strongly convex table at L = 10 (default 1-20)")
    parser.add_argument("--ill-conditioned-horizons", type=horizons, default=horizons("1-20,25,30,40,50,60,70,80,90,100"),
                        help="horizons N of the strongly convex table at L = 100 (default as the convex table)")
    args = parser.parse_args()
    classes = args.classes.split(",")
    unknown = set(classes) - {"convex", "strongly-convex"}
    if unknown:
        parser.error(f"--classes: unknown {', '.join(sorted(unknown))}; expected convex and/or strongly-convex")
    if "convex" in classes:
        write("pepit-gd-convex.csv", ["N", "pepit_worst_case", "theory"],
              [(n, repr(gd_worst_case(n, L=1.0)), repr(1 / (4 * n + 2))) for n in args.convex_horizons])
    if "strongly-convex" in classes:
        mu = 1.0
        cases = [(10.0, n) for n in args.strongly_convex_horizons] + [(100.0, n) for n in args.ill_conditioned_horizons]
        write("pepit-gd-strongly-convex.csv", ["N", "mu", "L", "pepit_worst_case", "theory"],
              [(n, mu, L, repr(gd_worst_case(n, L=L, mu=mu)), repr((1 - mu / L) ** (2 * n))) for L, n in cases])


if __name__ == "__main__":
    main()
