// The memory refusal at the start of every run (worker, CLI, tests): the estimate from the
// inferred shapes against the host's budget, before calibration or compilation allocate it.
import { estimateMemory, memoryRefusal, type EstimateInput } from '../compiler/memoryEstimate';

export interface MemoryBudget {
  bytes: number;
  /** Whose limit it is, finishing "more than the 4 GB …": "this browser allows (a quarter of its 8 GB)". */
  where: string;
}

/** When a host states none: what tfjs's wasm heap (32-bit) can address anyway. */
export const DEFAULT_MEMORY_BUDGET: MemoryBudget = { bytes: 4 * 2 ** 30, where: 'a run may use by default' };

/** Refused before training: a sentence naming the settings to lower, pinned to a node where one is to blame. */
export class MemoryLimitError extends Error {
  constructor(
    message: string,
    readonly nodeId?: string,
  ) {
    super(message);
    this.name = 'MemoryLimitError';
  }
}

export function checkMemory(input: EstimateInput, budget: MemoryBudget): void {
  const refusal = memoryRefusal(estimateMemory(input), input.settings, budget.bytes, budget.where);
  if (refusal) throw new MemoryLimitError(refusal.message, refusal.nodeId);
}

/**
 * The browser's budget: a quarter of the device's memory (navigator.deviceMemory, in GB,
 * which browsers round and cap at 8), between 1 and 4 GB; 2 GB when the browser does not say.
 */
export function browserMemoryBudget(deviceMemoryGb: number | undefined): MemoryBudget {
  const GB = 2 ** 30;
  if (!deviceMemoryGb || !Number.isFinite(deviceMemoryGb)) return { bytes: 2 * GB, where: 'the browser may use here (it does not report its memory, so 2 GB is assumed)' };
  const bytes = Math.min(4 * GB, Math.max(1 * GB, (deviceMemoryGb * GB) / 4));
  return { bytes, where: `the browser may use here (a quarter of its ${deviceMemoryGb} GB, at most 4 GB)` };
}
