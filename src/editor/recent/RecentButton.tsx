// The top bar's way back to earlier work: every autosaved graph of this browser, the
// one that something was opened over included.
import { useState } from 'react';
import { RecentPanel } from './RecentPanel';

export function RecentButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" data-testid="recent-button" title="The graphs autosaved in this browser: reopen any of them" onClick={() => setOpen(true)}>
        Recent
      </button>
      {open ? <RecentPanel onClose={() => setOpen(false)} /> : null}
    </>
  );
}
