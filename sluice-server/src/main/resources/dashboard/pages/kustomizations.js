// Kustomizations: Ready, revision, inventory, and the dependsOn graph (Cytoscape, from the jar).
import { enc, get } from '../api.js';
import { badge, h, mount, table } from '../dom.js';
import { actionButton, debounce } from '../ui.js';

const COLORS = { True: '#2da44e', False: '#cf222e', Unknown: '#9a6700' };

async function drawGraph(container, graph) {
  const { default: cytoscape } = await import('/assets/vendor/cytoscape/dist/cytoscape.esm.min.mjs');
  const elements = [
    ...graph.nodes.map((n) => ({ data: { id: n.id, label: `${n.kind === 'Kustomization' ? '' : `${n.kind}\n`}${n.namespace}/${n.name}`,
      color: COLORS[n.ready] || COLORS.Unknown, shape: n.kind === 'Kustomization' ? 'round-rectangle' : 'barrel' } })),
    ...graph.edges.filter((e) => !e.missing).map((e) => ({ data: { source: e.from, target: e.to, type: e.type } })),
  ];
  const cy = cytoscape({
    container,
    elements,
    autoungrabify: false,
    userZoomingEnabled: true,
    layout: { name: 'breadthfirst', directed: true, spacingFactor: 1.1, padding: 20 },
    style: [
      { selector: 'node', style: { label: 'data(label)', 'background-color': 'data(color)', shape: 'data(shape)',
        'text-wrap': 'wrap', 'text-valign': 'center', color: '#fff', 'font-size': 11, width: 150, height: 40 } },
      { selector: 'edge', style: { 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', width: 2,
        'line-color': '#8c959f', 'target-arrow-color': '#8c959f' } },
      { selector: 'edge[type = "source"]', style: { 'line-style': 'dashed', 'line-color': '#d0d7de', 'target-arrow-color': '#d0d7de' } },
    ],
  });
  container.dataset.nodes = String(cy.nodes().length);
  container.dataset.edges = String(cy.edges().length);
  return cy;
}

function inventory(r) {
  if (!r.inventory.length) return '-';
  return h('details', {}, h('summary', {}, `${r.inventory.length} objects`),
    h('ul', { class: 'inventory' }, r.inventory.map((i) => h('li', {}, i.error || `${i.kind}/${i.namespace ? `${i.namespace}/` : ''}${i.name}`))));
}

async function load(el, state) {
  const { rows, graph } = await get('kustomizations');
  const missing = graph.edges.filter((e) => e.missing);
  const graphBox = h('div', { id: 'ks-graph', class: 'graph' });
  mount(el, h('h1', {}, 'Kustomizations'),
    h('h2', {}, 'Dependencies'), graphBox,
    missing.length ? h('p', { class: 'error' }, `Missing: ${missing.map((e) => `${e.from} → ${e.to}`).join(', ')}`) : null,
    table(['Name', 'Ready', 'Revision', 'Source', 'Path', 'Depends on', 'Inventory', 'Message', ''],
      rows.map((r) => [`${r.namespace}/${r.name}`, badge(r.suspended ? 'Suspended' : r.ready.status),
        h('code', { title: r.revision }, r.shortRevision || '-'), `${r.sourceRef.kind}/${r.sourceRef.name}`, r.path,
        r.dependsOn.join(', ') || '-', inventory(r), r.ready.message,
        actionButton('Reconcile', `reconcile/Kustomization/${enc(r.namespace)}/${enc(r.name)}`, { name: 'reconcile' })]),
      'No Kustomizations.'));
  if (state.cy) state.cy.destroy();
  state.cy = graph.nodes.length ? await drawGraph(graphBox, graph) : null;
}

export async function render(el, params, state) {
  state.reload = debounce(() => load(el, state), 500);
  await load(el, state);
}

export function onLive(type, data, state) {
  if (type === 'object' && (data.kind === 'Kustomization' || data.kind === 'GitRepository')) state.reload();
}

export function leave(state) {
  if (state.cy) state.cy.destroy();
}
