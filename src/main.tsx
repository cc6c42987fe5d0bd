import './platform/zodJitless'; // before any zod schema is created (CSP: no eval)
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './app.css';
import { App } from './App';
import { useGraphStore } from './store';
import { startupDoc } from './files/startupDoc';
import { bootSession } from './persist/boot';

// The autosaved session, a shared link or the startup graph is open before the first render.
try {
  await bootSession();
} catch (e) {
  console.error('Could not restore the session:', e);
  if (useGraphStore.getState().doc.nodes.length === 0) useGraphStore.getState().replaceDoc(startupDoc());
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
