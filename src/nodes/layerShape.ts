// What Linear, Dense and MLP share: an output width that may be 'data' (the dataset's
// width, so a decoder fits any CSV) and the shape rule [S, B, D] → [S, B, width].
import { z } from 'zod';
import { LIMITS } from '../graph/limits';
import type { InferResult, PortShape, ShapeContext } from './types';

export const layerWidth = z.number().int().min(1).max(LIMITS.layerWidth);

/** A width or the literal 'data'. */
export const widthOrData = z.union([layerWidth, z.literal('data')]);

export interface LayerMessages {
  /** Said when the input is missing or is not a tensor. */
  noInput: string;
  /** Said when the width is 'data' but there is no data yet. */
  noData: string;
}

/** The output of a layer applied to every sample of its input. */
export function inferLayer(input: PortShape | undefined, width: number | 'data', ctx: ShapeContext, say: LayerMessages): InferResult {
  if (!input || input.kind !== 'tensor') return { outputs: {}, errors: [say.noInput] };
  const dim = width === 'data' ? ctx.dataDim : width;
  if (dim === undefined) return { outputs: {}, errors: [say.noData] };
  return { outputs: { out: { kind: 'tensor', samples: input.samples, dim } }, errors: [] };
}
