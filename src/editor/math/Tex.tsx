// A formula, typeset with KaTeX (see renderTex for why this is safe for TeX from files).
import { memo, useMemo } from 'react';
import 'katex/dist/katex.min.css';
import './tex.css';
import { renderTex } from './renderTex';

interface TexProps {
  tex: string;
  /** Display style (centred block, full-size operators) rather than inline. */
  display?: boolean;
  /** Full-size operators like display, but inline so long formulas wrap at = and +. */
  wrap?: boolean;
  className?: string;
  testId?: string;
  title?: string;
}

/** Lets a wrapped formula also break at the ",\quad" and ",\ " that separate its parts. */
const breakAfterCommas = (tex: string) => tex.replace(/,(\s*\\(?:quad|qquad|[ ,;]))/g, ',\\allowbreak$1');

function TexView({ tex, display = false, wrap = false, className, testId, title }: TexProps) {
  const html = useMemo(() => (wrap ? renderTex(`\\displaystyle ${breakAfterCommas(tex)}`, false) : renderTex(tex, display)), [tex, display, wrap]);
  const Tag = display || wrap ? 'div' : 'span';
  return <Tag className={['tex', className].filter(Boolean).join(' ')} data-testid={testId} title={title} dangerouslySetInnerHTML={{ __html: html }} />;
}

export const Tex = memo(TexView);
