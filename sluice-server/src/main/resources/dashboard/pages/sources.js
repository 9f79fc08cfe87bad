// Sources: revision, last artifact, error, and a reconcile button.
import { enc, get } from '../api.js';
import { age, badge, h, mount, table } from '../dom.js';
import { actionButton, debounce } from '../ui.js';

async function load(el) {
  const { rows } = await get('sources');
  mount(el, h('h1', {}, 'Sources'),
    table(['Kind', 'Name', 'Ready', 'Revision', 'Artifact updated', 'URL', 'Message', ''],
      rows.map((r) => [r.kind, `${r.namespace}/${r.name}`, badge(r.ready.status), h('code', { title: r.revision }, r.shortRevision || '-'),
        age(r.artifactUpdated), r.url, r.ready.message,
        actionButton('Reconcile', `reconcile/${enc(r.kind)}/${enc(r.namespace)}/${enc(r.name)}`, { name: 'reconcile' })]),
      'No sources.'));
}

export async function render(el, params, state) {
  state.reload = debounce(() => load(el), 500);
  await load(el);
}

export function onLive(type, data, state) {
  if (type === 'object' && ['GitRepository', 'OCIRepository', 'HelmRepository', 'Bucket'].includes(data.kind)) state.reload();
}
