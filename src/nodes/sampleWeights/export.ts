import type { PyTorchCapability } from '../capabilities';

/** The softmax over samples (shifted by the max, as build.ts does), squared or held fixed when asked. */
export const sampleWeightsPyTorch: PyTorchCapability = {
  forward(c) {
    const w = c.output('weights');
    const lines = [`${w} = normalised_weights(${c.input('logWeights')})`];
    if (c.params.power === 'squared') lines.push(`${w} = ${w} ** 2`);
    if (c.params.holdFixed) lines.push(`${w} = ${w}.detach()`);
    return lines;
  },
};
