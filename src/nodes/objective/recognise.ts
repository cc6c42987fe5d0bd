// Which estimator of the lecture an objective built from parts is, read off the forms its
// parts return (walkParts.ts): the run's name ("IWAE (parts), J=5", "DReG IWAE, J=5") and
// the label under its formula. Anything not recognised is named generically, never wrongly.
import type { ObjectiveScopeName } from '../capabilities';
import { texNumber, type TermForm } from '../tex';

export type Reading =
  | { kind: 'iwae' }
  | { kind: 'priorMc' }
  | { kind: 'autoencoder' }
  | { kind: 'elbo'; stl: boolean }
  | { kind: 'klElbo'; beta: number; warmUp?: { unit: string; length: number } }
  | { kind: 'dregEncoder' }
  | { kind: 'weightedLogW' }
  | { kind: 'rwsEncoder' };

type Sum = Extract<TermForm, { op: 'sum' }>;

const live = (f: Sum) => f.terms.filter((t) => t.w !== 0);

const isLogLikelihood = (f: TermForm) => f.op === 'logDensity' && f.role === 'likelihood' && f.at === 'x' && !f.distHeld;

/** log p(x|z) + log p(z) − log q(z|x), each once, unit weights, no warm-up: the log importance weight. */
function logWeight(f: TermForm): { qHeld: boolean } | undefined {
  if (f.op !== 'sum') return undefined;
  const ts = live(f);
  if (ts.length !== 3 || ts.some((t) => t.warmUp)) return undefined;
  const lik = ts.find((t) => t.w === 1 && isLogLikelihood(t.form));
  const prior = ts.find((t) => t.w === 1 && t.form.op === 'logDensity' && t.form.role === 'prior' && t.form.at === 'z');
  const q = ts.find((t) => t.w === -1 && t.form.op === 'logDensity' && t.form.role === 'proposal' && t.form.at === 'z' && !t.form.valueHeld);
  return lik && prior && q && q.form.op === 'logDensity' ? { qHeld: q.form.distHeld } : undefined;
}

/** log p(x|z) (or its mean over j) − β KL(q‖p): the ELBO with an analytic KL, or a β-VAE. */
function klElbo(f: TermForm): Extract<Reading, { kind: 'klElbo' }> | undefined {
  if (f.op !== 'sum') return undefined;
  const ts = live(f);
  if (ts.length !== 2) return undefined;
  const rec = ts.find((t) => t.w === 1 && !t.warmUp && (isLogLikelihood(t.form) || (t.form.op === 'reduce' && t.form.how === 'mean' && isLogLikelihood(t.form.of))));
  const kl = ts.find((t) => t.w < 0 && t.form.op === 'kl' && t.form.q === 'proposal' && t.form.p === 'prior');
  return rec && kl ? { kind: 'klElbo', beta: -kl.w, warmUp: kl.warmUp } : undefined;
}

/** log p(x|ẑ) + log p(ẑ) at a point estimate ẑ = g(x). */
function pointJoint(f: TermForm): boolean {
  if (f.op !== 'sum') return false;
  const ts = live(f);
  const prior = ts.find((t) => t.form.op === 'logDensity' && t.form.role === 'prior' && t.form.at === 'z' && !t.form.distHeld);
  return ts.length === 2 && ts.every((t) => t.w === 1 && !t.warmUp) && !!prior && ts.some((t) => isLogLikelihood(t.form));
}

/** How z is made: drawn from the prior rather than q(z|x), or a point estimate ẑ = g(x). */
export interface LatentKind {
  fromPrior: boolean;
  pointEstimate: boolean;
}

/** What one objective's term is. */
export function readObjective(f: TermForm, z: LatentKind): Reading | undefined {
  if (z.pointEstimate) return pointJoint(f) ? { kind: 'autoencoder' } : undefined;
  if (f.op === 'sum') {
    const lw = logWeight(f);
    return lw ? { kind: 'elbo', stl: lw.qHeld } : klElbo(f);
  }
  if (f.op !== 'reduce') return undefined;
  const lw = logWeight(f.of);
  if (f.how === 'logMeanExp') {
    if (lw && !lw.qHeld) return { kind: 'iwae' };
    return z.fromPrior && isLogLikelihood(f.of) ? { kind: 'priorMc' } : undefined;
  }
  if (f.how === 'mean') return lw ? { kind: 'elbo', stl: lw.qHeld } : klElbo(f.of);
  if (f.how !== 'weighted' || f.weights?.op !== 'weights' || !f.weights.fixed || !logWeight(f.weights.of)) return undefined;
  const { power } = f.weights;
  if (lw?.qHeld && power === 'squared') return { kind: 'dregEncoder' };
  if (lw && !lw.qHeld && power === 'normalised') return { kind: 'weightedLogW' };
  const q = f.of;
  if (power === 'normalised' && q.op === 'logDensity' && q.role === 'proposal' && q.at === 'z' && q.valueHeld) return { kind: 'rwsEncoder' };
  return undefined;
}

export interface ReadObjective {
  reading: Reading | undefined;
  scope: ObjectiveScopeName;
}

const trainsDecoder = (o: ReadObjective) => o.scope !== 'encoder';

/** The run's name from every objective of the graph; J is the latent's samples per example. */
export function composedRunName(objectives: ReadObjective[], J: number): string {
  const enc = objectives.filter((o) => o.scope === 'encoder');
  const dec = objectives.filter(trainsDecoder);
  const decoderOnIwae = dec.length === 1 && (dec[0].reading?.kind === 'iwae' || dec[0].reading?.kind === 'weightedLogW');
  if (enc.length === 1 && decoderOnIwae && dec[0].scope === 'decoder') {
    if (enc[0].reading?.kind === 'dregEncoder') return `DReG IWAE, J=${J}`;
    if (enc[0].reading?.kind === 'rwsEncoder') return `RWS, J=${J}`;
  }
  const only = objectives.length === 1 && objectives[0].scope === 'all' ? objectives[0].reading : undefined;
  switch (only?.kind) {
    case 'iwae':
      return `IWAE (parts), J=${J}`;
    case 'priorMc':
      return `Prior MC (parts), J=${J}`;
    case 'autoencoder':
      return 'Autoencoder (parts)';
    case 'elbo':
      return only.stl ? `STL ELBO, J=${J}` : `ELBO (parts), J=${J}`;
    case 'klElbo': {
      const warm = only.warmUp ? `, warm-up ${only.warmUp.length} ${only.warmUp.unit}` : '';
      if (only.beta === 1 && !warm) return `ELBO (parts, analytic KL), J=${J}`;
      return `β-VAE β=${Number(only.beta.toPrecision(4))}${warm} (parts), J=${J}`;
    }
    default:
      return `Objective from parts, J=${J}`;
  }
}

/** The label under an objective's term in the formula, when it is a known estimator. */
export function readingLabel(r: Reading | undefined, J: number): string | undefined {
  switch (r?.kind) {
    case 'iwae':
      return J > 1 ? `\\text{IWAE: log-mean-exp of } ${texNumber(J)} \\text{ importance weights}` : '\\text{one importance weight: the ELBO}';
    case 'priorMc':
      return `\\text{log-mean-exp over } ${texNumber(J)} \\text{ prior samples}`;
    case 'autoencoder':
      return '\\text{autoencoder: at the point estimate } \\hat z_n';
    case 'elbo':
      return r.stl ? '\\text{ELBO, sticking the landing: } q \\text{ held fixed in } \\log q' : '\\text{ELBO: the mean of the log weights (Jensen)}';
    case 'klElbo':
      return r.beta === 1 && !r.warmUp ? '\\text{ELBO, analytic KL}' : `\\beta\\text{-VAE},\\ \\beta = ${texNumber(r.beta)}${r.warmUp ? '\\text{, warmed up}' : ''}`;
    case 'dregEncoder':
      return '\\text{DReG encoder surrogate}';
    case 'weightedLogW':
      return '\\text{self-normalised surrogate: the IWAE gradient}';
    case 'rwsEncoder':
      return '\\text{wake-sleep encoder surrogate}';
    default:
      return undefined;
  }
}
