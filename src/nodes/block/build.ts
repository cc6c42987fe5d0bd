// A block instance has no runtime of its own: compileGraph flattens every instance into its
// inner nodes (src/graph/blocks/flatten.ts) before it builds anything, so this builder is
// never called. It exists because every spec needs a builder (runtimeRegistry.ts), and it
// throws to make a graph compiled without flattening fail loudly instead of training wrong.
import type { NodeBuilder } from '../runtime/types';
import type { BlockParams } from './spec';

export const buildBlock: NodeBuilder<BlockParams> = () => {
  throw new Error('A block instance must be expanded (flattenBlocks) before the graph is compiled.');
};
