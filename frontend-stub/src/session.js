// The signed-in session: the token is kept in this tab's sessionStorage only (never in the
// address, never in localStorage or a cookie, gone when the tab closes or the user signs out),
// a warning comes before it expires, and at expiry the user signs in again over the page they
// were on, which stays as it was (unsaved edits included).
const KEY = 'mediagraph.session';
const WARN_BEFORE_MS = 5 * 60 * 1000;

let session = load();
const listeners = new Set();
let warnTimer;
let expireTimer;
let reauth = null; // the promise of a sign-in under way after expiry

function load() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY));
    if (saved && saved.token && (!saved.expiresAt || Date.parse(saved.expiresAt) > Date.now())) return saved;
  } catch {
    // a broken entry is as good as none
  }
  sessionStorage.removeItem(KEY);
  return null;
}

function emit(event, detail) {
  for (const listener of listeners) listener(event, detail);
}

/** Listens for 'signed-in', 'signed-out', 'expiring' ({ msLeft }) and 'expired'. */
export function onSession(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function current() {
  return session;
}

export function token() {
  return session ? session.token : null;
}

export function user() {
  return session ? session.user : null;
}

export function hasRole(...roles) {
  const mine = session?.user?.roles || [];
  return roles.some((role) => mine.includes(role));
}

export function signIn({ token: newToken, expiresAt, user: who, issuedAt = Date.now() }) {
  session = { token: newToken, expiresAt, user: who, issuedAt };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  schedule();
  emit('signed-in', session);
  if (reauth) {
    reauth.resolve();
    reauth = null;
  }
}

export function signOut() {
  session = null;
  sessionStorage.removeItem(KEY);
  clearTimeout(warnTimer);
  clearTimeout(expireTimer);
  emit('signed-out');
}

/** The token was refused or ran out: forget it and ask for sign-in; resolves once signed in again. */
export function expired() {
  if (!reauth) {
    let resolve;
    const promise = new Promise((r) => { resolve = r; });
    reauth = { promise, resolve };
    const who = session?.user;
    session = null;
    sessionStorage.removeItem(KEY);
    clearTimeout(warnTimer);
    clearTimeout(expireTimer);
    emit('expired', { user: who });
  }
  return reauth.promise;
}

export function awaitingSignIn() {
  return Boolean(reauth);
}

function schedule() {
  clearTimeout(warnTimer);
  clearTimeout(expireTimer);
  if (!session?.expiresAt) return;
  const end = Date.parse(session.expiresAt);
  const lifetime = end - (session.issuedAt || Date.now());
  // warn five minutes ahead, or halfway through a session shorter than ten minutes
  const warnAt = end - Math.min(WARN_BEFORE_MS, lifetime / 2);
  const now = Date.now();
  warnTimer = setTimeout(() => emit('expiring', { expiresAt: end }), Math.max(0, warnAt - now));
  expireTimer = setTimeout(() => expired(), Math.max(0, end - now));
}

if (session) schedule();
