import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './app.css';
import { App } from './App';
import { useGraphStore } from './store';
import { startupDoc } from './files/startupDoc';

useGraphStore.getState().replaceDoc(startupDoc());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
