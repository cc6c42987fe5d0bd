// train.py's fixed part: data, the training loop (one process, or data-parallel under
// torchrun), the held-out evaluation, the result JSON, weights in and out, and the
// first-step check. The graph's own settings are written above it (see project.ts).
export const TRAIN_PY = String.raw`

import argparse
import base64
import json
import math
import os
import socket
import sys
import time
from datetime import datetime, timezone

import numpy as np
import torch
import torch.distributed as dist

from model import HAS_EXACT_NLL, HAS_LATENT, HAS_PROPOSAL, PARAMETERS, REPORTED, Model, Noise

HERE = os.path.dirname(os.path.abspath(__file__))


def parse_args(argv):
    p = argparse.ArgumentParser(description=f"Train \"{TITLE}\" (exported from Latent Canvas).")
    p.add_argument("--data", help="training data, a CSV of numeric columns (default: the exported data/train.npy)")
    p.add_argument("--test-data", help="held-out data, a CSV (default: data/test.npy, or a seeded split of --data)")
    p.add_argument("--epochs", type=int, default=SETTINGS["epochs"])
    p.add_argument("--batch-size", type=int, default=SETTINGS["batchSize"], help="the global batch: under torchrun each process takes its share")
    p.add_argument("--lr", type=float, default=SETTINGS["learningRate"])
    p.add_argument("--optimizer", choices=["adam", "sgd"], default=SETTINGS["optimizer"])
    p.add_argument("--seed", type=int, default=SETTINGS["seed"])
    p.add_argument("--eval-samples", type=int, default=SETTINGS["evalSamples"], help="K, importance samples per example for the final held-out NLL")
    p.add_argument("--test-fraction", type=float, default=SETTINGS["testFraction"])
    p.add_argument("--weights", help="start from these weights (.npz by saved name, e.g. weights.npz) instead of init_weights.npz")
    p.add_argument("--device", default="auto", help="auto (cuda when available), cpu, cuda, cuda:N")
    p.add_argument("--out", help="write the result JSON here (as npm run train does)")
    p.add_argument("--save-graph", default=os.path.join(HERE, "trained.graph.json"), help="the graph with the trained weights, for Open in the app ('' to skip)")
    p.add_argument("--save-weights", default="", help="also write the trained weights as .npz")
    p.add_argument("--check", nargs="?", const=os.path.join(HERE, "check.npz"), help="compare the first step's loss and gradients with the app's, then exit")
    p.add_argument("--tolerance", type=float, default=1e-5, help="relative tolerance of --check")
    a = p.parse_args(argv)
    for name in ("epochs", "batch_size", "eval_samples"):
        if getattr(a, name) < (0 if name == "epochs" else 1):
            p.error(f"--{name.replace('_', '-')} must be {'0 or more' if name == 'epochs' else 'at least 1'}, not {getattr(a, name)}")
    if not a.lr > 0:
        p.error(f"--lr must be positive, not {a.lr}")
    return a


# ---------------------------------------------------------------- data

def read_csv(path):
    """Numeric columns; a first row that is not numbers is a header."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = [l for l in f.read().splitlines() if l.strip()]
    except OSError as e:
        sys.exit(f"error: {path}: cannot read ({e.strerror})")
    def numbers(line):
        try:
            return [float(c) for c in line.split(",")]
        except ValueError:
            return None
    if lines and numbers(lines[0]) is None:
        lines = lines[1:]
    rows = []
    for i, line in enumerate(lines):
        r = numbers(line)
        if r is None:
            sys.exit(f"error: {path}: row {i + 1} has a cell that is not a number")
        if rows and len(r) != len(rows[0]):
            sys.exit(f"error: {path}: row {i + 1} has {len(r)} columns, the first has {len(rows[0])}")
        rows.append(r)
    if not rows:
        sys.exit(f"error: {path}: no rows of numbers")
    return np.asarray(rows, dtype=np.float32)


def load_data(args):
    if args.data:
        train = read_csv(args.data)
        if args.test_data:
            test = read_csv(args.test_data)
        else:
            order = np.random.default_rng(args.seed).permutation(len(train))
            n_test = int(round(len(train) * args.test_fraction))
            train, test = train[order[n_test:]], train[order[:n_test]]
    else:
        train = np.load(os.path.join(HERE, "data", "train.npy"))
        test = read_csv(args.test_data) if args.test_data else np.load(os.path.join(HERE, "data", "test.npy"))
    if train.shape[1] != DATA_DIM:
        sys.exit(f"error: the training data has {train.shape[1]} columns; this model reads {DATA_DIM}")
    if test.shape[1] != DATA_DIM:
        sys.exit(f"error: the test data has {test.shape[1]} columns; this model reads {DATA_DIM}")
    return train, test


def binarised(x, seed):
    """Grey levels in [0, 1] → 0/1: each pixel is 1 with its grey level's probability."""
    if x.size and (x.min() < 0 or x.max() > 1):
        sys.exit("error: binarisation needs values in [0, 1]")
    return (np.random.default_rng(seed).random(x.shape, dtype=np.float32) < x).astype(np.float32)


# ---------------------------------------------------------------- weights

def load_npz(path):
    with np.load(path) as z:
        return {k: torch.from_numpy(z[k].astype(np.float32)) for k in z.files}


def assign(model, weights, what):
    problems = []
    for name, shape in PARAMETERS:
        if name not in weights:
            problems.append(f"no value for {name}")
        elif tuple(weights[name].shape) != tuple(shape):
            problems.append(f"{name} is {tuple(shape)} in the model but {tuple(weights[name].shape)} in {what}")
    if problems:
        sys.exit(f"error: {what} does not fit this model: " + "; ".join(problems[:5]))
    with torch.no_grad():
        for name, w in zip(model.names, model.weights):
            w.copy_(weights[name])


def trained_graph(model, device_name):
    """graph.json with a weights section (base64 of little-endian float32), as the app saves a trained graph."""
    with open(os.path.join(HERE, "graph.json"), encoding="utf-8") as f:
        doc = json.load(f)
    variables = []
    for name, w in zip(model.names, model.weights):
        a = w.detach().cpu().numpy().astype("<f4")
        variables.append({"name": name, "shape": list(a.shape), "dtype": "float32", "data": base64.b64encode(a.tobytes()).decode("ascii")})
    doc["weights"] = {"backend": f"pytorch {torch.__version__} ({device_name})", "savedAt": datetime.now(timezone.utc).isoformat(), "variables": variables}
    return doc


# ---------------------------------------------------------------- evaluation

def eval_rows(n, rank, world):
    return np.arange(rank, n, world)


def reduce_sum(values, device, world):
    t = torch.tensor(values, dtype=torch.float64, device=device)
    if world > 1:
        dist.all_reduce(t)
    return t.tolist()


@torch.no_grad()
def test_loss(model, test, device, rank, world, gen, batch=1000):
    """Mean per-example reported loss over the test set (warm-ups at their end)."""
    total, count = 0.0, 0
    rows = eval_rows(len(test), rank, world)
    for s in range(0, len(rows), batch):
        x = torch.from_numpy(test[rows[s:s + batch]]).to(device)
        total += model.objectives(x, Noise(gen, device))[REPORTED].sum().item()
        count += len(x)
    total, count = reduce_sum([total, count], device, world)
    return total / count if count else float("nan")


@torch.no_grad()
def log_marginal(model, x, K, gen, device, chunk=50):
    """log p̂(x) [B]: importance sampling with K samples from q(z|x) (or the prior), in chunks."""
    acc = None
    for done in range(0, K, chunk):
        k = min(chunk, K - done)
        noise = Noise(gen, device)
        prior, proposal = model.latent(x, noise)
        z = proposal.sample(k, x.shape[0], noise.keyed("held-out z"))
        lik = model.likelihood(x, z, noise)
        log_w = lik.log_prob(x[None]) + prior.log_prob(z) - proposal.log_prob(z)
        lse = torch.logsumexp(log_w, 0)
        acc = lse if acc is None else torch.logaddexp(acc, lse)
    return acc - math.log(K)


def nll_method(K):
    words = f", {BINARIZE_NOTE}" if BINARIZE_NOTE else ""
    if HAS_EXACT_NLL:
        return "exact marginal likelihood (linear-Gaussian)" + words
    proposal = "q(z|x) from the graph" if HAS_PROPOSAL else "the prior p(z) (the graph has no q)"
    return f"importance sampling, K = {K}, proposal {proposal}" + words


@torch.no_grad()
def held_out_nll(model, test, K, device, rank, world, gen, show=False):
    """Held-out −log p(x) per example; Ctrl-C stops it with the examples done so far."""
    if HAS_EXACT_NLL:
        rows = eval_rows(len(test), rank, world)
        x = torch.from_numpy(test[rows]).to(device)
        total, count = reduce_sum([model.exact_nll(x).sum().item(), len(rows)], device, world)
        return total / count, False
    batch = max(1, min(100, 20000 // K))
    rows = eval_rows(len(test), rank, world)
    total, count, started, stopped = 0.0, 0, time.time(), False
    try:
        for s in range(0, len(rows), batch):
            x = torch.from_numpy(test[rows[s:s + batch]]).to(device)
            total += -log_marginal(model, x, K, gen, device).sum().item()
            count += len(x)
            if show and rank == 0:
                done = (s + len(x)) / len(rows)
                left = (time.time() - started) * (1 - done) / done
                print(f"\rheld-out NLL, K = {K}: {100 * done:.0f} % ({left:.0f} s left)", end="", flush=True)
    except KeyboardInterrupt:
        stopped = True
    if show and rank == 0:
        print()
    total, count = reduce_sum([total, count], device, world)
    return (total / count if count else float("nan")), stopped


# ---------------------------------------------------------------- the first-step check

def check(args):
    """The first step as the app took it — its initial weights, batch and noise — compared
    with the app's loss and gradients. The gradient is compared as one vector (relative to its
    norm, to the tolerance) and each parameter's part of it within 100 times the tolerance:
    log-weights of hundreds of nats carry float32 rounding of ~1e-5 into the small parameters'
    gradients, while a wrong formula is off by far more than that."""
    rec = load_npz(args.check)
    model = Model()
    assign(model, load_npz(os.path.join(HERE, "init_weights.npz")), "init_weights.npz")
    noise = Noise(recorded={k[len("noise/"):]: v for k, v in rec.items() if k.startswith("noise/")})
    step, steps_per_epoch = (int(v) for v in rec["progress"].tolist())
    total, reported = model(rec["x"], noise, (step, steps_per_epoch))
    grads = torch.autograd.grad(total, list(model.weights), allow_unused=True)
    grads = [torch.zeros(shape) if g is None else g.detach() for g, (_, shape) in zip(grads, PARAMETERS)]
    app = [rec["grad/" + name] for name in model.names]

    def rel(a, b):
        scale = torch.linalg.norm(b).item()
        diff = torch.linalg.norm(a - b).item()
        return diff / scale if scale > 0 else diff

    flat = lambda gs: torch.cat([g.reshape(-1) for g in gs]) if gs else torch.zeros(0)
    out = {
        "loss": {"app": rec["loss"].item(), "pytorch": reported.item(), "relative": rel(reported.detach(), rec["loss"].reshape(()))},
        "gradient": rel(flat(grads), flat(app)),
        "parameters": {name: rel(g, a) for name, g, a in zip(model.names, grads, app)},
        "tolerance": args.tolerance,
    }
    worst_part = max(out["parameters"].values(), default=0.0)
    out["ok"] = out["loss"]["relative"] <= args.tolerance and out["gradient"] <= args.tolerance and worst_part <= 100 * args.tolerance
    print(json.dumps(out, indent=2))
    print(f"first step {'agrees' if out['ok'] else 'DISAGREES'} with the app: loss {out['loss']['relative']:.1e}, gradient {out['gradient']:.1e} relative (tolerance {args.tolerance:.0e}); worst parameter {worst_part:.1e} (within {100 * args.tolerance:.0e})")
    return 0 if out["ok"] else 1


# ---------------------------------------------------------------- training

def as_json(v):
    """NaN and infinities as null, as the app's result files write them (JSON has no NaN)."""
    if isinstance(v, float) and not math.isfinite(v):
        return None
    if isinstance(v, dict):
        return {k: as_json(x) for k, x in v.items()}
    if isinstance(v, list):
        return [as_json(x) for x in v]
    return v


def has_unused(model, train, device):
    """Whether some parameter gets no gradient (a log-variance a point estimate ignores):
    DistributedDataParallel must then look for them every step."""
    x = torch.from_numpy(train[:2]).to(device)
    loss, _ = model(x, Noise(device=device), (0, 1))
    return any(g is None for g in torch.autograd.grad(loss, list(model.weights), allow_unused=True))


def meet_on_loopback_when_alone():
    """torchrun --standalone names the meeting place by this machine's host name. Where that name
    does not resolve (many containers), the processes would wait for each other until killed; all
    on one machine, they can meet on the loopback address instead."""
    if os.environ.get("LOCAL_WORLD_SIZE") != os.environ.get("WORLD_SIZE"):
        return
    try:
        socket.getaddrinfo(os.environ.get("MASTER_ADDR", "localhost"), None)
    except socket.gaierror:
        os.environ["MASTER_ADDR"] = "127.0.0.1"


def main(argv):
    args = parse_args(argv)
    if args.check:
        return check(args)
    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    if args.device == "auto":
        device = torch.device(f"cuda:{local_rank}" if torch.cuda.is_available() else "cpu")
    else:
        device = torch.device(args.device)
        if device.type == "cuda" and device.index is None:
            device = torch.device(f"cuda:{local_rank}")
    if device.type == "cuda":
        torch.cuda.set_device(device)
    if world > 1:
        meet_on_loopback_when_alone()
        dist.init_process_group("nccl" if device.type == "cuda" else "gloo")
    say = print if rank == 0 else (lambda *a, **k: None)

    train, test = load_data(args)
    if BINARIZE != "none":
        # Its own draws (NumPy's), as the app binarises: the test set once, the training set once or every epoch.
        test = binarised(test, [BINARIZE_SEED, 1])
        if BINARIZE == "fixed":
            train = binarised(train, [BINARIZE_SEED, 0])
    grey = train
    if args.batch_size < world:
        sys.exit(f"error: --batch-size {args.batch_size} is smaller than the {world} processes sharing each batch")

    model = Model().to(device)
    start = args.weights or os.path.join(HERE, "init_weights.npz")
    assign(model, load_npz(start), os.path.basename(start))
    model.to(device)
    net = model
    if world > 1:
        kw = {"device_ids": [device.index]} if device.type == "cuda" else {}
        net = torch.nn.parallel.DistributedDataParallel(model, find_unused_parameters=has_unused(model, train, device), **kw)
    opt = (torch.optim.Adam(model.parameters(), lr=args.lr, eps=1e-7) if args.optimizer == "adam" else torch.optim.SGD(model.parameters(), lr=args.lr))
    gen = torch.Generator(device=device)
    gen.manual_seed(args.seed * 7919 + rank)
    batch = min(args.batch_size, len(train))
    steps_per_epoch = math.ceil(len(train) / batch)
    device_name = f"{device.type}{'' if world == 1 else f', {world} processes'}"
    say(f"pytorch {torch.__version__} on {device_name}; {len(train)} train / {len(test)} test examples, {DATA_DIM} columns")

    history, step, samples, train_time, stopped = [], 0, 0, 0.0, False
    try:
        for epoch in range(1, args.epochs + 1):
            if BINARIZE == "dynamic":
                train = binarised(grey, [args.seed, epoch, 2])
            order = np.random.default_rng([args.seed, epoch]).permutation(len(train))
            total, count, t0 = 0.0, 0, time.time()
            for s in range(0, len(order), batch):
                rows = order[s:s + batch]
                if len(rows) < world:
                    continue  # too few rows left to give every process one
                mine = np.array_split(rows, world)[rank]
                x = torch.from_numpy(train[mine]).to(device)
                loss, reported = net(x, Noise(gen, device), (step, steps_per_epoch))
                opt.zero_grad(set_to_none=True)
                loss.backward()
                opt.step()
                total += reported.item() * len(mine)
                count += len(mine)
                step += 1
                samples += len(rows)
            train_time += time.time() - t0
            total, count = reduce_sum([total, count], device, world)
            if not math.isfinite(total):
                sys.exit(f"error: training diverged in epoch {epoch}: the loss became {total}")
            record = {"epoch": epoch, "trainLoss": total / count, "testLoss": test_loss(model, test, device, rank, world, gen)}
            if HAS_LATENT or HAS_EXACT_NLL:
                few = test if HAS_EXACT_NLL else test[:200]
                record["nll"], _ = held_out_nll(model, few, min(args.eval_samples, 50), device, rank, world, gen)
            history.append(record)
            say(f"epoch {epoch}: train {record['trainLoss']:.4f}  test {record['testLoss']:.4f} nats/example")
    except KeyboardInterrupt:
        stopped = True
        say("stopped")

    final = {"trainLoss": history[-1]["trainLoss"] if history else float("nan"), "testLoss": history[-1]["testLoss"] if history else test_loss(model, test, device, rank, world, gen)}
    if HAS_LATENT or HAS_EXACT_NLL:
        nll, cut = held_out_nll(model, test, args.eval_samples, device, rank, world, gen, show=True)
        final["testNll"] = nll
        final["testNllMethod"] = nll_method(args.eval_samples) + (" (stopped part-way)" if cut else "")
    else:
        final["testNll"], final["testNllMethod"] = float("nan"), "unavailable: the loss has no latent variable to integrate"
    rate = samples / train_time if train_time > 0 else 0.0
    say(f"{'stopped' if stopped else 'done'}: test NLL {final['testNll']:.4f} nats/example ({final['testNllMethod']}); {rate:.0f} samples/s")

    if rank == 0:
        result = {
            "title": TITLE,
            "stopReason": {"reason": "stopped", "message": "Stopped by Ctrl-C."} if stopped else {"reason": "finished"},
            "graph": os.path.join(HERE, "graph.json"),
            "data": {"train": os.path.abspath(args.data) if args.data else "data/train.npy (exported)", "test": os.path.abspath(args.test_data) if args.test_data else ("a seeded split of --data" if args.data else "data/test.npy (exported)")},
            "seed": args.seed,
            "settings": {"epochs": args.epochs, "batchSize": args.batch_size, "learningRate": args.lr, "optimizer": args.optimizer, "seed": args.seed, "evalSamples": args.eval_samples, "testFraction": args.test_fraction},
            "backend": f"pytorch {torch.__version__} ({device_name})",
            "worldSize": world,
            "epochs": len(history),
            "history": history,
            "final": final,
            "samplesPerSec": rate,
        }
        if args.out:
            with open(args.out, "w", encoding="utf-8") as f:
                json.dump(as_json(result), f, indent=2)
                f.write("\n")
            print(f"wrote {args.out}")
        if args.save_graph:
            with open(args.save_graph, "w", encoding="utf-8") as f:
                json.dump(trained_graph(model, device_name), f)
            print(f"wrote {args.save_graph} (open it in Latent Canvas to keep training from these weights)")
        if args.save_weights:
            np.savez(args.save_weights, **{n: w.detach().cpu().numpy() for n, w in zip(model.names, model.weights)})
            print(f"wrote {args.save_weights}")
    if world > 1:
        dist.destroy_process_group()
    return 130 if stopped else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
`;
