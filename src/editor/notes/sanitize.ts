// The last line of defence before notes reach the DOM: DOMPurify (browser only) keeps
// HTML, KaTeX's MathML and SVG, and drops scripts, event handlers and unsafe URLs whatever
// the markdown step let through. Every link opens in a new tab without `window.opener`.
import DOMPurify from 'dompurify';

let purifier: ReturnType<typeof DOMPurify> | undefined;

function getPurifier(): ReturnType<typeof DOMPurify> {
  if (!purifier) {
    // An instance of our own, so the hook below does not change DOMPurify for anyone else.
    purifier = DOMPurify(window);
    purifier.addHook('afterSanitizeAttributes', (node) => {
      if (node.nodeName === 'A' && node.hasAttribute('href')) {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    });
  }
  return purifier;
}

export function sanitizeNotesHtml(html: string): string {
  return getPurifier().sanitize(html, {
    USE_PROFILES: { html: true, mathMl: true, svg: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed'],
    FORBID_ATTR: ['srcset', 'action', 'formaction'],
  });
}
