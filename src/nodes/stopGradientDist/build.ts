import type { DistValue, NodeBuilder } from '../runtime/types';

export const buildStopGradientDist: NodeBuilder<Record<string, never>> = () => ({
  variables: [],
  output(_port, input) {
    return (input('dist') as DistValue).heldFixed();
  },
});
