#!/usr/bin/env bash
# The project's whole test run (`npm test`): typecheck, unit tests, end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."

section() {
  printf '\n==================== %s ====================\n\n' "$1"
}

section "1/3 Typecheck (tsc --noEmit)"
npx tsc --noEmit -p tsconfig.json

section "2/3 Unit tests (vitest; the PyTorch export runs in real PyTorch)"
node scripts/ensure-python-torch.mjs
npx vitest run

section "3/3 End-to-end tests (Playwright, Chromium)"
npm run test:e2e

section "All tests passed"
