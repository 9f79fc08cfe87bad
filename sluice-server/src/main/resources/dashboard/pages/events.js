// Events with filters, newest first; new events matching the filter appear as they come.
import { get } from '../api.js';
import { age, h, mount, table } from '../dom.js';

const FIELDS = [['namespace', 'Namespace'], ['kind', 'Kind'], ['name', 'Name'], ['reason', 'Reason'], ['q', 'Text']];

function row(e) {
  return h('tr', { class: e.type === 'Warning' ? 'warn' : '' },
    h('td', { title: e.lastSeen }, age(e.lastSeen)), h('td', {}, e.type), h('td', {}, e.reason),
    h('td', {}, `${e.object.kind}/${e.object.namespace}/${e.object.name}`), h('td', { class: 'msg' }, e.message),
    h('td', {}, e.count > 1 ? `×${e.count}` : ''));
}

function query(state) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(state.filter)) if (v) p.set(k, v);
  return p.toString();
}

async function load(state) {
  const { items } = await get(`events?${query(state)}`);
  mount(state.list, table(['Last seen', 'Type', 'Reason', 'Object', 'Message', ''], items.map(row), 'No events match.'));
}

export async function render(el, params, state) {
  state.filter = {};
  state.list = h('div');
  const inputs = FIELDS.map(([k, label]) => h('input', { name: k, placeholder: label, 'aria-label': label }));
  const type = h('select', { name: 'type', 'aria-label': 'Type' }, h('option', { value: '' }, 'All types'),
    h('option', { value: 'Normal' }, 'Normal'), h('option', { value: 'Warning' }, 'Warning'));
  const form = h('form', { class: 'filters', onsubmit: (ev) => {
    ev.preventDefault();
    for (const i of [...inputs, type]) state.filter[i.name] = i.value.trim();
    load(state);
  } }, inputs, type, h('button', { type: 'submit' }, 'Filter'));
  mount(el, h('h1', {}, 'Events'), form, state.list);
  await load(state);
}

export function onLive(type, data, state) {
  if (type === 'event') load(state);
}
