// Notices and actions shared by the pages.
import { act, ApiError } from './api.js';

/** Shows a notice; errors stay until the next notice. */
export function notify(message, isError = false) {
  const t = document.getElementById('toast');
  t.textContent = message;
  t.className = isError ? 'show error' : 'show';
  clearTimeout(notify.timer);
  if (!isError) notify.timer = setTimeout(() => { t.className = ''; }, 5000);
}

/** Runs an action and reports its result; 401 tells the user to paste the token. */
export async function runAction(path, label) {
  try {
    const r = await act(path);
    notify(r.message || `${label}: done`);
    return r;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      notify(`${label}: 401 Unauthorized: actions need the API token; paste it in the box above`, true);
    } else {
      notify(`${label}: ${e.message}`, true);
    }
    return null;
  }
}

/** Calls fn at most once per `ms`, after the last call (live updates come in bursts). */
export function debounce(fn, ms = 400) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** A button that runs an action; disabled while it runs. */
export function actionButton(label, path, opts = {}) {
  const b = document.createElement('button');
  b.textContent = label;
  b.className = opts.danger ? 'danger' : '';
  if (opts.title) b.title = opts.title;
  b.dataset.action = opts.name || label.toLowerCase();
  b.addEventListener('click', async () => {
    if (opts.confirm && !window.confirm(opts.confirm)) return;
    b.disabled = true;
    try {
      const r = await runAction(path, label);
      if (r && opts.after) opts.after(r);
    } finally {
      b.disabled = false;
    }
  });
  return b;
}
