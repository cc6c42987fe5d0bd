// One part of the page failing must not blank the page. Each panel (the canvas, the
// palette, the notes, the objective, the inspector, the training panel, each dock tab, the
// top bar) sits in its own boundary: if it throws while rendering, that panel alone shows
// a sentence naming it and the error, with a "Try again" button, and the error is logged;
// everything else keeps working. The boundary tries again by itself when the document
// changes (an undo, an edit or another file may be what fixes it). React catches render
// errors only in a class component with getDerivedStateFromError, hence the class.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useGraphStore } from '../store';
import './errorBoundary.css';

interface BoundaryProps {
  /** What the panel is, as the subject of a sentence: "The instructor notes". */
  what: string;
  /** When this changes, a failed panel is rendered again. */
  resetKey?: unknown;
  /** Classes for the sentence's box, so it takes the failed panel's place in the layout. */
  className?: string;
  children: ReactNode;
}

interface BoundaryState {
  error: unknown;
  failed: boolean;
}

/** "Maximum call stack size exceeded": the error's own message, without a trailing full stop. */
export function errorText(error: unknown): string {
  const raw = error instanceof Error ? error.message || error.name : String(error);
  return raw.trim().replace(/[.\s]+$/, '').slice(0, 500) || 'an error with no message';
}

export class ErrorBoundary extends Component<BoundaryProps, BoundaryState> {
  state: BoundaryState = { error: undefined, failed: false };

  static getDerivedStateFromError(error: unknown): BoundaryState {
    return { error, failed: true };
  }

  componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`${this.props.what} could not be shown: ${errorText(error)}.`, error, info.componentStack ?? '');
  }

  componentDidUpdate(prev: BoundaryProps): void {
    if (this.state.failed && prev.resetKey !== this.props.resetKey) this.retry();
  }

  retry = (): void => this.setState({ error: undefined, failed: false });

  render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    const { what, className } = this.props;
    return (
      <div className={['panel-failed', className].filter(Boolean).join(' ')} role="alert" data-testid="panel-failed" data-panel={what}>
        <p>
          {what} could not be shown: {errorText(this.state.error)}.
        </p>
        <button type="button" data-testid="panel-retry" onClick={this.retry}>
          Try again
        </button>
      </div>
    );
  }
}

/** A boundary that tries again whenever the open document changes. */
export function PanelBoundary(props: Omit<BoundaryProps, 'resetKey'>) {
  const doc = useGraphStore((s) => s.doc);
  return <ErrorBoundary {...props} resetKey={doc} />;
}
