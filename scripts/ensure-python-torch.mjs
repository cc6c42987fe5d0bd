#!/usr/bin/env node
// Makes sure a Python 3 with PyTorch and NumPy is on this machine: the tests run the
// exported PyTorch projects for real. Debian's python3-torch is the one we test against;
// it is installed when missing, as ensure-chromium.mjs installs Chromium. PYTHON overrides
// the interpreter; src/testing/torchPython.ts finds it the same way. OpenBLAS comes with it:
// Debian's torch runs its products on whatever libblas.so.3 is, and the reference BLAS is an
// order of magnitude slower — `npm run bench` compares against PyTorch as users run it.
import { spawnSync } from 'node:child_process';

const candidates = process.env.PYTHON ? [process.env.PYTHON] : ['/usr/bin/python3', 'python3'];

function fail(sentence) {
  console.error(`ensure-python-torch: ${sentence}`);
  process.exit(1);
}

function withTorch() {
  for (const py of candidates) {
    const r = spawnSync(py, ['-c', 'import torch, numpy; print(torch.__version__)'], { encoding: 'utf8' });
    if (r.status === 0) return { py, version: r.stdout.trim() };
  }
  return undefined;
}

const found = withTorch();
if (found) {
  console.log(`ensure-python-torch: using ${found.py} (torch ${found.version})`);
  process.exit(0);
}
if (process.env.PYTHON) fail(`PYTHON is set to ${process.env.PYTHON}, but it cannot import torch and numpy. Point it at a Python with PyTorch or unset it to use Debian's python3-torch.`);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) fail('no Python 3 here imports torch and numpy, and this script is not running as root, so it cannot install them. Run "sudo apt-get update && sudo apt-get install -y python3-torch python3-numpy libopenblas0-pthread" (or set PYTHON to a Python with PyTorch) and try again.');
if (spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0) fail('no Python 3 here imports torch, and apt-get is not available to install python3-torch. Install PyTorch by other means and set PYTHON to that interpreter.');

console.log("ensure-python-torch: no Python with PyTorch found; installing Debian's python3-torch.");
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
const lockWait = ['-o', 'DPkg::Lock::Timeout=600'];
for (const args of [[...lockWait, 'update'], [...lockWait, 'install', '-y', 'python3-torch', 'python3-numpy', 'libopenblas0-pthread']]) {
  console.log(`ensure-python-torch: running apt-get ${args.join(' ')}`);
  const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
  if (r.status !== 0) fail(`apt-get ${args.join(' ')} exited with status ${r.status}.`);
}
const installed = withTorch();
if (!installed) fail('apt-get installed python3-torch, but /usr/bin/python3 still cannot import torch. Set PYTHON to a Python with PyTorch.');
console.log(`ensure-python-torch: installed; using ${installed.py} (torch ${installed.version})`);
