// Asks the worker about the current (or last trained) model: its views and its estimator
// diagnostics. Either may be undefined (no model yet), which the panels say in words.
import type { ViewOptions } from '../../training/protocol';
import { TrainerDisposedError } from '../trainerClient';
import { ensureClient } from './connection';
import { messageOf, useSession } from './sessionStore';

/** Draws of the estimator that the diagnostics average over. */
export const DIAGNOSTIC_REPEATS = 20;

let viewsSeq = 0;

/** A new run starts: answers to earlier view requests describe the old model, so drop them. */
export function dropPendingViews(): void {
  viewsSeq++;
}

export async function refreshViews(options: ViewOptions = {}): Promise<void> {
  const seq = ++viewsSeq;
  const interpolate = options.interpolate ?? useSession.getState().interpolate;
  useSession.setState({ viewsState: 'loading', interpolate });
  try {
    const views = await ensureClient().views({ ...options, interpolate });
    if (seq !== viewsSeq) return; // a newer request (or a views event) has the last word
    if (views) useSession.setState({ views, viewsState: 'ready', viewsMessage: undefined });
    else useSession.setState({ viewsState: 'unavailable', viewsMessage: 'No trained model yet: press Train, and the views appear while it learns.' });
  } catch (err) {
    if (err instanceof TrainerDisposedError || seq !== viewsSeq) return;
    useSession.setState({ viewsState: 'failed', viewsMessage: `The views could not be computed: ${messageOf(err)}` });
  }
}

export async function computeDiagnostics(): Promise<void> {
  useSession.setState({ diagnosticsState: 'loading', diagnosticsMessage: undefined });
  try {
    const d = await ensureClient().diagnostics(DIAGNOSTIC_REPEATS);
    if (d) useSession.setState({ diagnostics: d, diagnosticsState: 'ready' });
    else useSession.setState({ diagnostics: undefined, diagnosticsState: 'unavailable', diagnosticsMessage: 'No trained model yet: train the graph first (the diagnostics use the model the training worker holds).' });
  } catch (err) {
    if (err instanceof TrainerDisposedError) return;
    useSession.setState({ diagnosticsState: 'failed', diagnosticsMessage: `The diagnostics could not be computed: ${messageOf(err)}` });
  }
}
