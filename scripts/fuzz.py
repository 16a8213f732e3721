#!/usr/bin/env python3
"""Process-level fuzzing of the release `ratelab` binary (issue 17).

Spawns the binary on generated inputs, each in a fresh sandbox directory as its working directory,
with a per-input time limit, and classifies every invocation:

  ok                          exit 0 and no non-finite number printed
  clean error                 exit 1, 2 or 3
  crash                       killed by a signal, a trap/abort status (>= 128) or any other exit code
  hang                        still running at the time limit (killed)
  non-finite result           exit 0 with nan/inf printed
  write outside allowed dirs  a file created anywhere but the sandbox's reports/, cache/ and out.csv(.json)

Kinds: LIBSVM files (`optimum` and short `run`s), CSV files for `fit`, claim files (`check`), `run` flag
sets and `fit` invocations (flags). Inputs are mutations of valid seeds (the repository's data and
proofs-numeric/gd-worst-case-rate.yaml) with edge values; the same --seed and --count give the same inputs. Values that are valid but
ask for unbounded work (e.g. --steps 100000000) are left out of the process kinds, since a run that was
asked for is allowed to take long; the in-process fuzzer (FuzzTests) covers their parsing.

Usage: scripts/fuzz.py [--binary .build/release/ratelab] [--count N] [--seed S] [--timeout SEC] [--jobs J]
Exit status 0 when no input is a crash, hang, non-finite result or write outside the allowed dirs.
"""
import argparse
import concurrent.futures
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

EDGE = ["-1", "0", "1e308", "-1e308", "1e-320", "1.7976931348623157e308", "9223372036854775807",
        "9223372036854775808", "18446744073709551615", "1000000000000", "1e12", "1e100", "nan", "inf", "-inf",
        "0x1p-2", "0x1p3", "", " ", "\0", "\r\n", "\r", "\n", "\ufeff", "\x1b[31m", "é", "::", ":", "#", "&a [1]",
        "*a", "? *a", "[", "]", "{", "}", "'", '"', "1/0", "0/0", "2^2000", "(" * 200, "0+" * 600 + "0",
        "../../escaped", "/tmp/ratelab-fuzz-escape", "SECRET-TOKEN-123", "1:1", "3=0.5", "1e30", "4294967296",
        "2147483648", "-0", "+5", "1.", ".5", "5e", "1e-9", "0.5", "2", "abc"]

PLAIN = ["1", "2", "-1", "0.5", "-0.25", "3.14", "1e-3", "10", "7", "+1", "0"]

CSV = "iteration,gap\n0,1\n10,0.5\n20,0.25\n30,0.125\n40,0.0625\n50,0.03125\n"

RUN_FLAGS = {
    "--algorithm": ["local-sgd", "dpsgd", "rfast", "osgp", "adpsgd", "sgp", "diging", "push-pull", "adacomm",
                    "ada-local-sgd", "sgd-allreduce", "nope"],
    "--steps": ["1", "20", "50"], "--batch": ["0", "1", "4", "1000000000"], "--lr": ["0.05", "const:0.1", "inv:1:10", "sqrt:0.5"],
    "--tau": ["1", "4"], "--topology": ["ring", "complete", "star", "torus"], "--compute": ["const:1", "exp:1", "lognormal:1:0.5"],
    "--stragglers": ["none", "0.25:5", "w0,1:3:0.5"], "--latency": ["0.01"], "--bandwidth": ["1e6"],
    "--loss": ["none", "0.1", "ge:0.1:0.3:0.01:0.5"], "--max-delay": ["0.1"], "--rto": ["0.2"], "--staleness": ["1"],
    "--init": ["zero", "gaussian:0.1", "reference"], "--every": ["1", "5"], "--threads": ["1", "2"], "--target": ["1e-3"],
    "--workers": ["1", "2", "4", "9223372036854775807", "2147483648"], "--dim": ["3", "5", "9223372036854775807", "100000"],
    "--seed": ["1", "7"], "--noise": ["0", "0.5"], "--zeta": ["0", "0.5"], "--curvature-heterogeneity": ["0", "0.5"],
    "--kappa": ["10"], "--tau-growth": ["0.5"], "--colour": ["red"],
}
FIT_FLAGS = {"--model": ["geometric", "power", "linear"], "--x": ["iteration", "gap", "nope"], "--y": ["gap", "iteration"],
             "--burn-in": ["0", "0.2", "1", "-1"], "--tail": ["0.5", "1", "0"], "--level": ["0.95", "0.5", "1", "0"]}
OUTCOMES = ["ok", "clean error", "crash", "hang", "non-finite result", "write outside allowed dirs"]
NONFINITE = re.compile(r"(?<![A-Za-z])-?(nan|inf)(?![A-Za-z])", re.IGNORECASE)


def tokens(text):
    return re.findall(r"[A-Za-z0-9.+_-]+|[^A-Za-z0-9.+_-]", text)


def mutate(text, rng):
    for _ in range(1 if rng.random() < 0.6 else rng.randint(2, 3)):
        parts = tokens(text)
        if not parts:
            text = rng.choice(EDGE)
            continue
        k = rng.randrange(len(parts))
        op = rng.randrange(6)
        if op == 0:
            parts[k] = rng.choice(PLAIN)
        elif op == 1:
            parts[k] = rng.choice(EDGE)
        elif op == 2:
            parts.insert(k, rng.choice(EDGE))
        elif op == 3:
            del parts[k]
        elif op == 4:
            parts[k:k] = parts[k:k + rng.randint(1, 8)]
        else:
            lines = text.split("\n")
            rng.shuffle(lines)
            text = rng.choice(["\n", "\r\n", "\r"]).join(lines[:rng.randint(0, len(lines))])
            continue
        text = "".join(parts)
    return text


def flags(table, rng, edge_share=0.2):
    out = []
    for name in rng.sample(sorted(table), rng.randint(1, min(6, len(table)))):
        value = rng.choice(EDGE) if rng.random() < edge_share else rng.choice(table[name])
        out += [name, value.replace("\0", "")]  # an argument cannot hold a NUL byte
    return out


def make_input(kind, rng, seeds):
    """(argv after the binary, {file name: bytes}) for one input of `kind`."""
    if kind == "libsvm":
        text = mutate(rng.choice(seeds["svm"]), rng)
        problem = rng.choice(["logistic", "least-squares"])
        if rng.random() < 0.7:
            argv = ["optimum", "--problem", problem, "--data", "in.svm", "--lambda", "1e-2"]
        else:
            argv = ["run", "--problem", problem, "--data", "in.svm", "--lambda", "1e-2", "--workers", "2",
                    "--algorithm", "local-sgd", "--steps", "20", "--batch", "2", "--csv", "out.csv"]
        return argv, {"in.svm": text.encode("utf-8", "surrogatepass")}
    if kind == "csv (fit)":
        model = rng.choice(["geometric", "power"])
        return ["fit", "in.csv", "--x", "iteration", "--y", "gap", "--model", model], {"in.csv": mutate(CSV, rng).encode()}
    if kind == "claim file":
        return (["check", "claim.yaml", "--reports", "reports", "--cache", "cache", "--threads", "1"],
                {"claim.yaml": mutate(seeds["claim"], rng).encode()})
    if kind == "run flags":
        base = ["run", "--problem", "quadratic", "--dim", "4", "--workers", "4", "--algorithm", "local-sgd",
                "--steps", "20", "--csv", "out.csv"]
        return base + flags(RUN_FLAGS, rng), {}
    argv = ["fit", "in.csv"] + flags(FIT_FLAGS, rng, 0.3)
    for name, value in (("--x", "iteration"), ("--y", "gap"), ("--model", "geometric")):
        if name not in argv:
            argv += [name, value]
    return argv, {"in.csv": CSV.encode()}


ALLOWED = ("reports", "cache", "out.csv", "out.csv.json")


def escaped(sandbox, inputs):
    """Files created in the sandbox outside the allowed outputs, or beside it."""
    bad = []
    for name in os.listdir(sandbox):
        if name in inputs or name in ALLOWED:
            continue
        bad.append(name)
    return bad


def escaped_beside(root):
    """Files created next to the sandboxes (e.g. by an id of ../../name)."""
    return [n for n in os.listdir(os.path.join(root, "runs")) if not n.isdigit()] + \
        [n for n in os.listdir(root) if n != "runs"]


def run_one(binary, root, index, kind, argv, files, timeout):
    sandbox = os.path.join(root, "runs", str(index))
    os.makedirs(sandbox)
    for name, data in files.items():
        with open(os.path.join(sandbox, name), "wb") as f:
            f.write(data)
    # Certified optima of commands without --cache go to $XDG_CACHE_HOME/ratelab: the sandbox's cache/.
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", XDG_CACHE_HOME=os.path.join(sandbox, "cache"))
    try:
        proc = subprocess.run([binary] + argv, cwd=sandbox, env=env, capture_output=True, timeout=timeout)
        status = proc.returncode
        stdout = proc.stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        status, stdout = None, ""
    if status is None:
        outcome = "hang"
    elif status < 0 or status >= 128 or status not in (0, 1, 2, 3):
        outcome = "crash"
    elif status == 0 and NONFINITE.search(stdout):
        outcome = "non-finite result"
    else:
        outcome = "ok" if status == 0 else "clean error"
    if escaped(sandbox, files) or escaped_beside(root) or os.path.exists("/tmp/ratelab-fuzz-escape"):
        outcome = "write outside allowed dirs"
    if outcome in ("ok", "clean error"):
        shutil.rmtree(sandbox, ignore_errors=True)
    return kind, outcome, status, argv


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default=".build/release/ratelab")
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=30)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(here)
    with open(os.path.join(repo, "data", "breast-cancer.svm")) as f:
        cancer = "".join(f.readlines()[:40])
    with open(os.path.join(repo, "data", "diabetes.svm")) as f:
        diabetes = "".join(f.readlines()[:40])
    with open(os.path.join(repo, "proofs-numeric", "gd-worst-case-rate.yaml")) as f:
        claim = f.read()  # a claim of a tenth of a second
    seeds = {"svm": [cancer, diabetes], "claim": claim}
    rng = random.Random(args.seed)
    kinds = ["libsvm"] * 3 + ["csv (fit)"] * 2 + ["claim file"] * 2 + ["run flags"] * 2 + ["fit flags"]
    jobs = []
    for index in range(args.count):
        kind = rng.choice(kinds)
        argv, files = make_input(kind, rng, seeds)
        jobs.append((index, kind, argv, files))
    root = tempfile.mkdtemp(prefix="ratelab-fuzz-")
    os.makedirs(os.path.join(root, "runs"))
    table, failures = {}, []
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        futures = [pool.submit(run_one, binary, root, i, k, a, f, args.timeout) for i, k, a, f in jobs]
        for future in concurrent.futures.as_completed(futures):
            kind, outcome, status, argv = future.result()
            table.setdefault(kind, dict.fromkeys(OUTCOMES, 0))[outcome] += 1
            if outcome not in ("ok", "clean error") and len(failures) < 20:
                failures.append(f"{kind} {outcome} (status {status}): {argv!r}")
    print(f"process fuzz, seed {args.seed}, {args.count} inputs, limit {args.timeout:g} s per input, {args.jobs} jobs")
    print(" | ".join(["kind".ljust(22)] + [o.ljust(7) for o in OUTCOMES]))
    for kind in sorted(table):
        print(" | ".join([kind.ljust(22)] + [str(table[kind][o]).ljust(max(len(o), 7)) for o in OUTCOMES]))
    bad = sum(v for row in table.values() for o, v in row.items() if o not in ("ok", "clean error"))
    print(f"total inputs: {args.count}, failures: {bad}")
    for line in failures:
        print("  " + line)
    if bad:
        print(f"failing sandboxes kept under {root}/runs")
    if bad == 0:
        shutil.rmtree(root, ignore_errors=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
