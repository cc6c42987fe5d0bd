import type { PyTorchCapability } from '../capabilities';

export const reduceSamplesPyTorch: PyTorchCapability = {
  forward(c) {
    const t = c.input('term');
    const out = c.output('term');
    if (c.params.op === 'mean') return [`${out} = ${t}.mean(0, keepdim=True)`];
    if (c.params.op === 'logMeanExp') return [`${out} = log_mean_exp(${t}, 0)[None]`];
    return [`${out} = (${c.input('weights')} * ${t}).sum(0, keepdim=True)`];
  },
};
