// The status line: why a connection was refused, what a file operation did. Always in the
// DOM (tests and screen readers watch it); messages fade after a while.
import { useEffect } from 'react';
import { useGraphStore } from '../../store';

const SHOW_MS = { info: 5000, error: 10000 };

export function StatusMessage() {
  const status = useGraphStore((s) => s.status);
  useEffect(() => {
    if (!status) return;
    const t = setTimeout(() => {
      if (useGraphStore.getState().status?.seq === status.seq) useGraphStore.getState().clearStatus();
    }, SHOW_MS[status.tone]);
    return () => clearTimeout(t);
  }, [status]);
  return (
    <div className={`status-message ${status ? `tone-${status.tone}` : 'empty'}`} data-testid="status-message" role="status" aria-live="polite">
      {status?.text ?? ''}
    </div>
  );
}
