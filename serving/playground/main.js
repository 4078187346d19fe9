// Entry of the playground page: API key, tabs (arrow keys move between them), both views.
import { initApiKey } from './api.js';
import { initDetect, loadModels } from './detect.js';
import { loadRegistry } from './registry.js';

const tabs = [...document.querySelectorAll('[role="tab"]')];

function select(tab) {
  for (const t of tabs) {
    const on = t === tab;
    t.setAttribute('aria-selected', String(on));
    t.tabIndex = on ? 0 : -1;
    document.getElementById(t.getAttribute('aria-controls')).hidden = !on;
  }
  tab.focus();
  if (tab.id === 'tab-registry') loadRegistry();
}

tabs.forEach((tab, i) => {
  tab.addEventListener('click', () => select(tab));
  tab.addEventListener('keydown', (e) => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
    if (step) select(tabs[(i + step + tabs.length) % tabs.length]);
  });
});

initApiKey();
initDetect();
const status = document.getElementById('status');
const refresh = () =>
  loadModels()
    .then(() => (status.textContent = 'choose or drop an image'))
    .catch((err) => (status.textContent = `models unavailable: ${err.message}`));
document.getElementById('api-key').addEventListener('change', refresh);
refresh();
