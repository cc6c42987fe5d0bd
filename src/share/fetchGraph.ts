// `?graph=<url>`: an instructor hosts a graph file and hands out the address. This fetches
// it and says plainly what went wrong: a malformed address, a blocked or failed request,
// an HTTP error, a web page instead of a file. Whether the text is a graph is the parser's
// verdict (not JSON, wrong format), given by the caller. Host-neutral: fetch is injected.
import { LIMITS } from '../graph/limits';

export type FetchGraphResult = { ok: true; text: string; url: string; fileName: string } | { ok: false; url: string; errors: string[] };

export interface FetchGraphOptions {
  /** The page's address, to resolve a relative `?graph=` and recognise the same origin. */
  base: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** What the page's Content-Security-Policy (connect-src) lets it read; see vite.config.ts. */
export function allowedGraphUrl(url: URL, base: URL): boolean {
  if (url.origin === base.origin) return true;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname);
}

function fileNameOf(url: URL): string {
  const last = decodeURIComponent(url.pathname.split('/').filter(Boolean).pop() ?? '');
  return (last || url.hostname).slice(0, 120);
}

export async function fetchGraphText(raw: string, opts: FetchGraphOptions): Promise<FetchGraphResult> {
  const doFetch = opts.fetch ?? fetch;
  const base = new URL(opts.base);
  let url: URL;
  try {
    if (!raw) throw new Error('empty');
    url = new URL(raw, base);
  } catch {
    return { ok: false, url: raw, errors: [`"${raw.slice(0, 200)}" (after ?graph=) is not a web address of a graph file.`] };
  }
  const shown = url.toString().slice(0, 300);
  if (url.username || url.password) {
    return { ok: false, url: shown, errors: [`${shown} carries a user name or password; graph addresses must not.`] };
  }
  if (!allowedGraphUrl(url, base)) {
    return {
      ok: false,
      url: shown,
      errors: [`${shown} cannot be loaded: graphs are fetched over https:// (plain http:// only from this computer or this site).`],
    };
  }

  const controller = new AbortController();
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let res: Response;
    try {
      res = await doFetch(url.toString(), { signal: controller.signal, credentials: 'omit', redirect: 'follow' });
    } catch (e) {
      if (controller.signal.aborted) {
        return { ok: false, url: shown, errors: [`Downloading ${shown} took longer than ${Math.round(timeoutMs / 1000)} seconds; the server did not answer. Try again later.`] };
      }
      return {
        ok: false,
        url: shown,
        errors: [
          `Could not download ${shown}: the request failed (${e instanceof Error ? e.message : String(e)}). ` +
            'The server may be down or unreachable, or it does not let other sites read the file (it must send the header Access-Control-Allow-Origin).',
        ],
      };
    }
    if (!res.ok) {
      const status = `${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
      const hint = res.status === 404 ? ' Check the address.' : res.status === 401 || res.status === 403 ? ' The file is not public.' : '';
      return { ok: false, url: shown, errors: [`Could not download ${shown}: the server answered ${status}.${hint}`] };
    }
    const length = Number(res.headers.get('content-length'));
    if (Number.isFinite(length) && length > LIMITS.fileChars) {
      return { ok: false, url: shown, errors: [`${shown} is ${Math.round(length / 1e6)} MB, larger than a graph file may be (${LIMITS.fileChars / 1e6} MB).`] };
    }
    const text = await res.text();
    const head = text.slice(0, 500).trimStart().toLowerCase();
    if (head.startsWith('<!doctype html') || head.startsWith('<html')) {
      return {
        ok: false,
        url: shown,
        errors: [`${shown} is a web page, not a graph file. Link to the file itself (on GitHub, the "Raw" address).`],
      };
    }
    return { ok: true, text, url: shown, fileName: fileNameOf(url) };
  } catch (e) {
    return { ok: false, url: shown, errors: [`Could not read ${shown}: ${e instanceof Error ? e.message : String(e)}.`] };
  } finally {
    clearTimeout(timer);
  }
}
