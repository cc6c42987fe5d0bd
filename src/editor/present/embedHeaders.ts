// Vite plugin (dev server and `vite preview`): the embed view's page, `/?embed…`, may be
// framed by any origin. Every other response keeps the app's headers: the editor itself
// stays `frame-ancestors 'none'` and `Cross-Origin-Resource-Policy: same-origin`. For the
// embed document only, the policy's frame-ancestors becomes `*`, and its resource policy
// `cross-origin`, which a cross-origin-isolated page (COEP require-corp) needs to frame it —
// with `allow="cross-origin-isolated"` on the iframe, the frame is then isolated too and
// trains on threads. Node-only: imported by vite.config.ts, never by the page.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';

export function isEmbedRequest(url: string | undefined): boolean {
  if (!url) return false;
  const q = url.indexOf('?');
  if (q < 0) return false;
  return new URLSearchParams(url.slice(q + 1).split('#')[0]).has('embed');
}

/** A policy with its frame-ancestors directive (if any) replaced by `frame-ancestors *`. */
export function framablePolicy(policy: string): string {
  return /(^|;)\s*frame-ancestors\b/.test(policy) ? policy.replace(/(^|;)(\s*)frame-ancestors\b[^;]*/, '$1$2frame-ancestors *') : policy;
}

function embedHeaders(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  if (isEmbedRequest(req.url)) {
    const setHeader = res.setHeader.bind(res);
    res.setHeader = (name: string, value: number | string | readonly string[]) => {
      const n = name.toLowerCase();
      if (n === 'content-security-policy') return setHeader(name, framablePolicy(String(value)));
      if (n === 'cross-origin-resource-policy') return setHeader(name, 'cross-origin');
      return setHeader(name, value);
    };
  }
  next();
}

export function embedHeadersPlugin(): Plugin {
  return {
    name: 'latent-canvas-embed-headers',
    configureServer(server) {
      server.middlewares.use(embedHeaders);
    },
    configurePreviewServer(server) {
      server.middlewares.use(embedHeaders);
    },
  };
}
