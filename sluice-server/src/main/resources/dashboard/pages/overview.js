// Overview: counts, then what needs attention first, rollouts under way, latest warnings.
import { get } from '../api.js';
import { age, badge, h, link, mount, table, weightBar } from '../dom.js';
import { debounce } from '../ui.js';

function card(title, total, parts) {
  return h('div', { class: 'card' }, h('div', { class: 'card-title' }, title), h('div', { class: 'card-total' }, String(total)),
    h('div', { class: 'card-parts' }, parts.filter(([, n]) => n > 0).map(([label, n, cls]) => h('span', { class: `badge ${cls}` }, `${n} ${label}`))));
}

function objectLink(kind, ns, name) {
  if (kind === 'Canary') return link(`#/canaries/${encodeURIComponent(ns)}/${encodeURIComponent(name)}`, `${ns}/${name}`);
  if (kind === 'Kustomization') return link('#/kustomizations', `${ns}/${name}`);
  return link('#/sources', `${ns}/${name}`);
}

async function load(el) {
  const o = await get('overview');
  const c = o.counts;
  mount(el,
    h('h1', {}, 'Overview'),
    h('div', { class: 'cards' },
      card('Sources', c.sources.total, [['ready', c.sources.ready, 'ok'], ['failing', c.sources.failing, 'bad'], ['suspended', c.sources.suspended, 'neutral']]),
      card('Kustomizations', c.kustomizations.total, [['ready', c.kustomizations.ready, 'ok'], ['failing', c.kustomizations.failing, 'bad'], ['suspended', c.kustomizations.suspended, 'neutral']]),
      card('Canaries', c.canaries.total, [['failed', c.canaries.Failed, 'bad'], ['progressing', c.canaries.Progressing, 'busy'], ['waiting promotion', c.canaries.WaitingPromotion, 'wait'], ['succeeded', c.canaries.Succeeded, 'ok']]),
      card('Deployments', c.deployments.total, [['ready', c.deployments.ready, 'ok']])),
    h('h2', {}, 'Needs attention'),
    table(['Kind', 'Object', 'Reason', 'Message', 'Since'],
      o.failing.map((f) => [f.kind, objectLink(f.kind, f.namespace, f.name), badge(f.reason, 'bad'), f.message, age(f.since)]),
      'Nothing is failing.'),
    h('h2', {}, 'Rollouts in progress'),
    table(['Canary', 'Phase', 'Weight', 'Failed checks', 'Message'],
      o.inProgress.map((r) => [objectLink('Canary', r.namespace, r.name), badge(r.phase), weightBar(r.canaryWeight, r.maxWeight),
        `${r.failedChecks}/${r.threshold}`, r.message]),
      'No rollout is under way.'),
    h('h2', {}, 'Latest warnings'),
    table(['Last seen', 'Reason', 'Object', 'Message'],
      o.recentWarnings.map((e) => [age(e.lastSeen), e.reason, `${e.object.kind}/${e.object.namespace}/${e.object.name}`, e.message]),
      'No warnings.'));
}

export async function render(el, params, state) {
  state.reload = debounce(() => load(el), 500);
  await load(el);
}

export function onLive(type, data, state) {
  if (type === 'object' || (type === 'event' && data.type === 'Warning')) state.reload();
}
