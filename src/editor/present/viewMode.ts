// How the page was asked to open: `?view` (or `view=1`) opens view-only, `?embed` the embed
// view (src/editor/present/EmbedLayout.tsx), which is view-only too. Pure: unit-tested.

/** A flag parameter: present with no value, or any value but 0/false/no/off. */
function flag(params: URLSearchParams, name: string): boolean {
  if (!params.has(name)) return false;
  const v = (params.get(name) ?? '').trim().toLowerCase();
  return !['0', 'false', 'no', 'off'].includes(v);
}

export interface StartMode {
  /** Open with the view-only lock on. */
  viewOnly: boolean;
  /** Render the embed view (canvas, objective, Train, loss chart), locked. */
  embed: boolean;
}

export function readStartMode(search: string): StartMode {
  const params = new URLSearchParams(search);
  const embed = flag(params, 'embed');
  return { embed, viewOnly: embed || flag(params, 'view') };
}

let started: StartMode = { viewOnly: false, embed: false };

/** Read once at start (src/main.tsx): the address may lose its link later, never its mode. */
export function setStartMode(mode: StartMode): void {
  started = mode;
}

export function startMode(): StartMode {
  return started;
}
