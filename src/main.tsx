import './platform/zodJitless'; // before any zod schema is created (CSP: no eval)
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './app.css';
import { App } from './App';
import { useGraphStore } from './store';
import { startupDoc } from './files/startupDoc';
import { bootSession, type BootResult } from './persist/boot';
import { watchStartup } from './persist/crashGuard';
import { useTabSession } from './persist/tabSession';
import { SafeMode } from './editor/safemode/SafeMode';
import { readStartMode, setStartMode } from './editor/present/viewMode';
import { createSessionDb, memoryKeyValue } from './persist/sessionDb';

import { ensureIsolation } from './hosting/isolation';

// Cross-origin isolation first (threads need it): on a host without COOP/COEP headers this
// registers the service worker that adds them and reloads once, before anything starts.
await ensureIsolation();

// `?view` opens view-only; `?embed` the embed view, locked, which keeps nothing in this
// browser's storage (its graph is the link's, every time) and keeps its link in the address.
const mode = readStartMode(window.location.search);
setStartMode(mode);
if (mode.viewOnly) useGraphStore.getState().setViewOnly(true);
const embedSession = { db: createSessionDb(memoryKeyValue()), tab: { get: () => undefined, set: () => undefined }, keepLink: true };

// The tab's session, a shared link or the startup graph is open before the first render.
let boot: BootResult | undefined;
try {
  boot = await bootSession(mode.embed ? embedSession : {});
} catch (e) {
  console.error('Could not restore the session:', e);
  if (useGraphStore.getState().doc.nodes.length === 0) useGraphStore.getState().replaceDoc(startupDoc());
}

const element = document.getElementById('root')!;
let onCrash: () => void = () => {};
const root = createRoot(element, {
  // React unmounts the whole tree on an error no boundary caught: the page is empty, so
  // this start did not come up, and the next one opens in safe mode.
  onUncaughtError(error, info) {
    console.error('The editor stopped on an error:', error, info.componentStack);
    onCrash();
  },
});

function renderApp(): void {
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  onCrash = watchStartup(element, () => useTabSession.getState().id);
}

const offer = boot?.safeMode;
if (offer && boot) {
  const proceed = boot.proceed;
  root.render(
    <StrictMode>
      <SafeMode offer={offer} onChoice={async (choice) => (await proceed(choice), renderApp())} />
    </StrictMode>,
  );
} else {
  renderApp();
}
