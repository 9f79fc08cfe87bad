// The dashboard's calls to /api/sluice/v1. Reads need nothing; actions send the API token, which
// the user pastes once and which is kept in sessionStorage (gone when the tab closes).

const BASE = '/api/sluice/v1/';
const TOKEN_KEY = 'sluice.token';

export class ApiError extends Error {
  constructor(status, reason, message) {
    super(`${status} ${reason}: ${message}`);
    this.status = status;
    this.reason = reason;
  }
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

async function parse(res) {
  let body = {};
  try {
    body = await res.json();
  } catch (e) {
    body = {};
  }
  if (!res.ok) {
    throw new ApiError(res.status, body.reason || res.statusText, body.message || 'request failed');
  }
  return body;
}

export async function get(path) {
  return parse(await fetch(BASE + path, { headers: { Accept: 'application/json' } }));
}

/** POSTs an action; the token goes in the Authorization header when one was given. */
export async function act(path) {
  const headers = { Accept: 'application/json' };
  if (token()) headers.Authorization = `Bearer ${token()}`;
  return parse(await fetch(BASE + path, { method: 'POST', headers }));
}

export function enc(s) {
  return encodeURIComponent(s);
}
