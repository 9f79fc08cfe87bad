// The dashboard shell: hash routing, the live stream, the token box and notices.
import { setToken, token } from './api.js';
import { runAction } from './ui.js';
import * as overview from './pages/overview.js';
import * as sources from './pages/sources.js';
import * as kustomizations from './pages/kustomizations.js';
import * as canaries from './pages/canaries.js';
import * as canary from './pages/canary.js';
import * as events from './pages/events.js';
import * as workloads from './pages/workloads.js';

const routes = [
  [/^#\/overview$/, overview],
  [/^#\/sources$/, sources],
  [/^#\/kustomizations$/, kustomizations],
  [/^#\/canaries$/, canaries],
  [/^#\/canaries\/([^/]+)\/([^/]+)$/, canary],
  [/^#\/events$/, events],
  [/^#\/workloads$/, workloads],
];

let current = null; // { page, state }

async function route() {
  const hash = location.hash || '#/overview';
  if (current && current.page.leave) current.page.leave(current.state);
  const view = document.getElementById('view');
  for (const [re, page] of routes) {
    const m = hash.match(re);
    if (m) {
      for (const a of document.querySelectorAll('header nav a')) {
        a.classList.toggle('active', hash.startsWith(a.getAttribute('href')));
      }
      const params = m.slice(1).map(decodeURIComponent);
      current = { page, state: {} };
      try {
        await page.render(view, params, current.state);
      } catch (e) {
        view.replaceChildren(Object.assign(document.createElement('p'), { className: 'error', textContent: e.message }));
      }
      return;
    }
  }
  location.hash = '#/overview';
}

function connect() {
  const live = document.getElementById('live');
  const es = new EventSource('/api/sluice/v1/stream');
  es.onopen = () => { live.textContent = '● live'; live.className = 'live on'; };
  es.onerror = () => { live.textContent = '○ reconnecting'; live.className = 'live'; };
  for (const type of ['object', 'tick', 'event']) {
    es.addEventListener(type, (msg) => {
      if (current && current.page.onLive) current.page.onLive(type, JSON.parse(msg.data), current.state);
    });
  }
}

function tokenBox() {
  const form = document.getElementById('token-form');
  const input = document.getElementById('token');
  const state = document.getElementById('token-state');
  const show = () => { state.textContent = token() ? 'token set' : 'read-only'; };
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    setToken(input.value.trim());
    input.value = '';
    show();
    if (token()) {
      const ok = await runAction('auth/check', 'Token');
      if (!ok) { setToken(''); show(); }
    }
  });
  document.getElementById('token-clear').addEventListener('click', () => { setToken(''); show(); });
  show();
}

window.addEventListener('hashchange', route);
tokenBox();
connect();
route();
