#!/usr/bin/env node
// Makes sure a Chromium for the Playwright tests is on this machine.
// Playwright's own browser download cannot reach its servers here, so we use Debian's
// package instead (never `npx playwright install`). The path can be overridden with
// CHROMIUM_PATH; playwright.config.ts reads the same variable.
import { accessSync, constants } from 'node:fs';
import { spawnSync } from 'node:child_process';

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function fail(sentence) {
  console.error(`ensure-chromium: ${sentence}`);
  process.exit(1);
}

function run(cmd, args, extraEnv = {}) {
  console.log(`ensure-chromium: running ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...extraEnv } });
  if (r.error) fail(`could not run ${cmd}: ${r.error.message}.`);
  if (r.status !== 0) fail(`${cmd} ${args.join(' ')} exited with status ${r.status}.`);
}

if (isExecutable(chromium)) {
  console.log(`ensure-chromium: using ${chromium}`);
  process.exit(0);
}

if (process.env.CHROMIUM_PATH) {
  fail(`CHROMIUM_PATH is set to ${chromium}, but no executable is there. Point it at a Chromium binary or unset it to use Debian's /usr/bin/chromium.`);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  fail(`${chromium} is missing and this script is not running as root, so it cannot install it. Run "sudo apt-get update && sudo apt-get install -y chromium" (or set CHROMIUM_PATH to an existing Chromium) and try again.`);
}
if (spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0) {
  fail(`${chromium} is missing and apt-get is not available on this machine to install it. Install Chromium by other means and set CHROMIUM_PATH to its executable.`);
}

console.log(`ensure-chromium: ${chromium} is missing; installing Debian's chromium package.`);
const noninteractive = { DEBIAN_FRONTEND: 'noninteractive' };
// Wait for another apt/dpkg run (e.g. unattended upgrades) instead of failing at once.
const lockWait = ['-o', 'DPkg::Lock::Timeout=600'];
run('apt-get', [...lockWait, 'update'], noninteractive);
run('apt-get', [...lockWait, 'install', '-y', 'chromium'], noninteractive);

if (!isExecutable(chromium)) {
  fail(`apt-get installed chromium, but ${chromium} is still not an executable. Set CHROMIUM_PATH to the Chromium binary.`);
}
console.log(`ensure-chromium: installed ${chromium}`);
