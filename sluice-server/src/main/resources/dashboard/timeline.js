// Renders a rollout timeline (shape sluice.dev/timeline/v1): newest revision first.
import { badge, h, num } from './dom.js';

const STAGES = { commit: 'commit', artifact: 'artifact', apply: 'applied', analysis: 'step', event: 'event', outcome: 'outcome' };

function threshold(m) {
  if (m.min !== null && m.max !== null) return `${num(m.min)}..${num(m.max)}`;
  if (m.min !== null) return `≥ ${num(m.min)}`;
  if (m.max !== null) return `≤ ${num(m.max)}`;
  return '';
}

function step(s) {
  const parts = [h('span', { class: 'muted' }, `${s.phase}, canary ${s.canaryWeight}%, failed checks ${s.failedChecks}`
    + (s.ticks > 1 ? `, ${s.ticks} ticks` : ''))];
  for (const m of s.metrics) {
    const cls = m.verdict === 'PASS' ? 'ok' : m.verdict === 'FAIL' ? 'bad' : 'wait';
    parts.push(h('span', { class: `check ${cls}`, title: m.detail || '' }, `${m.name} ${num(m.value)} (${threshold(m)}) ${m.verdict}`));
  }
  for (const w of s.hooks) {
    parts.push(h('span', { class: `check ${w.passed ? 'ok' : 'bad'}`, title: w.message || '' }, `${w.name} ${w.passed ? 'passed' : 'failed'}`));
  }
  return h('div', { class: 'step' }, parts);
}

function entry(e) {
  return h('li', { class: `tl-entry ${e.level}` },
    h('span', { class: 'tl-time', title: e.at || '' }, e.at ? new Date(e.at).toLocaleString() : '-'),
    h('span', { class: `tl-stage ${e.stage}` }, STAGES[e.stage] || e.stage),
    h('span', { class: 'tl-title' }, e.title),
    e.detail ? h('div', { class: 'tl-detail' }, e.detail) : null,
    e.step ? step(e.step) : null);
}

export function renderTimeline(t) {
  const revs = [...t.revisions].reverse();
  return h('div', { class: 'timeline' },
    t.notes.length ? h('ul', { class: 'notes' }, t.notes.map((n) => h('li', {}, n))) : null,
    revs.length ? null : h('p', { class: 'muted' }, 'No history yet.'),
    revs.map((r) => h('section', { class: 'tl-revision' },
      h('h3', {},
        badge(r.outcome.result),
        ' ',
        h('code', {}, r.revision || 'unknown revision'),
        r.commit && r.commit.message ? h('span', { class: 'commit-msg' }, ` “${r.commit.message}”`) : null,
        r.commit ? h('span', { class: 'muted' }, r.commit.author ? ` by ${r.commit.author}` : ' (author not stored)') : null),
      h('p', { class: 'tl-outcome' }, r.outcome.reason),
      h('ol', { class: 'tl-entries' }, r.entries.map(entry)))));
}
