#!/usr/bin/env python3
"""The PyTorch side of `npm run bench`: times an exported project (`npm run export`) the way
src/bench/estimatorBench.ts times this app, so the two rates divide into a fair ratio.

  torch_bench.py PROJECT --mode train --threads 1          Adam steps on batches of the export's
                                                         own training rows: examples/s
  torch_bench.py PROJECT --mode nll --threads 2 --K 1000   train.py's held-out NLL on test rows:
                                                         examples/s (each K decoder passes)

Same protocol as the app's measurement: warm-up, then timed windows of whole steps, the median
window reported. Prints one JSON object on stdout.
"""
import argparse
import json
import os
import statistics
import sys
import time


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("project", help="a folder written by npm run export")
    p.add_argument("--mode", choices=["train", "nll"], default="train")
    p.add_argument("--threads", type=int, default=1, help="torch.set_num_threads")
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--K", type=int, default=1000, help="importance samples per example (nll)")
    p.add_argument("--examples", type=int, default=100, help="test examples per timed window (nll)")
    p.add_argument("--warmup-s", type=float, default=1.5)
    p.add_argument("--window-s", type=float, default=1.5)
    p.add_argument("--windows", type=int, default=5)
    p.add_argument("--budget-s", type=float, default=25.0, help="cap on the timed part; windows done so far are kept")
    return p.parse_args(argv)


def windows(run_once, per_call, args):
    """Rates of timed windows (calls of run_once until a window lasts window_s), after warm-up."""
    t = time.perf_counter()
    while time.perf_counter() - t < args.warmup_s:
        run_once()
    rates, started = [], time.perf_counter()
    while len(rates) < args.windows and (not rates or time.perf_counter() - started < args.budget_s):
        calls, t = 0, time.perf_counter()
        while calls == 0 or time.perf_counter() - t < args.window_s:
            run_once()
            calls += 1
        rates.append(calls * per_call / (time.perf_counter() - t))
    return rates


def blas_library():
    """The BLAS torch's products run on (Debian's torch calls whatever libblas.so.3 points to):
    the reference BLAS is ~10x slower than OpenBLAS, and a ratio against it means nothing."""
    try:
        with open("/proc/self/maps", encoding="utf-8") as f:
            paths = sorted({line.split()[-1] for line in f if "blas" in line.lower() and "/" in line})
    except OSError:
        return "unknown BLAS"
    tuned = [p for p in paths if "openblas" in os.path.basename(p) or "mkl" in p or "blis" in p]
    if tuned:
        return os.path.basename(tuned[0])
    reference = [p for p in paths if p.endswith("/blas/libblas.so.3")]
    return f"the reference BLAS ({reference[0]})" if reference else (os.path.basename(paths[0]) if paths else "its own kernels")


def main(argv):
    args = parse_args(argv)
    import numpy as np
    import torch

    torch.set_num_threads(args.threads)
    project = os.path.abspath(args.project)
    sys.path.insert(0, project)
    os.chdir(project)
    import train as T  # the export's own train.py: its data, its held-out NLL
    from model import Model, Noise

    model = Model()
    T.assign(model, T.load_npz(os.path.join(project, "init_weights.npz")), "init_weights.npz")
    gen = torch.Generator()
    gen.manual_seed(1)
    if args.mode == "train":
        data = np.load(os.path.join(project, "data", "train.npy"))
        B = args.batch_size
        batches = [torch.from_numpy(np.ascontiguousarray(data[(k * B + np.arange(B)) % len(data)])) for k in range(8)]
        opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
        step = [0]

        def run_once():
            x = batches[step[0] % len(batches)]
            loss, _ = model(x, Noise(gen), (step[0], 1000))
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            step[0] += 1

        rates = windows(run_once, B, args)
        unit = "examples/s"
    else:
        test = np.load(os.path.join(project, "data", "test.npy"))[: args.examples]

        def run_once():
            T.held_out_nll(model, test, args.K, torch.device("cpu"), 0, 1, gen)

        rates = windows(run_once, len(test), args)
        unit = "examples/s"
    print(json.dumps({
        "mode": args.mode,
        "threads": args.threads,
        "torch": torch.__version__,
        "blas": blas_library(),
        "rate": statistics.median(rates),
        "windows": rates,
        "unit": unit,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
