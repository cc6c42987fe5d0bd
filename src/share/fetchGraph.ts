// `?graph=<url>`: an instructor hosts a graph file and hands out the address. This fetches
// it and says plainly what went wrong: a malformed address, a blocked or failed request,
// an HTTP error, a web page instead of a file. Whether the text is a graph is the parser's
// verdict (not JSON, wrong format), given by the caller. Host-neutral: fetch is injected.
//
// A server decides what it sends, so the download is bounded by what arrives, not by what
// the server claims: the body is read chunk by chunk and the reading stops once it passes
// LIMITS.fileChars bytes (a missing or lying Content-Length changes nothing), and the one
// time limit covers the whole download, body included (a server that sends a byte a
// second forever is stopped), whether or not the injected fetch honours the abort signal.
import { LIMITS } from '../graph/limits';

export type FetchGraphResult = { ok: true; text: string; url: string; fileName: string } | { ok: false; url: string; errors: string[] };

export interface FetchGraphOptions {
  /** The page's address, to resolve a relative `?graph=` and recognise the same origin. */
  base: string;
  fetch?: typeof fetch;
  /** For the whole download: the answer and the body. */
  timeoutMs?: number;
  /** Told the bytes received so far as the body arrives, and the total while the server's Content-Length holds. */
  onProgress?: (receivedBytes: number, totalBytes?: number) => void;
}

const TIMED_OUT = Symbol('timed out');

type BodyResult = { ok: true; text: string } | { ok: false; why: 'too-large' | 'timeout'; receivedBytes: number };

/** The body as UTF-8 text (as Response.text() decodes it), stopped past `maxBytes` or at the deadline. */
async function readBody(res: Response, maxBytes: number, deadline: Promise<typeof TIMED_OUT>, signal: AbortSignal, onChunk: (received: number) => void): Promise<BodyResult> {
  if (!res.body) return { ok: true, text: '' };
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let received = 0;
  const stop = (why: 'too-large' | 'timeout'): BodyResult => {
    // We have given up on this body: cancelling only tells the stream so; if that fails
    // too, there is nothing left to tell anyone.
    reader.cancel().catch(() => undefined);
    return { ok: false, why, receivedBytes: received };
  };
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array> | typeof TIMED_OUT;
    try {
      chunk = await Promise.race([reader.read(), deadline]);
    } catch (e) {
      // The abort at the deadline errors a real fetch's body: that is the timeout, not a fault.
      if (signal.aborted) return stop('timeout');
      throw e;
    }
    if (chunk === TIMED_OUT) return stop('timeout');
    if (chunk.done) break;
    received += chunk.value.byteLength;
    if (received > maxBytes) return stop('too-large');
    parts.push(decoder.decode(chunk.value, { stream: true }));
    onChunk(received);
  }
  parts.push(decoder.decode());
  return { ok: true, text: parts.join('') };
}

/** "812 bytes", "40 kB", "25.1 MB". */
const size = (bytes: number) =>
  bytes < 1000 ? `${bytes} bytes` : bytes < 1e6 ? `${Math.round(bytes / 1000)} kB` : `${(bytes / 1e6).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;

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
  const seconds = Number((timeoutMs / 1000).toPrecision(timeoutMs >= 1000 ? 3 : 1)); // 20, 0.3
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => {
      resolve(TIMED_OUT); // first, so a race sees the deadline before the abort's errors
      controller.abort();
    }, timeoutMs);
  });
  const tooSlow = () => ({ ok: false as const, url: shown, errors: [`Downloading ${shown} took longer than ${seconds} seconds; the server did not answer. Try again later.`] });
  try {
    let res: Response;
    try {
      const answer = await Promise.race([doFetch(url.toString(), { signal: controller.signal, credentials: 'omit', redirect: 'follow' }), deadline]);
      if (answer === TIMED_OUT) return tooSlow();
      res = answer;
    } catch (e) {
      if (controller.signal.aborted) return tooSlow();
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
    const header = res.headers.get('content-length');
    const length = header === null ? NaN : Number(header);
    if (Number.isFinite(length) && length > LIMITS.fileChars) {
      return { ok: false, url: shown, errors: [`${shown} is ${Math.round(length / 1e6)} MB, larger than a graph file may be (${LIMITS.fileChars / 1e6} MB).`] };
    }
    // A Content-Length is a claim: shown as the total while it holds, never relied on.
    const claimed = Number.isFinite(length) && length > 0 ? length : undefined;
    const body = await readBody(res, LIMITS.fileChars, deadline, controller.signal, (received) => opts.onProgress?.(received, claimed !== undefined && received <= claimed ? claimed : undefined));
    if (!body.ok) {
      const why =
        body.why === 'too-large'
          ? `${shown} is larger than a graph file may be (${LIMITS.fileChars / 1e6} MB): the download was stopped after ${size(body.receivedBytes)}.`
          : `Downloading ${shown} took longer than ${seconds} seconds (${size(body.receivedBytes)} had arrived); the download was stopped. Try again later.`;
      return { ok: false, url: shown, errors: [why] };
    }
    const text = body.text;
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
    if (controller.signal.aborted) return tooSlow();
    return { ok: false, url: shown, errors: [`Could not read ${shown}: ${e instanceof Error ? e.message : String(e)}.`] };
  } finally {
    clearTimeout(timer);
  }
}
