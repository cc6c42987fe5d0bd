import type { PyTorchCapability } from '../capabilities';
import { pyActivation } from '../python';

/** One dense layer per hidden width, then the output layer with its own activation. */
export const mlpPyTorch: PyTorchCapability = {
  forward(c) {
    const hidden = c.params.hidden as number[];
    const out = c.output('out');
    const lines: string[] = [];
    let h = c.input('in')!;
    [...hidden, 0].forEach((_, i) => {
      const last = i === hidden.length;
      lines.push(`${out} = dense(${h}, ${c.param(`${i}/kernel`)}, ${c.param(`${i}/bias`)}, ${pyActivation(last ? c.params.outputActivation : c.params.activation)})`);
      h = out;
    });
    return lines;
  },
};
