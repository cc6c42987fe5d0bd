// A block instance: one node that stands for a block definition of the document (format
// version 3, src/graph/blocks/). Its ports are the definition's boundary ports, so the spec
// lists none: whoever needs a node's ports asks src/graph/blocks/ports.ts, which reads the
// definition. The compiler and the analysis never see this kind — they flatten every
// instance into its inner nodes first (flattenBlocks) — so `infer` is never reached there.
import { z } from 'zod';
import type { InferResult, NodeSpec } from '../types';
import type { BlockCapability } from '../capabilities';

export const blockParams = z.object({
  /** The id of the definition in the document's `blocks`. */
  block: z.string().min(1, 'must name a block definition').max(64),
});
export type BlockParams = z.infer<typeof blockParams>;

const blockCapability: BlockCapability = {
  definition: (params) => (typeof params.block === 'string' ? params.block : undefined),
};

export const blockSpec: NodeSpec<BlockParams> = {
  kind: 'block',
  family: 'block',
  title: 'Block',
  doc: 'A group of nodes shown as one. Double-click it to open it; its ports are the connections that cross its boundary.',
  formula: '',
  inputs: [],
  outputs: [],
  params: blockParams,
  defaults: { block: 'block' },
  fields: [],
  block: blockCapability,
  infer(): InferResult {
    // Reached only if a graph was analysed without being flattened first (a bug).
    return { outputs: {}, errors: ['This block was not expanded before the analysis.'] };
  },
};

/** The kind name of block instances (for code that creates them; nothing compares it). */
export const BLOCK_KIND = blockSpec.kind;

/** The params of an instance of the definition `defId`. */
export const instanceParams = (defId: string): BlockParams => ({ block: defId });
