import type { PyTorchCapability } from '../capabilities';
import { pyNumber, pyString } from '../python';
import { SUM_SLOTS } from './spec';

/** Σ w_k t_k over the connected terms; the warmed-up coefficient is scaled by warm_up(progress). */
export const weightedSumPyTorch: PyTorchCapability = {
  forward(c) {
    const p = c.params;
    const terms = SUM_SLOTS.flatMap((slot) => {
      const t = c.input(slot);
      if (!t) return [];
      const w = Number(p[`w${slot}`]);
      const warm = p.warmUp === 'linear' && p.warmUpOn === slot ? ` * warm_up(${c.progress}, ${pyString(String(p.warmUpUnit))}, ${pyNumber(Number(p.warmUpLength))})` : '';
      return [warm ? `${pyNumber(w)}${warm} * ${t}` : w === 1 ? t : `${pyNumber(w)} * ${t}`];
    });
    return [`${c.output('term')} = ${terms.join(' + ')}`];
  },
};
