#!/usr/bin/env python3
"""NumPy peer of RateLab's Local SGD benchmark (workloads A, B, C and F of `ratelab bench`).

The same math as RateLab's `local-sgd` on synthetic logistic regression, written the way a
researcher vectorises it over workers:

    data     a_k ~ N(0, I_d), x_true ~ N(0, I_d), y_k = sign(a_k . x_true) flipped with prob. 0.1,
             n = p*m rows, worker i owns rows i*m .. (i+1)*m - 1
    loss     f_i(x) = (1/m) sum_k log(1 + exp(-y_k a_k . x)) + (lam/2)|x|^2
    step     every worker draws B row indices uniformly with replacement (one fancy-indexing gather
             of shape p x B x d), margins t = einsum('pbd,pd->pb'), c = -y sigma(-y t) / B,
             g = einsum('pb,pbd->pd', c, rows) + lam x,  x <- x - lr g
    average  every tau steps x_i <- (1/p) sum_j x_j

Data come from NumPy's own generator (same distribution, not the same numbers): the comparison is
throughput, not bitwise equality. Only the training loop is timed. Prints one JSON line:
wall_seconds, sample_gradients, sample_gradients_per_second, setup_seconds, final_loss.
"""
import argparse
import json
import time

import numpy as np


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, required=True, help="p, the number of workers")
    parser.add_argument("--dimension", type=int, required=True, help="d, the number of features")
    parser.add_argument("--samples-per-worker", type=int, required=True, help="m, rows per worker")
    parser.add_argument("--steps", type=int, required=True, help="T, local steps per worker")
    parser.add_argument("--batch", type=int, default=32, help="B, minibatch size")
    parser.add_argument("--tau", type=int, default=10, help="averaging period in steps")
    parser.add_argument("--lr", type=float, default=0.05, help="constant step size")
    parser.add_argument("--lam", type=float, default=1e-3, help="ridge weight lambda")
    parser.add_argument("--label-flip", type=float, default=0.1, help="label flip probability")
    parser.add_argument("--seed", type=int, default=1, help="seed of NumPy's generator")
    return parser.parse_args()


def mean_loss(features, labels, x, lam):
    """f(x_bar) over all rows: mean softplus(-y a.x) + (lam/2)|x|^2, x_bar the worker average."""
    x_bar = x.mean(axis=0)
    margins = np.einsum("pmd,d->pm", features, x_bar)
    return float(np.mean(np.logaddexp(0.0, -labels * margins)) + 0.5 * lam * x_bar @ x_bar)


def main():
    args = parse_arguments()
    p, d, m, batch = args.workers, args.dimension, args.samples_per_worker, args.batch
    setup_start = time.perf_counter()
    rng = np.random.default_rng(args.seed)
    features = rng.standard_normal((p, m, d))
    x_true = rng.standard_normal(d)
    labels = np.sign(features @ x_true)
    labels[labels == 0] = 1.0
    labels[rng.random((p, m)) < args.label_flip] *= -1.0
    x = np.zeros((p, d))
    worker_index = np.arange(p)[:, None]
    setup_seconds = time.perf_counter() - setup_start

    start = time.perf_counter()
    for step in range(args.steps):
        idx = rng.integers(0, m, size=(p, batch))
        rows = features[worker_index, idx]
        y = labels[worker_index, idx]
        margins = np.einsum("pbd,pd->pb", rows, x)
        coefficient = -y / (1.0 + np.exp(y * margins)) / batch
        gradient = np.einsum("pb,pbd->pd", coefficient, rows) + args.lam * x
        x -= args.lr * gradient
        if (step + 1) % args.tau == 0:
            x[:] = x.mean(axis=0)
    wall = time.perf_counter() - start

    print_measurement(wall, p * args.steps * batch, setup_seconds, mean_loss(features, labels, x, args.lam), numpy=np.__version__)


def print_measurement(wall, sample_gradients, setup_seconds, final_loss, **versions):
    """The one JSON line a peer prints (`ratelab bench` and benchmarks/scale_bench.py read it)."""
    print(json.dumps({
        "wall_seconds": wall,
        "sample_gradients": sample_gradients,
        "sample_gradients_per_second": sample_gradients / wall,
        "setup_seconds": setup_seconds,
        "final_loss": final_loss,
        **versions,
    }))


if __name__ == "__main__":
    main()
