// Workloads: linkerd viz stat's columns per Deployment, refreshed every 5 seconds.
import { get } from '../api.js';
import { h, mount, num, table } from '../dom.js';

async function load(el, state) {
  const ns = state.namespace ? `&namespace=${encodeURIComponent(state.namespace)}` : '';
  const stat = await get(`stat/deployments?window=1m${ns}`);
  mount(state.list, table(['Namespace', 'Name', 'Meshed', 'Success', 'RPS', 'Latency p50', 'Latency p95', 'Latency p99', 'TCP conn'],
    stat.rows.map((r) => [r.namespace, r.name, r.meshed, num(r.successRate, 2, '%'), num(r.rps, 1, 'rps'),
      num(r.latencyP50, 0, 'ms'), num(r.latencyP95, 0, 'ms'), num(r.latencyP99, 0, 'ms'), num(r.tcpConnections, 0)]),
    'No Deployments.'));
}

export async function render(el, params, state) {
  state.list = h('div');
  const input = h('input', { placeholder: 'Namespace', 'aria-label': 'Namespace' });
  const form = h('form', { class: 'filters', onsubmit: (ev) => { ev.preventDefault(); state.namespace = input.value.trim(); load(el, state); } },
    input, h('button', { type: 'submit' }, 'Filter'));
  mount(el, h('h1', {}, 'Workloads'), h('p', { class: 'muted' }, 'Golden metrics over the last minute, as linkerd viz stat shows them.'),
    form, state.list);
  await load(el, state);
  state.timer = setInterval(() => load(el, state).catch(() => {}), 5000);
}

export function leave(state) {
  clearInterval(state.timer);
}
