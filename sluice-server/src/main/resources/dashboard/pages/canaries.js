// Canaries: phase, weight bar, failed checks; failed first, then those moving.
import { get } from '../api.js';
import { age, badge, h, link, mount, table, weightBar } from '../dom.js';
import { debounce } from '../ui.js';

async function load(el) {
  const { rows } = await get('canaries');
  mount(el, h('h1', {}, 'Canaries'),
    table(['Canary', 'Target', 'Phase', 'Weight', 'Failed checks', 'Last transition', 'Message'],
      rows.map((r) => [link(`#/canaries/${encodeURIComponent(r.namespace)}/${encodeURIComponent(r.name)}`, `${r.namespace}/${r.name}`),
        r.target, badge(r.paused ? `${r.phase} (paused)` : r.phase, r.paused ? 'wait' : undefined), weightBar(r.canaryWeight, r.maxWeight),
        `${r.failedChecks}/${r.threshold}`, age(r.lastTransitionTime), r.message]),
      'No canaries.'));
}

export async function render(el, params, state) {
  state.reload = debounce(() => load(el), 300);
  await load(el);
}

export function onLive(type, data, state) {
  if ((type === 'object' && data.kind === 'Canary') || type === 'tick') state.reload();
}
