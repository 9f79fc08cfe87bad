// One canary: phase and weight, actions, webhooks and gates, live charts, timeline, events.
import { enc, get } from '../api.js';
import { age, badge, h, mount, table, weightBar } from '../dom.js';
import { CanaryCharts } from '../charts.js';
import { renderTimeline } from '../timeline.js';
import { actionButton, debounce } from '../ui.js';

const ACTIONS = [
  ['Promote', 'promote', 'Skip the remaining checks and promote once the canary is ready'],
  ['Abort', 'abort', 'Roll back now'],
  ['Retry', 'retry', 'Run the failed revision\'s analysis again'],
  ['Pause', 'pause', 'Hold: no checks, no traffic change'],
  ['Resume', 'resume', 'Continue after a pause'],
];

function summary(d) {
  return h('div', { class: 'summary' },
    h('div', {}, h('span', { class: 'label' }, 'Phase'), badge(d.paused ? `${d.phase} (paused)` : d.phase, d.paused ? 'wait' : undefined)),
    h('div', {}, h('span', { class: 'label' }, 'Weight'), weightBar(d.canaryWeight, d.maxWeight)),
    h('div', {}, h('span', { class: 'label' }, 'Failed checks'), `${d.failedChecks}/${d.threshold}`),
    h('div', {}, h('span', { class: 'label' }, 'Target'), `Deployment/${d.target}`),
    h('div', {}, h('span', { class: 'label' }, 'Step'), `${d.stepWeight}% every ${d.interval}, max ${d.maxWeight}%`),
    h('div', {}, h('span', { class: 'label' }, 'Last transition'), age(d.lastTransitionTime)),
    d.requestedAction ? h('div', {}, h('span', { class: 'label' }, 'Requested'), h('code', {}, d.requestedAction),
      d.lastHandledAction === d.requestedAction ? ' (handled)' : ' (pending)') : null,
    h('p', { class: 'message' }, d.message));
}

function webhooks(d, base) {
  return table(['Webhook', 'Type', 'Last result', 'Message', ''],
    d.webhooks.map((w) => [w.name, w.type,
      w.passed === null ? '-' : badge(w.passed ? (w.gate ? 'open' : 'passed') : (w.gate ? 'closed' : 'failed'), w.passed ? 'ok' : (w.gate ? 'wait' : 'bad')),
      w.message || '',
      w.gate ? actionButton('Approve', `${base}/gates/${enc(w.name)}/open`, { name: 'approve', title: `Open the gate ${w.name} on the load tester` }) : '']),
    'No webhooks.');
}

async function loadDetail(state) {
  const d = await get(`canaries/${state.path}`);
  mount(state.summary, summary(d));
  mount(state.hooks, webhooks(d, `canaries/${state.path}`));
  mount(state.events, table(['Last seen', 'Type', 'Message'],
    [...d.events].reverse().slice(0, 30).map((e) => h('tr', { class: e.type === 'Warning' ? 'warn' : '' },
      h('td', {}, age(e.lastSeen)), h('td', {}, e.type), h('td', { class: 'msg' }, e.message))), 'No events.'));
  return d;
}

async function loadTimeline(state) {
  mount(state.timeline, renderTimeline(await get(`timeline/${state.path}`)));
}

export async function render(el, [ns, name], state) {
  state.ns = ns;
  state.name = name;
  state.path = `${enc(ns)}/${enc(name)}`;
  state.summary = h('div');
  state.hooks = h('div');
  state.events = h('div');
  state.timeline = h('div');
  const charts = h('div', { class: 'charts' });
  const base = `canaries/${state.path}`;
  mount(el,
    h('h1', {}, `Canary ${ns}/${name}`),
    state.summary,
    h('div', { class: 'actions' }, ACTIONS.map(([label, action, title]) => actionButton(label, `${base}/${action}`,
      { name: action, title, danger: action === 'abort', confirm: action === 'abort' ? `Roll back ${ns}/${name} now?` : null,
        after: () => state.reloadDetail() }))),
    h('h2', {}, 'Analysis'), charts,
    h('h2', {}, 'Webhooks and gates'), state.hooks,
    h('h2', {}, 'Timeline'), state.timeline,
    h('h2', {}, 'Events'), state.events);
  state.reloadDetail = debounce(() => loadDetail(state), 300);
  state.reloadTimeline = debounce(() => loadTimeline(state), 1500);
  const d = await loadDetail(state);
  state.charts = new CanaryCharts(charts, d.metrics, d.maxWeight);
  state.charts.load(d.ticks);
  await loadTimeline(state);
}

export function onLive(type, data, state) {
  const mine = data.namespace === state.ns && data.name === state.name;
  if (type === 'tick' && mine) {
    if (state.charts) state.charts.append(data);
    state.reloadDetail();
    state.reloadTimeline();
  } else if (type === 'object' && data.kind === 'Canary' && mine) {
    state.reloadDetail();
  } else if (type === 'event' && data.object.kind === 'Canary' && data.object.namespace === state.ns && data.object.name === state.name) {
    state.reloadDetail();
    state.reloadTimeline();
  }
}

export function leave(state) {
  if (state.charts) state.charts.destroy();
}
