// The dense node as layers: one layer with its activation and a bias (variables under `dense/`).
import type { Activation } from '../activations';
import type { LayerCapability } from '../capabilities';
import { activationTex } from '../tex';

export const denseLayer: LayerCapability = {
  texLayers: (p, units) => [{ units: units(p.units), act: activationTex(p.activation), bias: true }],
  exportLayers: (n, units) => [{ nodeId: n.id, kernel: `${n.id}/dense/kernel`, bias: `${n.id}/dense/bias`, units, activation: n.params.activation as Activation }],
};
