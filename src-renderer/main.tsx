// Renderer entry: installs the test/debug hooks, registers the shell's panels, mounts React.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { installLeoHooks } from './globe/hooks';
import { registerBuiltinPanels } from './ui/panels/builtin';
import { registerGlobePanels } from './ui/globe/register';
import { installPlanning } from './ui/planning';
import { installDemo } from './ui/demo';
import { installCapacity } from './ui/capacity';
import { installRolloutPlan } from './ui/rollout';
import { installRollout } from './ui/rollout';
import './styles.css';

installLeoHooks();
registerBuiltinPanels();
registerGlobePanels();
installPlanning();
installDemo();
installCapacity();
installRolloutPlan();
installRollout();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
