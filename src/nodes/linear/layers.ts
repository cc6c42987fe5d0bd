// The linear node as layers: one affine map, no activation (the formula writes it W z + b;
// the export makes it a Dense layer with a linear activation).
import type { LayerCapability } from '../capabilities';

export const linearLayer: LayerCapability = {
  texLayers: (p, units) => [{ units: units(p.units), act: '', bias: p.bias !== false }],
  exportLayers: (n, units) => [{ nodeId: n.id, kernel: `${n.id}/kernel`, bias: n.params.bias === false ? undefined : `${n.id}/bias`, units, activation: 'linear' }],
};
