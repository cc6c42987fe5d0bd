// The iframe snippet the Share menu copies: the share link of the open graph (the graph
// travels in the link's #share= part, src/share/shareLink.ts) with `?embed` in front of it.
// Pure: unit-tested.

export const EMBED_WIDTH = 800;
export const EMBED_HEIGHT = 500;

/** `https://host/app/?embed#share=…` from the graph's share link. */
export function embedUrlOf(shareUrl: string): string {
  const url = new URL(shareUrl);
  url.searchParams.delete('view');
  url.searchParams.set('embed', '');
  // `?embed=` reads as `?embed`: drop the empty value so the address stays short.
  return url.toString().replace(/([?&]embed)=(?=&|#|$)/, '$1');
}

function attr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/**
 * `<iframe src="…?embed#share=…" width="800" height="500" …></iframe>`. `allow` lets a
 * cross-origin-isolated page pass isolation on, so training in the frame may use threads.
 */
export function embedSnippet(shareUrl: string, title: string): string {
  const src = embedUrlOf(shareUrl);
  return `<iframe src="${attr(src)}" width="${EMBED_WIDTH}" height="${EMBED_HEIGHT}" title="${attr(title || 'Latent Canvas graph')}" style="border: 1px solid #d0d5dd; border-radius: 6px" allow="cross-origin-isolated; fullscreen" loading="lazy"></iframe>`;
}
