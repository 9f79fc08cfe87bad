// Small DOM helpers. Text always goes in as text nodes (never innerHTML): event messages and
// object fields come from users and must not become markup.

/** h('a', {href: '#/x', class: 'c'}, 'text', child) builds an element. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** Replaces the children of el. */
export function mount(el, ...children) {
  el.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
}

/** A table from a header list and rows of cells. */
export function table(headers, rows, empty = 'Nothing here.') {
  if (!rows.length) return h('p', { class: 'muted' }, empty);
  return h('table', {},
    h('thead', {}, h('tr', {}, headers.map((x) => h('th', {}, x)))),
    h('tbody', {}, rows.map((r) => (r instanceof Node ? r : h('tr', {}, r.map((c) => h('td', {}, c)))))));
}

/** "3m ago" style age of an RFC 3339 time; "-" when absent. */
export function age(iso) {
  if (!iso) return '-';
  const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86400) return `${Math.floor(s / 3600)}h${Math.floor((s % 3600) / 60)}m`;
  return `${Math.floor(s / 86400)}d`;
}

/** A time as HH:MM:SS (local). */
export function clock(ms) {
  return new Date(ms).toLocaleTimeString([], { hour12: false });
}

/** A badge for a Ready status or a canary phase. */
export function badge(text, kind) {
  return h('span', { class: `badge ${kind || statusClass(text)}` }, text || 'Unknown');
}

export function statusClass(text) {
  switch (text) {
    case 'True': case 'Succeeded': case 'Initialized': case 'Promoted': return 'ok';
    case 'False': case 'Failed': case 'RolledBack': return 'bad';
    case 'Progressing': case 'Promoting': case 'Finalising': case 'InProgress': return 'busy';
    case 'Waiting': case 'WaitingPromotion': case 'Superseded': return 'wait';
    default: return 'neutral';
  }
}

/** A horizontal bar showing a percentage (canary weight). */
export function weightBar(weight, max = 100) {
  const w = Math.max(0, Math.min(100, Number(weight) || 0));
  return h('span', { class: 'weight-wrap', title: `canary ${w}% / max ${max}%` },
    h('span', { class: 'weight' },
      h('span', { class: 'weight-max', style: `width:${Math.min(100, max)}%` }),
      h('span', { class: 'weight-fill', style: `width:${w}%` })),
    h('span', { class: 'weight-label' }, `${w}%`));
}

/** "-" for null, else a number with at most `digits` decimals. */
export function num(v, digits = 2, suffix = '') {
  if (v === null || v === undefined || Number.isNaN(v)) return '-';
  const s = Number(v).toFixed(digits);
  return `${s.includes('.') ? s.replace(/\.?0+$/, '') : s}${suffix}`;
}

export function link(href, text) {
  return h('a', { href }, text);
}
