#!/usr/bin/env python3
"""Second half of `make bench` (issue 16): RateLab against the machine and both Python peers, whole
processes with the optimum cache, and a tau-study-like sweep in one process and sharded over two.

Reads what `ratelab bench` just wrote (reports/bench.json: RateLab's and NumPy's sample-gradients/s on
workloads A-C, whose ratio is the "NumPy x" column) and measures, in this one run, RateLab's rate again
(`ratelab bench --workload X --child`) alternating with the C loop and the floor, and against the machine:

  peak      benchmarks/peak_probe.c on as many threads as cores: multiply and add chains on the kernels'
            widest vector type (8 doubles: one 512-bit register under the x86-64-v4 clone), contraction off;
            a workload's flops are 4d per sample gradient (a row dot product and a row update, 2d each),
            so fraction = sample-grad/s * 4d / peak
  stream    benchmarks/bandwidth_probe.c on as many threads as cores: streaming reads of a 512 MB array;
            a workload reads one row of d doubles from memory per sample gradient (its second pass over
            the row hits the cache), so GB/s = sample-grad/s * 8d and fraction = GB/s / stream GB/s (rows
            that hit the last-level cache can take a workload past the stream rate)
  C loop    benchmarks/c_loop.c (`make c-loop`): the same algorithm, streams and summation order as
            RateLab's local-sgd on RateLab's kernels, on the same workloads, the fastest of REPETITIONS runs
            on one thread and on every core (its spin barrier stalls when other processes share the cores),
            against RateLab's fastest of the same rounds: RateLab time / C-loop time
  floor     c_loop.c's `loads` mode: the same index draws, and every sampled row summed into registers once,
            with no gradient: the row-load floor any implementation of the algorithm pays. "floor % peak"
            = floor rows/s * 4d / peak is the most of the peak such an implementation can reach; "% floor"
            = RateLab sample-grad/s / floor rows/s
  JAX       benchmarks/jax_local_sgd.py when a Python with jax is given (--jax-python), else skipped
  process   `ratelab run` of workloads A and C as whole processes with the optimum cache warm, and with
            --no-optimum-cache, against the NumPy peer's whole process (best of 7, alternating)
  sweep     RUNS local-sgd runs (d = 50, T = 2000, p = 8, a tau grid x seeds) with `ratelab sweep`: one
            process on every core, then two processes `--shard 0/2`, `--shard 1/2` on one core each
            (fresh caches); seconds per 1000 runs

Prints a table and writes the numbers to --out (JSON). Timings on a shared machine are noisy: compare
the ratios of this one run, not numbers across runs.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

WORKLOADS = {"A": (8, 1000, 50, 20000), "B": (64, 500, 50, 5000), "C": (8, 1000, 1000, 5000)}  # p, m, d, T
REPETITIONS = 3
# Whole processes of ≈ 0.05 s vary by ±10 ms on a shared machine: their minimum over more runs is steadier.
PROCESS_REPETITIONS = 7
# Whole-process rows: A (issue 16's target) and C, whose 8000 x 1000 problem takes seconds to certify.
PROCESS_WORKLOADS = ["A", "C"]
SWEEP_TAUS = [1, 2, 5, 10, 20, 50, 100, 200]


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ratelab", default=".build/release/ratelab")
    parser.add_argument("--bench-json", default="reports/bench.json")
    parser.add_argument("--python", default=sys.executable, help="Python with NumPy (the NumPy peer)")
    parser.add_argument("--jax-python", default="", help="Python with JAX; empty: the JAX peer is skipped")
    parser.add_argument("--build", default=".build", help="where the probes are compiled")
    parser.add_argument("--sweep-seeds", type=int, default=50, help="seeds per tau of the sweep row (x 8 taus runs)")
    parser.add_argument("--out", default="reports/bench-scale.json")
    return parser.parse_args()


def wall(command, env=None):
    """Seconds the whole process `command` took (it must succeed) and its standard output."""
    start = time.perf_counter()
    done = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"scale bench: {' '.join(command)} exited {done.returncode}:\n{done.stderr}")
    return seconds, done.stdout


def compile_probe(build, name, sources):
    """Compiles `sources` into `build`/`name` as `make c-loop` does; returns the binary."""
    binary = os.path.join(build, name)
    subprocess.run(["clang", "-O2", "-ISources/CKernels/include", *sources, "-o", binary, "-lpthread"], check=True)
    return binary


def ratelab_rate(ratelab, name):
    """Sample gradients per second of `ratelab bench`'s own measurement of workload `name` (one child process,
    the simulation timed apart from the set-up, BLAS on one thread as `ratelab bench` runs it)."""
    output = wall([ratelab, "bench", "--workload", name, "--child"], dict(os.environ, OPENBLAS_NUM_THREADS="1"))[1]
    measurement = json.loads(output.strip().splitlines()[-1])
    return measurement["sampleGradients"] / measurement["wallSeconds"]


def c_loop_rate(c_loop, p, m, d, steps, threads, *mode):
    """Sample gradients (or, in `loads` mode, sampled rows) per second of one run of the C loop."""
    output = wall([c_loop, str(p), str(m), str(d), str(steps), str(threads), *mode])[1]
    return float(output.rsplit(",", 1)[1].split()[0])


def peer_arguments(p, m, d, steps):
    """The peers' flags for workload (p, m, d, T)."""
    return ["--workers", str(p), "--dimension", str(d), "--samples-per-worker", str(m), "--steps", str(steps)]


def run_command(ratelab, name):
    """`ratelab run` of workload `name` as `ratelab bench` runs it (metrics at the start and the end)."""
    p, m, d, steps = WORKLOADS[name]
    return [ratelab, "run", "--problem", "logistic", "--lambda", "1e-3", "--dim", str(d), "--samples-per-worker", str(m),
            "--workers", str(p), "--algorithm", "local-sgd", "--tau", "10", "--steps", str(steps), "--batch", "32",
            "--lr", "0.05", "--every", str(steps), "--seed", "1"]


def measure_process(ratelab, python, name, env):
    """Whole-process seconds of `ratelab run` (optimum cache warm, then off) and of the NumPy peer, best of
    PROCESS_REPETITIONS alternating."""
    command = run_command(ratelab, name)
    wall(command, env)  # warms the optimum cache
    warm, cold, numpy = [], [], []
    for _ in range(PROCESS_REPETITIONS):
        warm.append(wall(command, env)[0])
        numpy.append(wall([python, "benchmarks/numpy_local_sgd.py", *peer_arguments(*WORKLOADS[name])])[0])
        cold.append(wall(command + ["--no-optimum-cache"], env)[0])
    return {"workload": name, "ratelab_warm_seconds": min(warm), "ratelab_cold_seconds": min(cold),
            "numpy_seconds": min(numpy), "ratio_warm": min(numpy) / min(warm), "ratio_cold": min(numpy) / min(cold)}


def sweep_claim(seeds):
    return f"""title: tau-study-like sweep (bench)
source: ratelab bench
statement: throughput of many short local-sgd runs.
problem: {{name: logistic, dimension: 50, samples-per-worker: 1000, workers: 8, lambda: 0.001}}
run: {{algorithm: local-sgd, steps: 2000, batch: 32, lr: 0.05, every: 100}}
sweep:
  run.tau: {SWEEP_TAUS}
seeds: {seeds}
checks:
  - {{kind: power-law, metric: gap, expected: -1, tolerance: 10, tail: 0.5}}
"""


def measure_sweep(ratelab, seeds, scratch):
    """Seconds per 1000 runs: one process on every core, and two shards on one core each."""
    claim = os.path.join(scratch, "tau-sweep.yaml")
    with open(claim, "w") as f:
        f.write(sweep_claim(seeds))
    runs = seeds * len(SWEEP_TAUS)
    env = dict(os.environ, XDG_CACHE_HOME=os.path.join(scratch, "xdg"))
    # Certify the shared problem once, so that neither timing pays for it.
    wall([ratelab, "sweep", claim, "--cache", os.path.join(scratch, "warm"), "--shard", "0/1000", "--reports", scratch], env)
    shutil.copytree(os.path.join(scratch, "warm", "optima"), os.path.join(scratch, "one", "optima"))
    shutil.copytree(os.path.join(scratch, "warm", "optima"), os.path.join(scratch, "two", "optima"))
    one, _ = wall([ratelab, "sweep", claim, "--cache", os.path.join(scratch, "one"), "--reports", os.path.join(scratch, "r1")], env)
    start = time.perf_counter()
    shards = [subprocess.Popen([ratelab, "sweep", claim, "--cache", os.path.join(scratch, "two"), "--shard", f"{k}/2",
                                "--threads", "1"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for k in range(2)]
    if any(s.wait() != 0 for s in shards):
        raise SystemExit("scale bench: a sweep shard failed")
    two = time.perf_counter() - start
    merge, _ = wall([ratelab, "sweep", claim, "--cache", os.path.join(scratch, "two"), "--require-cached",
                     "--reports", os.path.join(scratch, "r2")], env)
    identical = open(os.path.join(scratch, "r1", "tau-sweep", "trajectories.csv"), "rb").read() == \
        open(os.path.join(scratch, "r2", "tau-sweep", "trajectories.csv"), "rb").read()
    return {"runs": runs, "one_process_seconds": one, "two_shards_seconds": two, "merge_seconds": merge,
            "one_process_per_1000": one / runs * 1000, "two_shards_per_1000": two / runs * 1000,
            "merged_identical": identical}


def main():
    args = parse_arguments()
    cores = os.cpu_count() or 1
    os.makedirs(args.build, exist_ok=True)
    with open(args.bench_json) as f:
        bench = {row["workload"]: row for row in json.load(f)["rows"]}
    result = {"cores": cores}

    probe = compile_probe(args.build, "peak_probe", ["benchmarks/peak_probe.c"])
    peak = json.loads(wall([probe, str(cores)])[1])["flops_per_second"]
    result["peak_flops_per_second"] = peak
    bandwidth_probe = compile_probe(args.build, "bandwidth_probe", ["benchmarks/bandwidth_probe.c"])
    stream = json.loads(wall([bandwidth_probe, str(cores)])[1])["bytes_per_second"]
    result["stream_bytes_per_second"] = stream
    c_loop = compile_probe(args.build, "c_loop", ["benchmarks/c_loop.c", "Sources/CKernels/RateLabKernels.c"])

    rows = []
    for name, (p, m, d, steps) in WORKLOADS.items():
        if name not in bench:
            continue
        numpy = bench[name]["numpy"]["sample_gradients_per_second"] if bench[name].get("numpy") else None
        # RateLab, the C loop and the floor alternate, REPETITIONS rounds, so that the machine's load at one
        # moment does not decide their ratios; the fastest of each counts.
        ours = c_rate = floor = 0.0
        for _ in range(REPETITIONS):
            ours = max(ours, ratelab_rate(args.ratelab, name))
            for threads in sorted({1, cores}):
                c_rate = max(c_rate, c_loop_rate(c_loop, p, m, d, steps, threads))
                floor = max(floor, c_loop_rate(c_loop, p, m, d, steps, threads, "loads"))
        jax = None
        if args.jax_python:
            jax = json.loads(wall([args.jax_python, "benchmarks/jax_local_sgd.py", *peer_arguments(p, m, d, steps)])[1])
        rows.append({"workload": name, "ratelab": ours, "numpy": numpy, "c_loop": c_rate,
                     "numpy_ratio": bench[name]["sampleGradientsPerSecond"] / numpy if numpy else None,
                     "jax": jax["sample_gradients_per_second"] if jax else None,
                     "fraction_of_peak": ours * 4 * d / peak, "c_loop_fraction_of_peak": c_rate * 4 * d / peak,
                     "time_vs_c_loop": c_rate / ours, "row_load_floor": floor,
                     "floor_fraction_of_peak": floor * 4 * d / peak, "fraction_of_floor": ours / floor,
                     "bytes_per_second": ours * 8 * d,
                     "fraction_of_stream": ours * 8 * d / stream})
    result["workloads"] = rows

    scratch = tempfile.mkdtemp(prefix="ratelab-scale-bench-")
    try:
        env = dict(os.environ, XDG_CACHE_HOME=os.path.join(scratch, "xdg"))
        result["processes"] = [measure_process(args.ratelab, args.python, name, env) for name in PROCESS_WORKLOADS]
        result["sweep"] = measure_sweep(args.ratelab, args.sweep_seeds, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    print(f"Scale bench ({cores} cores; peak {peak / 1e9:.1f} GFLOP/s: 8-double multiply and add chains, no FMA; "
          f"stream {stream / 1e9:.1f} GB/s: reads of 512 MB)")
    print(f"{'id':<3} {'RateLab grad/s':>14} {'% peak':>7} {'C-loop %':>8} {'time/C':>7} {'floor %':>8} {'% floor':>8}"
          f" {'NumPy ×':>8} {'JAX ×':>7} {'GB/s':>6} {'% stream':>8}")
    for r in rows:
        numpy_ratio = f"{r['numpy_ratio']:.1f}" if r["numpy_ratio"] else "-"
        jax_ratio = f"{r['ratelab'] / r['jax']:.1f}" if r["jax"] else "-"
        print(f"{r['workload']:<3} {r['ratelab']:>14.3g} {100 * r['fraction_of_peak']:>6.1f}% {100 * r['c_loop_fraction_of_peak']:>7.1f}%"
              f" {r['time_vs_c_loop']:>7.2f} {100 * r['floor_fraction_of_peak']:>7.1f}% {100 * r['fraction_of_floor']:>7.1f}%"
              f" {numpy_ratio:>8} {jax_ratio:>7}"
              f" {r['bytes_per_second'] / 1e9:>6.1f} {100 * r['fraction_of_stream']:>7.1f}%")
    if not args.jax_python:
        print("JAX peer skipped: no Python with jax (make bench installs it into .build-venv; see its message above)")
    for a in result["processes"]:
        print(f"process {a['workload']} (ratelab run vs the NumPy peer, whole processes, best of {PROCESS_REPETITIONS}): "
              f"optimum cache warm {a['ratelab_warm_seconds']:.2f} s, off {a['ratelab_cold_seconds']:.2f} s, "
              f"NumPy {a['numpy_seconds']:.2f} s: {a['ratio_warm']:.1f}× (warm), {a['ratio_cold']:.1f}× (off)")
    s = result["sweep"]
    print(f"sweep ({s['runs']} runs, d=50 T=2000 p=8): {s['one_process_per_1000']:.1f} s per 1000 runs in one process "
          f"({cores} threads), {s['two_shards_per_1000']:.1f} s sharded over 2 processes; merge {s['merge_seconds']:.2f} s, "
          f"merged CSV {'identical' if s['merged_identical'] else 'DIFFERENT'}")
    os.makedirs(os.path.dirname(args.out) or ".", exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(result, f, indent=2, sort_keys=True)
    print(f"scale bench: wrote {args.out}")


if __name__ == "__main__":
    main()
