#!/usr/bin/env node
// Writes the gallery's estimators-from-parts graphs (graphs/elbo-from-parts.json and the
// five after it) from the lecture's vae.json and importance-sampling.json: the model and the
// training settings are theirs, node for node, so a parts graph and its built-in original
// compile to the same weights and draw the same samples. Run it again after editing either
// original or the notes below: `node scripts/part-graphs.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const graphsDir = fileURLToPath(new URL('../graphs/', import.meta.url));
const read = (name) => JSON.parse(readFileSync(`${graphsDir}${name}.json`, 'utf8'));

/** The original without its loss node (and the edges into it). */
function modelOf(name) {
  const g = read(name);
  const loss = g.nodes.find((n) => n.id === 'loss');
  return {
    ...g,
    nodes: g.nodes.filter((n) => n !== loss),
    edges: g.edges.filter((e) => e.target !== loss.id),
  };
}

function graph(base, { title, description, notes, samples, parts }) {
  const nodes = base.nodes.map((n) => (n.id === 'sampler' && samples !== undefined ? { ...n, label: `z_j ~ q(z|x), J = ${samples}`, params: { ...n.params, samples } } : n));
  const edges = [...base.edges];
  for (const p of parts) {
    nodes.push({ id: p.id, kind: p.kind, label: p.label, position: { x: p.x, y: p.y }, params: p.params ?? {} });
    for (const [port, from] of Object.entries(p.in ?? {})) {
      const [source, sourcePort] = from.split('.');
      edges.push({ id: `e-${source}-${sourcePort}-${p.id}-${port}`, source, sourcePort, target: p.id, targetPort: port });
    }
  }
  const { format, version, source, training, viewport } = base;
  return { format, version, source, meta: { title, description, notes }, nodes, edges, training, viewport };
}

// Columns to the right of the likelihood (x = 1320 in the originals).
const C = [1560, 1820, 2080, 2340, 2600];

const logLik = { id: 'logLik', kind: 'logDensity', label: 'log p(x|z)', x: C[0], y: 0, in: { dist: 'lik.dist', value: 'data.x' } };
const logPrior = { id: 'logPrior', kind: 'logDensity', label: 'log p(z)', x: C[0], y: 200, in: { dist: 'prior.dist', value: 'sampler.z' } };
const logQ = { id: 'logQ', kind: 'logDensity', label: 'log q(z|x)', x: C[0], y: 400, in: { dist: 'q.dist', value: 'sampler.z' } };
// q held fixed sits below the decoder, between q(z|x) and its log-density.
const qFixed = { id: 'qFixed', kind: 'stopGradientDist', label: 'q⊥(z|x), parameters held fixed', x: 1100, y: 400, in: { dist: 'q.dist' } };
const logQFixed = { ...logQ, label: 'log q⊥(z|x)', in: { dist: 'qFixed.dist', value: 'sampler.z' } };
const logW = (terms) => ({ id: 'logW', kind: 'weightedSum', label: 'log w', x: C[1], y: 160, params: { wa: 1, wb: 1, wc: -1 }, in: { a: 'logLik.term', b: 'logPrior.term', c: `${terms}.term` } });

const elboParts = (beta) => [
  logLik,
  { id: 'meanLik', kind: 'reduceSamples', label: 'mean over samples', x: C[1], y: 0, params: { op: 'mean' }, in: { term: 'logLik.term' } },
  { id: 'kl', kind: 'analyticKl', label: 'KL(q‖p)', x: C[1], y: 240, in: { q: 'q.dist', p: 'prior.dist' } },
  {
    id: 'elbo',
    kind: 'weightedSum',
    label: beta ? 'ELBO_β = E log p(x|z) − β KL' : 'ELBO = E log p(x|z) − KL',
    x: C[2],
    y: 100,
    params: beta ? { wa: 1, wb: -beta.value, warmUp: 'linear', warmUpOn: 'b', warmUpUnit: 'epochs', warmUpLength: beta.epochs } : { wa: 1, wb: -1 },
    in: { a: 'meanLik.term', b: 'kl.term' },
  },
  { id: 'objective', kind: 'objective', label: beta ? 'β-VAE objective' : 'Negative ELBO', x: C[3], y: 120, params: { scope: 'all', reported: true }, in: { term: 'elbo.term' } },
];

const iwaeParts = (reduceLabel) => [
  logLik,
  logPrior,
  logQ,
  logW('logQ'),
  { id: 'reduce', kind: 'reduceSamples', label: reduceLabel, x: C[2], y: 180, params: { op: 'logMeanExp' }, in: { term: 'logW.term' } },
  { id: 'objective', kind: 'objective', label: 'Importance sampling (IWAE-5)', x: C[3], y: 200, params: { scope: 'all', reported: true }, in: { term: 'reduce.term' } },
];

const stlParts = [
  logLik,
  logPrior,
  qFixed,
  logQFixed,
  logW('logQ'),
  { id: 'reduce', kind: 'reduceSamples', label: 'mean over samples (ELBO)', x: C[2], y: 180, params: { op: 'mean' }, in: { term: 'logW.term' } },
  { id: 'objective', kind: 'objective', label: 'Negative ELBO (STL gradient)', x: C[3], y: 200, params: { scope: 'all', reported: true }, in: { term: 'reduce.term' } },
];

const dregParts = [
  logLik,
  logPrior,
  qFixed,
  logQFixed,
  logW('logQ'),
  { id: 'weights', kind: 'sampleWeights', label: 'w̃² (held fixed)', x: C[2], y: 0, params: { power: 'squared', holdFixed: true }, in: { logWeights: 'logW.term' } },
  { id: 'encSum', kind: 'reduceSamples', label: 'Σ_j w̃_j² log w_j', x: C[3], y: 40, params: { op: 'weighted' }, in: { term: 'logW.term', weights: 'weights.weights' } },
  { id: 'encObjective', kind: 'objective', label: 'DReG encoder surrogate', x: C[4], y: 40, params: { scope: 'encoder', reported: false }, in: { term: 'encSum.term' } },
  { id: 'reduce', kind: 'reduceSamples', label: 'log-mean-exp (IWAE)', x: C[2], y: 320, params: { op: 'logMeanExp' }, in: { term: 'logW.term' } },
  { id: 'objective', kind: 'objective', label: 'IWAE-5 (decoder, reported)', x: C[3], y: 320, params: { scope: 'decoder', reported: true }, in: { term: 'reduce.term' } },
];

const NOTES = {
  elbo: `### Part II · The ELBO, from parts

This is the lecture's VAE with its loss node taken apart. The negative ELBO with an analytic KL is
$$
-\\mathrm{ELBO}(x_n) = -\\frac1J \\sum_{j=1}^{J} \\log p(x_n \\mid z_{n,j}) + \\mathrm{KL}\\big(q(z \\mid x_n)\\,\\|\\,p(z)\\big),
$$
with $z_{n,j} = g_\\Psi(x_n) + \\sigma_\\Psi(x_n) \\odot \\varepsilon_{n,j}$ and $\\varepsilon_{n,j} \\sim \\mathcal{N}(0, I)$.

Every piece of the formula is a node. **log p(x|z)** evaluates the likelihood at the data, one number per sample; **mean over samples** averages the $J$ of them; **KL(q‖p)** is the closed form for two Gaussians, so it needs no samples at all; the **weighted sum** adds the two with weights $+1$ and $-1$; the **objective** negates the result and averages it over the batch.

Nothing new is computed: with the same seed this graph gives the built-in *Negative ELBO* node's loss to the last digit. The parts are what that node does inside.

**Try it.** Set the KL's weight to $-4$: a β-VAE (the β-VAE graph adds a warm-up). Set $J = 5$ on the sampler: the mean now averages five reconstructions, while the KL stays exactly as it was.
`,
  iwae: `### Part II · Importance sampling, from parts

The lecture's importance-sampling estimate, built from the parts it is made of. For each sample $z_{n,j} \\sim q(z \\mid x_n)$ the log of the importance weight is
$$
\\log w_{n,j} = \\log p(x_n \\mid z_{n,j}) + \\log p(z_{n,j}) - \\log q(z_{n,j} \\mid x_n),
$$
three log-densities added with the weights $+1$, $+1$ and $-1$. The estimate averages the weights themselves, not their logs:
$$
-\\log p(x_n) \\approx -\\log \\frac1J \\sum_{j=1}^{J} w_{n,j}.
$$

**Log-mean-exp** computes $\\log \\frac1J \\sum_j e^{a_j}$ as $m + \\log \\frac1J \\sum_j e^{a_j - m}$ with $m = \\max_j a_j$. The log weights of an MNIST digit are hundreds of nats below zero, and $e^{-500}$ is exactly zero in floating point: the naive formula would return $-\\infty$.

With the same seed this graph gives the built-in *Importance sampling* node's loss to the last digit.

**Try it.** Set $J = 1$ on the sampler: with a single sample the log-mean-exp is the log weight itself, and the estimate is the ELBO. Set $J = 50$ and compare the held-out NLL with the importance-sampling graph.
`,
  isToElbo: `### Part II · From importance sampling to the ELBO, in one edit

The lecture goes from importance sampling to the ELBO with Jensen's inequality, $\\log \\mathbb{E}[f] \\ge \\mathbb{E}[\\log f]$. On this canvas that step is **one edit**.

The graph is IWAE with $J = 5$: the log weights $\\log w_{n,j} = \\log p(x_n \\mid z_{n,j}) + \\log p(z_{n,j}) - \\log q(z_{n,j} \\mid x_n)$, reduced by log-mean-exp.

**The edit.** Train it once. Then select **log-mean-exp (edit: → mean)**, a *Reduce over samples* node, set its reduction to *Mean*, and train again. The samples and the log weights are the same; the loss becomes
$$
-\\frac1J \\sum_{j=1}^{J} \\log w_{n,j} = -\\mathrm{ELBO}(x_n),
$$
the negative ELBO with a Monte Carlo estimate of the KL.

**What changes on the chart.** For any five weights the mean of the logs is at most the log of the mean, so for any model, on every example,
$$
\\mathrm{ELBO}(x_n) \\le \\mathrm{IWAE}_5(x_n) \\le \\log p(x_n).
$$
The second run's loss curve sits **above** the first: the gap between the two curves is how loose the ELBO is compared with the five-sample bound. It closes only where the five weights are equal, which is when $q$ is the exact posterior.

The gradient changes too. Log-mean-exp weighs each sample's gradient by its normalised weight $\\tilde w_j = w_j / \\sum_k w_k$, so the samples that explain $x$ best count most; the mean gives each of them $1/J$.
`,
  beta: `### Beyond the lecture · The β-VAE, with a KL warm-up

Multiply the KL term of the negative ELBO by a factor β:
$$
\\mathcal{L}_\\beta(x_n) = -\\mathbb{E}_{q(z \\mid x_n)}\\big[\\log p(x_n \\mid z)\\big] + \\beta\\, \\mathrm{KL}\\big(q(z \\mid x_n)\\,\\|\\,p(z)\\big).
$$
Here $\\beta = 4$ (Higgins et al., 2017): every nat of information about $x$ that the encoder puts into $z$ costs four times as much, so the model keeps fewer latent dimensions in use and its reconstructions get blurrier. With $\\beta = 1$ it is the VAE.

**The warm-up.** Early in training the cheapest way to lower the KL is to make $q(z \\mid x)$ equal to the prior before the decoder has learned to use $z$ at all, and it may never recover. So the KL's weight ramps up linearly,
$$
\\beta_t = \\beta \\min(1, t / N),
$$
from 0 at the first step to $\\beta$ after $N = 5$ epochs ($t$ counts epochs, fractions included). At the start the model is an autoencoder with a noisy code.

**Reading the chart.** The reported loss is this objective, not a bound on $-\\log p(x)$: during the warm-up it lies below the negative ELBO and climbs as β grows; afterwards, for $\\beta > 1$, it lies above it. The held-out NLL is estimated by importance sampling, as for the VAE, so that number is comparable between the two graphs.

**Try it.** Set the warm-up to *None* and compare the held-out NLL. Set the KL's weight to $-1$ for the plain VAE, or to $-0.5$.
`,
  stl: `### Beyond the lecture · Sticking the landing

Write the ELBO with the log weight, $\\log w = \\log p(x \\mid z) + \\log p(z) - \\log q_\\Psi(z \\mid x)$, and reparameterise, $z = g_\\Psi(x) + \\sigma_\\Psi(x) \\odot \\varepsilon$:
$$
\\mathrm{ELBO}(x) = \\mathbb{E}_{\\varepsilon}\\big[\\log w(z)\\big].
$$
The gradient with respect to the encoder has two parts: the path through $z$, and the **score** $\\nabla_\\Psi \\log q_\\Psi(z \\mid x)$ at fixed $z$. The score's expectation is zero, so it adds nothing but noise.

Roeder, Wu and Duvenaud (2017) drop it. Here **q⊥(z|x)** is q with its parameters held fixed (a stop-gradient), and **log q⊥(z|x)** is evaluated on it; $z$ is still reparameterised, so the path through $z$ stays. The loss has the same value as the VAE's ELBO with a Monte Carlo KL; only the gradient differs.

**Why "sticking the landing".** When $q$ is the exact posterior, $\\log w(z) = \\log p(x)$ for every $z$: the path gradient is zero for every single sample, and the estimator has zero variance at the optimum. The ordinary gradient still carries the score, which is zero only on average.

**Try it.** Wire q(z|x) straight into **log q⊥(z|x)**, bypassing the fixed copy: the loss is the same, the gradient noisier. Set $J = 5$ on the sampler and the reduction to log-mean-exp: for IWAE, holding $q$ fixed alone is biased, and DReG (the next graph) is the fix.
`,
  dreg: `### Beyond the lecture · Doubly reparameterised gradients (DReG)

The IWAE bound gets tighter as $J$ grows, but its encoder gradient gets worse: its signal-to-noise ratio falls like $1/\\sqrt{J}$ (Rainforth et al., 2018). Tucker, Lawson, Gu and Maddison (2018) reparameterise the score term a second time and find, with $\\tilde w_j = w_j / \\sum_k w_k$,
$$
\\nabla_\\Psi \\mathrm{IWAE}_J = \\mathbb{E}\\Big[\\sum_{j=1}^{J} \\tilde w_j^2\\, \\frac{\\partial \\log w_j}{\\partial z_j} \\frac{\\partial z_j}{\\partial \\Psi}\\Big].
$$

The graph computes $\\log w_j$ once, with q's parameters held fixed inside **log q⊥(z|x)**, and sends it to two objectives:
- **DReG encoder surrogate**, trains the encoder only: $-\\sum_j \\tilde w_j^2 \\log w_j$ with $\\tilde w_j^2$ held fixed. Its gradient is the formula above.
- **IWAE-5**, trains the decoder only: $-\\log \\frac1J \\sum_j w_j$. Its gradient with respect to the decoder is $-\\sum_j \\tilde w_j \\nabla \\log w_j$, DReG's decoder gradient exactly; holding q fixed changes nothing there, as q has no decoder parameters.

The gradients of the two objectives add, each over its own parameters.

**What is reported.** The encoder surrogate's value estimates nothing, so it is not reported. The decoder objective's value *is* the IWAE-5 estimate (a stop-gradient changes no value), so that is the one the chart shows. There is deliberately no third objective: an objective over all parameters adds its gradient too, and a reported IWAE would put IWAE's own encoder gradient back.

**Try it.** Set $J = 50$ on the sampler and compare the held-out NLL with the importance-sampling graph at $J = 50$. With the exact posterior as $q$, DReG's encoder gradient is zero for every sample, like STL's.
`,
};

const vae = modelOf('vae');
const is = modelOf('importance-sampling');

const files = {
  'elbo-from-parts': graph(vae, {
    title: 'The ELBO from parts (MNIST)',
    description:
      "The variational autoencoder with its loss built from parts: the mean over samples of log p(x|z), minus the analytic KL(q‖p), negated by an objective. Same model, same settings and, with the same seed, the same loss as the VAE graph's Negative ELBO node: the parts are what that node does inside.",
    notes: NOTES.elbo,
    parts: elboParts(undefined),
  }),
  'iwae-from-parts': graph(is, {
    title: 'Importance sampling from parts (IWAE-5, MNIST)',
    description:
      'Importance sampling with its loss built from parts: log w = log p(x|z) + log p(z) − log q(z|x) for each of J = 5 samples, reduced by log-mean-exp, negated by an objective. Same model and settings and, with the same seed, the same loss as the importance-sampling graph.',
    notes: NOTES.iwae,
    samples: 5,
    parts: iwaeParts('log-mean-exp over samples'),
  }),
  'is-to-elbo': graph(is, {
    title: 'From importance sampling to the ELBO (one edit)',
    description:
      "IWAE-5 from parts, set up for the lecture's step to the ELBO: change the reduction over samples from log-mean-exp to the mean, and the loss becomes the negative ELBO. By Jensen's inequality the loss rises: ELBO ≤ IWAE-5 ≤ log p(x), and the gap is the looseness of the bound.",
    notes: NOTES.isToElbo,
    samples: 5,
    parts: iwaeParts('log-mean-exp (edit: → mean)'),
  }),
  'beta-vae': graph(vae, {
    title: 'β-VAE with a KL warm-up (β = 4, MNIST)',
    description:
      "The VAE from parts with the KL weighted by β = 4, which trades reconstruction for a more compressed code. The KL's weight warms up linearly from 0 to β over the first 5 epochs, so the decoder learns to use z before the KL pulls q(z|x) towards the prior. The reported loss is the β objective, not a bound on −log p(x).",
    notes: NOTES.beta,
    parts: elboParts({ value: 4, epochs: 5 }),
  }),
  stl: graph(vae, {
    title: 'Sticking the landing (STL gradient, MNIST)',
    description:
      "The VAE with the sticking-the-landing gradient (Roeder et al., 2017): the ELBO as the mean over samples of log p(x|z) + log p(z) − log q(z|x), with q's parameters held fixed inside log q and z still reparameterised. Same value as the ELBO; the score term's noise is gone from the encoder's gradient, which is exactly zero for every sample when q is the exact posterior.",
    notes: NOTES.stl,
    parts: stlParts,
  }),
  dreg: graph(is, {
    title: 'Doubly reparameterised IWAE (DReG, MNIST)',
    description:
      'IWAE-5 with doubly reparameterised gradients (Tucker et al., 2018): log w with q held fixed inside log q; the encoder trains on the surrogate Σ_j w̃_j² log w_j with the weights held fixed, the decoder on the IWAE estimate itself, whose decoder gradient is DReG\'s. The gradients add; the reported loss is the IWAE-5 estimate.',
    notes: NOTES.dreg,
    samples: 5,
    parts: dregParts,
  }),
};

for (const [name, g] of Object.entries(files)) writeFileSync(`${graphsDir}${name}.json`, JSON.stringify(g, null, 2) + '\n');
console.log(`wrote ${Object.keys(files).map((n) => `graphs/${n}.json`).join(', ')}`);
