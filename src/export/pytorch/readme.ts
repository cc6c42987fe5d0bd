// The exported project's README: how to check it, train it on one machine, on GPUs and on
// several machines with torchrun, and bring the weights back to the app.
import type { GraphDoc } from '../../graph/document';

export interface ReadmeFacts {
  hasTrained: boolean;
  binarize: string;
  dataDim: number;
  nTrain: number;
  nTest: number;
}

export function projectReadme(doc: GraphDoc, f: ReadmeFacts): string {
  const s = doc.training;
  return `# ${doc.meta.title} — PyTorch

Exported from Latent Canvas. Needs Python 3 with \`torch\` and \`numpy\`; nothing else.

| File | What it holds |
|---|---|
| \`model.py\` | The graph as a PyTorch module: one block of statements per node, parameters under the app's names |
| \`train.py\` | Training (one process, or data-parallel under \`torchrun\`), the held-out NLL, the result JSON |
| \`init_weights.npz\` | The initial weights the app draws for this graph and seed ${s.seed} |
${f.hasTrained ? '| `weights.npz` | The weights trained in the app (`--weights weights.npz`) |\n' : ''}| \`check.npz\` | The app's first step: its batch, noise, loss and gradients |
| \`data/train.npy\`, \`data/test.npy\` | The data the app trains and tests on (${f.nTrain} and ${f.nTest} rows, ${f.dataDim} columns${f.binarize === 'none' ? '' : '; grey levels, binarised by train.py as the graph asks'}) |
| \`graph.json\` | The graph itself |

## Check that it computes what the app computes

    python3 train.py --check

runs the first step from the app's initial weights, batch and noise and compares the loss and
every gradient with the app's (relative difference at most 1e-5).

## Train

    python3 train.py --out result.json

Defaults are the graph's settings: ${s.epochs} epochs, batch ${s.batchSize}, learning rate ${s.learningRate}, ${s.optimizer}, seed ${s.seed},
K = ${s.evalSamples} importance samples for the final held-out NLL. Flags: \`--epochs\`, \`--batch-size\`, \`--lr\`,
\`--optimizer\`, \`--seed\`, \`--eval-samples\`, \`--data train.csv\`, \`--test-data test.csv\`, \`--weights FILE.npz\`,
\`--device auto|cpu|cuda\`. The result JSON is the one \`npm run train\` writes: the history of train and test
loss in nats per example, and the final held-out NLL with its method. Ctrl-C stops training and still
writes what was measured; a second Ctrl-C during the final evaluation keeps the examples done so far.

## Scale out with torchrun

\`--batch-size\` is the global batch: each process takes its share of every batch and
DistributedDataParallel averages the gradients, so N processes take the same steps as one
(gloo on CPU, nccl on GPU, picked by \`--device\`).

One GPU:

    python3 train.py --device cuda

Several GPUs on one machine (here 4):

    torchrun --nproc_per_node=4 train.py --device cuda

Several machines (here 2 with 8 GPUs each; run on every machine, with its own --node_rank):

    torchrun --nnodes=2 --nproc_per_node=8 --node_rank=0 --master_addr=HOST0 --master_port=29500 train.py --device cuda

On CPU, \`torchrun --nproc_per_node=2 train.py\` runs two processes with gloo.

Debian's torch 1.13 on Python 3.11 fails in torchrun's \`to_map\` (it cannot parse its own
default \`--redirects 0\`); add \`--redirects 1 --tee 1\` to any of the commands above.

## Back to the app

Training writes \`trained.graph.json\`: the graph with its trained weights in the app's format.
Open it in Latent Canvas and Train keeps training from these weights.
`;
}
