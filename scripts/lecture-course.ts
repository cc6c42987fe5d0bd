// Writes the lecture as a course: `npx tsx scripts/lecture-course.ts [--check]`.
// Reads the gallery graphs in graphs/ in the lecture's order (Part I: PPCA; Part II: the
// autoencoder, Monte Carlo with prior samples, importance sampling, the ELBO, the VAE; then
// the variants of the estimators issue), moves each graph's instructor notes to its step,
// adds the step's tasks, and writes
//   courses/lecture.course.json          the course (the file tests and tools read)
//   public/courses/lecture.course.json   the same bytes, served at /courses/lecture.course.json
//                                        (so `?course=courses/lecture.course.json` works on any host)
// Each task's solution is the step's graph with the edit done; before writing, every task is
// checked to be not done on its step's starting graph and done on its solution (graph
// conditions; run conditions need a run and are left to the learner), every solution
// analyses without errors, and the course parses back to itself.
// --check exits 1 when either file differs from what would be written.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseGraphText } from '../src/graph/parse';
import type { GraphDoc, GraphEdge, GraphNode } from '../src/graph/document';
import { analyzeGraph } from '../src/compiler/analyze';
import { COURSE_FORMAT, COURSE_SOURCE, COURSE_VERSION, type Course, type CourseStep } from '../src/course/document';
import { parseCourseText, serializeCourse } from '../src/course/parse';
import { evaluateTask } from '../src/tasks/evaluate';
import { taskSchema, type Task, type TaskInput } from '../src/tasks/schema';

const OUT = ['courses/lecture.course.json', 'public/courses/lecture.course.json'];
const check = process.argv.includes('--check');

function graph(name: string): GraphDoc {
  const r = parseGraphText(readFileSync(`graphs/${name}.json`, 'utf8'), `graphs/${name}.json`);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.doc;
}

/** A copy of the graph with some nodes' params changed. */
function withParams(doc: GraphDoc, patch: Record<string, Record<string, unknown>>): GraphDoc {
  for (const id of Object.keys(patch)) if (!doc.nodes.some((n) => n.id === id)) throw new Error(`no node ${id} in ${doc.meta.title}`);
  return { ...doc, nodes: doc.nodes.map((n) => (patch[n.id] ? { ...n, params: { ...n.params, ...patch[n.id] } } : n)) };
}

/** A copy with nodes replaced, removed or added and edges rewired. */
function edited(doc: GraphDoc, f: (nodes: GraphNode[], edges: GraphEdge[]) => { nodes: GraphNode[]; edges: GraphEdge[] }): GraphDoc {
  const { nodes, edges } = f(structuredClone(doc.nodes), structuredClone(doc.edges));
  return { ...doc, nodes, edges };
}

const edge = (source: string, sourcePort: string, target: string, targetPort: string): GraphEdge => ({ id: `${source}.${sourcePort}->${target}.${targetPort}`, source, sourcePort, target, targetPort });

/** The solution as a task carries it: a graph file's value, without notes (they are the step's). */
function solutionValue(doc: GraphDoc): Record<string, unknown> {
  return JSON.parse(JSON.stringify({ ...doc, meta: { ...doc.meta, notes: '' } })) as Record<string, unknown>;
}

interface StepPlan {
  graph: string;
  id: string;
  /** The step's title (the graph's title unless given). */
  title?: string;
  tasks: (start: GraphDoc) => { task: Omit<TaskInput, 'solution'>; solution?: GraphDoc }[];
}

const PLAN: StepPlan[] = [
  {
    graph: 'ppca',
    id: 'ppca',
    tasks: (g) => [
      {
        task: {
          id: 'latent-4d',
          title: 'Give PPCA a 4-D latent',
          instructions: 'Set the dimension of the prior p(z) to 4 and train again. The data were made from 2 factors: where does the extra variance go? (Compare σ² and the subspace angle with the 2-D run.)',
          conditions: [{ kind: 'param', node: { id: 'prior' }, param: 'dim', equals: 4, unmet: 'The prior p(z) is not 4-dimensional yet: select it and set its dimension to 4.', met: 'The latent is 4-dimensional.' }],
          hint: 'Select the node “Prior p(z)” and change **Dimension** in the inspector; the decoder W follows the new size.',
        },
        solution: withParams(g, { prior: { dim: 4 } }),
      },
    ],
  },
  {
    graph: 'autoencoder',
    id: 'autoencoder',
    tasks: (g) => [
      {
        task: {
          id: 'code-2d',
          title: 'Squeeze the code to two numbers',
          instructions: 'Give the autoencoder a 2-D latent: the encoder g(x) outputs 2 numbers and the prior p(z) is 2-dimensional. Train it: how much worse is the reconstruction?',
          conditions: [
            { kind: 'param', node: { id: 'enc' }, param: 'outputs', equals: 2, unmet: 'The encoder still outputs more than 2 numbers: set its outputs to 2.' },
            { kind: 'param', node: { id: 'prior' }, param: 'dim', equals: 2, unmet: 'The prior p(z) is not 2-dimensional yet: set its dimension to 2.' },
          ],
          hint: 'Two edits: the encoder’s **Outputs** and the prior’s **Dimension**. They must agree, or the loss says their sizes differ.',
        },
        solution: withParams(g, { enc: { outputs: 2 }, prior: { dim: 2 } }),
      },
    ],
  },
  {
    graph: 'mc-prior',
    id: 'mc-prior',
    tasks: (g) => [
      {
        task: {
          id: 'more-prior-samples',
          title: 'More prior samples',
          instructions: 'Raise the number of samples J from 10 to at least 100 and train. Does the loss come close to the VAE’s? The prior samples still do not depend on x.',
          conditions: [{ kind: 'param', node: { id: 'sampler' }, param: 'samples', min: 100, unmet: 'The sampler draws fewer than 100 samples: raise J to 100 or more.' }],
          hint: 'Select the sampler and set **Samples J**.',
        },
        solution: withParams(g, { sampler: { samples: 100 } }),
      },
      {
        task: {
          id: 'sample-from-q',
          title: 'Sample from q(z|x) instead of the prior',
          instructions:
            'Make the samples depend on x: an encoder computes the mean of a Gaussian q(z|x) (label it “q(z|x)”), the sampler draws from it, and an importance-sampling loss corrects with the weights p(z)/q(z|x). Train and watch the variance of the estimate drop (Diagnostics: loss spread and effective sample size).',
          conditions: [
            { kind: 'edgeExists', from: { nodeKind: 'dense' }, to: { nodeKind: 'gaussian' }, toPort: 'mean', unmet: 'No encoder layer computes the mean of a Gaussian yet: add a Dense layer from the data and connect it to a Gaussian’s mean.' },
            { kind: 'edgeExists', from: { label: 'q(z|x)' }, fromPort: 'dist', to: { nodeKind: 'sampler' }, toPort: 'dist', unmet: 'The sampler does not draw from a distribution labelled “q(z|x)” yet.' },
            { kind: 'nodeExists', nodeKind: 'iwaeLoss', unmet: 'The loss does not correct for sampling from q yet: use the importance-sampling (IWAE) loss, with q(z|x) as its proposal.' },
          ],
          hint: 'The next step of the course is the answer: the importance-sampling graph.',
        },
        solution: graph('importance-sampling'),
      },
    ],
  },
  {
    graph: 'importance-sampling',
    id: 'importance-sampling',
    tasks: (g) => [
      {
        task: {
          id: 'more-samples',
          title: 'Tighten the bound with more samples',
          instructions: 'Raise J from 5 to at least 50 and train: the bound tightens as J grows (and each step costs more).',
          conditions: [{ kind: 'param', node: { id: 'sampler' }, param: 'samples', min: 50, unmet: 'The sampler draws fewer than 50 samples: raise J to 50 or more.' }],
          hint: 'The variants menu of the runs list also makes a J = 50 variant in one click.',
        },
        solution: withParams(g, { sampler: { samples: 50 } }),
      },
      {
        task: {
          id: 'iwae-above-elbo',
          title: 'IWAE is tighter than the ELBO',
          instructions: 'Train this graph, then its ELBO variant (runs list ▸ variants ▸ ELBO). The IWAE-5 bound is the tighter one: its loss is lower.',
          conditions: [{ kind: 'boundOrder', tighter: 'IWAE', looser: 'ELBO', metric: 'testLoss', unmet: 'Train both the IWAE graph and its ELBO variant; then the two bounds are compared.' }],
        },
      },
    ],
  },
  {
    graph: 'is-to-elbo',
    id: 'elbo',
    title: 'The ELBO: from importance sampling in one edit',
    tasks: (g) => [
      {
        task: {
          id: 'iwae-to-elbo',
          title: 'Turn IWAE into the ELBO by one edit',
          instructions: 'Change the reduction over samples from log-mean-exp to the mean. The loss becomes the negative ELBO; by Jensen’s inequality it rises.',
          conditions: [{ kind: 'param', node: { id: 'reduce' }, param: 'op', equals: 'mean', unmet: 'The reduction over samples is not the mean yet: select “log-mean-exp” and set it to mean.', met: 'The samples are averaged: this is the ELBO.' }],
          hint: 'Select the node “Reduce over samples” and pick **mean**.',
        },
        solution: withParams(g, { reduce: { op: 'mean' } }),
      },
    ],
  },
  {
    graph: 'vae',
    id: 'vae',
    tasks: (g) => [
      {
        task: {
          id: 'mc-kl',
          title: 'Estimate the KL by Monte Carlo',
          instructions: 'Switch the KL term of the negative ELBO from analytic to Monte Carlo (the same samples). Same objective in expectation, noisier gradients: compare the gradient variance in Diagnostics.',
          conditions: [{ kind: 'param', node: { id: 'loss' }, param: 'kl', equals: 'mc', unmet: 'The KL is still computed analytically: set the loss’s KL term to Monte Carlo.' }],
        },
        solution: withParams(g, { loss: { kl: 'mc' } }),
      },
    ],
  },
  {
    graph: 'vae-2d',
    id: 'vae-2d',
    tasks: (g) => [
      {
        task: {
          id: 'iwae-2d',
          title: 'Importance sampling on the 2-D latent',
          instructions: 'Replace the negative ELBO by the importance-sampling loss with J = 5 (the variants menu swaps it in one click) and train. Does the latent space look different?',
          conditions: [
            { kind: 'nodeExists', nodeKind: 'iwaeLoss', unmet: 'The loss is not importance sampling (IWAE) yet.' },
            { kind: 'param', node: { nodeKind: 'sampler' }, param: 'samples', min: 5, unmet: 'The sampler draws fewer than 5 samples: set J to 5.' },
          ],
        },
        solution: edited(withParams(g, { sampler: { samples: 5 } }), (nodes, edges) => ({
          nodes: nodes.map((n) => (n.id === 'loss' ? { ...n, kind: 'iwaeLoss', label: 'Importance sampling (IWAE-5)', params: {} } : n)),
          edges,
        })),
      },
    ],
  },
  {
    graph: 'linear-vae',
    id: 'linear-vae',
    tasks: (g) => [
      {
        task: {
          id: 'near-exact',
          title: 'The ELBO meets the exact likelihood',
          instructions: 'Train the linear VAE. With a linear decoder the exact NLL is known: the held-out loss should come within 0.5 nats of it.',
          conditions: [{ kind: 'nearExact', within: 0.5, on: 'test', unmet: 'Train the graph: its held-out loss is compared with the exact NLL.' }],
        },
      },
      {
        task: {
          id: 'exact-loss',
          title: 'Train on the exact likelihood instead',
          instructions: 'Replace the negative ELBO by the exact marginal NLL (data, prior and likelihood connected, the sampler drawing from the prior): the model is PPCA again, and the encoder is not needed.',
          conditions: [
            { kind: 'nodeExists', nodeKind: 'exactNll', unmet: 'There is no Exact marginal NLL node yet.' },
            { kind: 'edgeExists', from: { nodeKind: 'gaussian', id: 'lik' }, fromPort: 'dist', to: { nodeKind: 'exactNll' }, toPort: 'likelihood', unmet: 'The likelihood is not connected to the exact NLL yet.' },
          ],
        },
        solution: edited(g, (nodes, edges) => {
          const encoder = new Set(['encMean', 'encLogvar', 'q']);
          return {
            nodes: nodes.filter((n) => !encoder.has(n.id)).map((n) => (n.id === 'loss' ? { ...n, kind: 'exactNll', label: 'Exact marginal NLL', params: {} } : n)),
            edges: [
              ...edges.filter((e) => !encoder.has(e.source) && !encoder.has(e.target) && !(e.target === 'loss' && e.targetPort === 'z')),
              edge('prior', 'dist', 'sampler', 'dist'),
            ],
          };
        }),
      },
    ],
  },
  {
    graph: 'elbo-from-parts',
    id: 'elbo-from-parts',
    tasks: (g) => [
      {
        task: {
          id: 'beta-4',
          title: 'Make it a β-VAE with β = 4',
          instructions: 'The weighted sum holds the −1 on the KL. Weigh the KL by β = 4 (a coefficient of −4): the KL is penalised harder, and the loss is no longer a bound on log p(x).',
          conditions: [{ kind: 'param', node: { id: 'elbo' }, param: 'wb', equals: -4, unmet: 'The KL’s coefficient is not −4 yet: set the weighted sum’s coefficient on b to −4.' }],
        },
        solution: withParams(g, { elbo: { wb: -4 } }),
      },
    ],
  },
  {
    graph: 'iwae-from-parts',
    id: 'iwae-from-parts',
    tasks: (g) => [
      {
        task: {
          id: 'iwae-50',
          title: 'IWAE-50 from parts',
          instructions: 'Raise J to 50: the log-mean-exp over more samples gives a tighter bound. Compare the run with IWAE-5 on one chart.',
          conditions: [{ kind: 'param', node: { id: 'sampler' }, param: 'samples', min: 50, unmet: 'The sampler draws fewer than 50 samples.' }],
        },
        solution: withParams(g, { sampler: { samples: 50 } }),
      },
    ],
  },
  {
    graph: 'beta-vae',
    id: 'beta-vae',
    tasks: (g) => [
      {
        task: {
          id: 'beta-1',
          title: 'Back to the plain VAE',
          instructions: 'Set β back to 1 (the coefficient on the KL to −1): the objective is the ELBO again, a bound on log p(x).',
          conditions: [{ kind: 'param', node: { id: 'elbo' }, param: 'wb', equals: -1, unmet: 'The KL’s coefficient is not −1 yet.' }],
        },
        solution: withParams(g, { elbo: { wb: -1 } }),
      },
    ],
  },
  {
    graph: 'stl',
    id: 'stl',
    tasks: (g) => [
      {
        task: {
          id: 'undo-stl',
          title: 'Undo sticking the landing',
          instructions: 'Evaluate log q with q’s own parameters: connect q(z|x) straight to the log-density, without “Hold parameters fixed”. The loss is the same; compare the encoder’s gradient variance with the STL run.',
          conditions: [{ kind: 'edgeExists', from: { id: 'q' }, fromPort: 'dist', to: { id: 'logQ' }, toPort: 'dist', unmet: 'log q still reads q through “Hold parameters fixed”: connect q(z|x) directly to its distribution input.' }],
        },
        solution: edited(g, (nodes, edges) => ({
          nodes: nodes.filter((n) => n.id !== 'qFixed'),
          edges: [...edges.filter((e) => e.source !== 'qFixed' && e.target !== 'qFixed'), edge('q', 'dist', 'logQ', 'dist')],
        })),
      },
    ],
  },
  {
    graph: 'dreg',
    id: 'dreg',
    tasks: (g) => [
      {
        task: {
          id: 'dreg-20',
          title: 'DReG with more samples',
          instructions: 'Raise J to 20. With plain IWAE the encoder’s gradient gets noisier as J grows; with DReG it does not. Compare the gradient variance in Diagnostics.',
          conditions: [{ kind: 'param', node: { id: 'sampler' }, param: 'samples', min: 20, unmet: 'The sampler draws fewer than 20 samples.' }],
        },
        solution: withParams(g, { sampler: { samples: 20 } }),
      },
    ],
  },
];

const steps: CourseStep[] = PLAN.map((p) => {
  const start = graph(p.graph);
  const tasks: Task[] = p.tasks(start).map(({ task, solution }) => {
    const parsed = taskSchema.safeParse(solution ? { ...task, solution: solutionValue(solution) } : task);
    if (!parsed.success) throw new Error(`${p.id}/${task.id}: ${parsed.error.message}`);
    const t = parsed.data;
    const graphOnly = t.conditions.every((c) => c.kind === 'nodeExists' || c.kind === 'edgeExists' || c.kind === 'param');
    if (evaluateTask(t, { doc: start, runs: [] }).done) throw new Error(`${p.id}/${t.id} is already done on the starting graph`);
    if (solution) {
      const a = analyzeGraph(solution);
      if (a.errors.length) throw new Error(`${p.id}/${t.id}: the solution does not analyse: ${a.errors.map((e) => e.message).join('; ')}`);
      const r = evaluateTask(t, { doc: solution, runs: [] });
      if (graphOnly && !r.done) throw new Error(`${p.id}/${t.id} is not done on its solution: ${r.conditions.map((c) => c.sentence).join(' ')}`);
    } else if (graphOnly) throw new Error(`${p.id}/${t.id} checks only the graph but has no solution`);
    return t;
  });
  return { id: p.id, title: p.title ?? start.meta.title, notes: start.meta.notes, graph: { ...start, meta: { ...start.meta, notes: '' } }, tasks };
});

const course: Course = {
  format: COURSE_FORMAT,
  version: COURSE_VERSION,
  source: COURSE_SOURCE,
  meta: {
    id: 'lecture',
    title: 'Latent variable models: from PPCA to the VAE',
    description:
      'The lecture as a course: probabilistic PCA with its exact likelihood, then the deterministic autoencoder, Monte Carlo with prior samples, importance sampling, the ELBO and the VAE, then the estimators built from parts (β-VAE, sticking the landing, DReG). Every step has tasks that check themselves.',
  },
  steps,
};

const text = serializeCourse(course);
const back = parseCourseText(text, 'lecture.course.json');
if (!back.ok) throw new Error(back.errors.join('\n'));
if (back.warnings.length) throw new Error(back.warnings.join('\n'));
if (serializeCourse(back.course) !== text) throw new Error('the course does not parse back to itself');

let stale = 0;
for (const path of OUT) {
  let old = '';
  try {
    old = readFileSync(path, 'utf8');
  } catch {
    // not written yet
  }
  if (old === text) continue;
  if (check) {
    console.error(`${path} is out of date: run npx tsx scripts/lecture-course.ts`);
    stale++;
    continue;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  console.log(`wrote ${path}`);
}
console.log(`${steps.length} steps, ${steps.reduce((n, s) => n + (s.tasks?.length ?? 0), 0)} tasks, ${(text.length / 1000).toFixed(0)} kB`);
if (stale) process.exit(1);
