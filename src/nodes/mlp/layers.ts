// The MLP as layers: each hidden layer with the hidden activation, then the output layer
// with its own (variables `${id}/${i}/kernel` and `/bias`, one pair per layer).
import type { Activation } from '../activations';
import type { LayerCapability } from '../capabilities';
import { activationTex } from '../tex';

export const mlpLayer: LayerCapability = {
  texLayers: (p, units) => {
    const hidden = Array.isArray(p.hidden) ? (p.hidden as number[]) : [];
    return [...hidden.map((h) => ({ units: h, act: activationTex(p.activation), bias: true })), { units: units(p.outputs), act: activationTex(p.outputActivation), bias: true }];
  },
  exportLayers: (n, outputDim) => {
    const p = n.params;
    const sizes = [...(p.hidden as number[]), outputDim];
    return sizes.map((units, i) => ({
      nodeId: n.id,
      kernel: `${n.id}/${i}/kernel`,
      bias: `${n.id}/${i}/bias`,
      units,
      activation: (i === sizes.length - 1 ? p.outputActivation : p.activation) as Activation,
    }));
  },
};
