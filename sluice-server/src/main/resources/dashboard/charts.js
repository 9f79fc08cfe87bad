// Live line charts of a canary's analysis (Chart.js, loaded by index.html as window.Chart).
import { clock, h } from './dom.js';

const COLORS = ['#1f6feb', '#8250df', '#bf8700', '#1a7f37', '#cf222e'];

// Flagger's builtin checks, as the linkerd provider measures them.
const TITLES = { 'request-success-rate': 'request-success-rate (success rate)', 'request-duration': 'request-duration (P99 latency)' };

function unitOf(metric) {
  if (metric === 'request-success-rate') return '%';
  if (metric === 'request-duration') return 'ms';
  return '';
}

function chart(canvas, title, unit, datasets) {
  return new window.Chart(canvas, {
    type: 'line',
    data: { datasets },
    options: {
      animation: false,
      parsing: false,
      responsive: true,
      maintainAspectRatio: false,
      spanGaps: false,
      scales: {
        x: { type: 'linear', ticks: { callback: (v) => clock(v), maxTicksLimit: 6 } },
        y: { beginAtZero: true, title: { display: !!unit, text: unit } },
      },
      plugins: {
        title: { display: true, text: title },
        // A metric with only a minimum has no "max" line: leave empty series out of the legend.
        legend: { position: 'bottom', labels: { filter: (item, data) => data.datasets[item.datasetIndex].data.length > 0 } },
      },
      elements: { point: { radius: 2 }, line: { tension: 0 } },
    },
  });
}

function line(label, color, dashed = false) {
  return { label, data: [], borderColor: color, backgroundColor: color, borderDash: dashed ? [6, 4] : [], pointRadius: dashed ? 0 : 2 };
}

/**
 * The charts of one canary: traffic weights, then one chart per metric with its thresholdRange
 * drawn as dashed lines. append(tick) adds a point to each; every canvas keeps its point count in
 * data-points (the browser tests read it).
 */
export class CanaryCharts {
  constructor(container, metricsSpec, maxWeight) {
    this.container = container;
    this.spec = new Map((metricsSpec || []).map((m) => [m.name, m]));
    this.maxWeight = maxWeight;
    this.metricCharts = new Map();
    const canvas = this.canvas('chart-weight');
    this.weight = chart(canvas, 'Traffic weight', '%', [line('canary', COLORS[0]), line('primary', COLORS[2]),
      line('max weight', '#8c959f', true)]);
    this.weight.options.scales.y.max = 100;
    this.weightCanvas = canvas;
    for (const m of metricsSpec || []) this.metricChart(m.name);
  }

  canvas(id) {
    const c = h('canvas', { id, dataset: { points: '0' } });
    this.container.append(h('div', { class: 'chart' }, c));
    return c;
  }

  metricChart(name) {
    let entry = this.metricCharts.get(name);
    if (!entry) {
      const canvas = this.canvas(`chart-metric-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`);
      canvas.dataset.metric = name;
      const unit = unitOf(name);
      const c = chart(canvas, TITLES[name] || name, unit, [line(name, COLORS[1]), line('min', '#cf222e', true), line('max', '#cf222e', true)]);
      entry = { chart: c, canvas };
      this.metricCharts.set(name, entry);
    }
    return entry;
  }

  append(tick, update = true) {
    const x = Date.parse(tick.at);
    const w = this.weight.data.datasets;
    w[0].data.push({ x, y: tick.canaryWeight });
    w[1].data.push({ x, y: tick.primaryWeight });
    w[2].data.push({ x, y: this.maxWeight });
    this.weightCanvas.dataset.points = String(w[0].data.length);
    for (const m of tick.metrics) {
      const { chart: c, canvas } = this.metricChart(m.name);
      const spec = this.spec.get(m.name) || {};
      const min = m.min ?? spec.min ?? null;
      const max = m.max ?? spec.max ?? null;
      const [value, lo, hi] = c.data.datasets;
      value.data.push({ x, y: m.value });
      if (min !== null) lo.data.push({ x, y: min });
      if (max !== null) hi.data.push({ x, y: max });
      canvas.dataset.points = String(value.data.length);
      if (update) c.update('none');
    }
    if (update) this.weight.update('none');
  }

  load(ticks) {
    for (const t of ticks) this.append(t, false);
    this.weight.update('none');
    for (const { chart: c } of this.metricCharts.values()) c.update('none');
  }

  destroy() {
    this.weight.destroy();
    for (const { chart: c } of this.metricCharts.values()) c.destroy();
  }
}
