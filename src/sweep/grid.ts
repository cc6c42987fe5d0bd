// The cross product of the axes: one cell per combination of values, the first --set
// varying slowest; every cell runs once per seed.
import type { Axis } from './resolve';

export interface Cell {
  /** 0-based, in the order cells run. */
  index: number;
  /** One value per axis, in the axes' order. */
  values: string[];
}

/** The most runs (cells × seeds) one sweep makes. */
export const MAX_RUNS = 10_000;

export function gridOf(axes: Axis[]): Cell[] {
  let combos: string[][] = [[]];
  for (const axis of axes) combos = combos.flatMap((c) => axis.values.map((v) => [...c, v]));
  return combos.map((values, index) => ({ index, values }));
}

/** "sampler.samples=5, loss.kind=iwaeLoss"; a sweep with no --set has one cell, the graph as it is. */
export function cellLabel(axes: Axis[], cell: Cell): string {
  return axes.length ? axes.map((a, i) => `${a.name}=${cell.values[i]}`).join(', ') : 'the graph as it is';
}

/** Each (cell, seed) to run, cell by cell, seeds within a cell. */
export function runsOf(cells: Cell[], seeds: number[]): { cell: Cell; seed: number }[] {
  return cells.flatMap((cell) => seeds.map((seed) => ({ cell, seed })));
}
