#!/usr/bin/env python3
"""JAX peer of RateLab's Local SGD benchmark (workloads A, B and C of `ratelab bench`).

The math of benchmarks/numpy_local_sgd.py written the fastest way JAX allows: the whole run is one
jit-compiled function, vmap over workers, lax.scan over averaging periods and over the steps inside
a period, the minibatch indices drawn beforehand (p x T x B int32, so the scan does no RNG work).
float64 (jax_enable_x64) as RateLab. A first call compiles and warms up (setup_seconds, not timed);
only the training loop is (block_until_ready). Prints one JSON line like the NumPy peer:
wall_seconds, sample_gradients, sample_gradients_per_second, setup_seconds, final_loss, jax.
"""
import time

import jax

from numpy_local_sgd import parse_arguments, print_measurement  # the NumPy peer's flags and output

jax.config.update("jax_enable_x64", True)
import jax.numpy as jnp  # noqa: E402  (after enabling float64)


def make_run(features, labels, lr, lam, batch):
    """The jitted run: (x0, indices of shape periods x tau x p x B) -> x after every period."""

    def worker_step(x, rows, y):
        margins = rows @ x
        coefficient = -y / (1.0 + jnp.exp(y * margins)) / batch
        return x - lr * (coefficient @ rows + lam * x)

    def step(x, idx):
        rows = jnp.take_along_axis(features, idx[:, :, None], axis=1)
        y = jnp.take_along_axis(labels, idx, axis=1)
        return jax.vmap(worker_step)(x, rows, y), None

    def period(x, idx_period):
        x, _ = jax.lax.scan(step, x, idx_period)
        return jnp.broadcast_to(x.mean(axis=0), x.shape), None

    @jax.jit
    def run(x0, indices):
        x, _ = jax.lax.scan(period, x0, indices)
        return x

    return run


def main():
    args = parse_arguments()
    p, d, m, batch, tau = args.workers, args.dimension, args.samples_per_worker, args.batch, args.tau
    if args.steps % tau:
        raise SystemExit("jax peer: --steps must be a multiple of --tau")
    setup_start = time.perf_counter()
    key_features, key_truth, key_flip, key_index = jax.random.split(jax.random.PRNGKey(args.seed), 4)
    features = jax.random.normal(key_features, (p, m, d), dtype=jnp.float64)
    x_true = jax.random.normal(key_truth, (d,), dtype=jnp.float64)
    labels = jnp.where(features @ x_true >= 0, 1.0, -1.0)
    labels = jnp.where(jax.random.uniform(key_flip, (p, m)) < args.label_flip, -labels, labels)
    indices = jax.random.randint(key_index, (args.steps // tau, tau, p, batch), 0, m, dtype=jnp.int32)
    run = make_run(features, labels, args.lr, args.lam, batch)
    x0 = jnp.zeros((p, d), dtype=jnp.float64)
    run(x0, indices).block_until_ready()  # compiles, then runs once: the warm-up
    setup_seconds = time.perf_counter() - setup_start

    start = time.perf_counter()
    x = run(x0, indices).block_until_ready()
    wall = time.perf_counter() - start

    x_bar = x.mean(axis=0)
    loss = jnp.mean(jnp.logaddexp(0.0, -labels * (features @ x_bar))) + 0.5 * args.lam * x_bar @ x_bar
    print_measurement(wall, p * args.steps * batch, setup_seconds, float(loss), jax=jax.__version__)


if __name__ == "__main__":
    main()
