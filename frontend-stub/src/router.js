// Addresses for every page: real links, the History API, Back and shared links work.
const routes = [];
let notFound = null;
let renderCurrent = () => {};

export function route(pattern, view) {
  const names = [];
  const regex = new RegExp(`^${pattern.replace(/:(\w+)/g, (_, name) => { names.push(name); return '([^/]+)'; })}/?$`);
  routes.push({ regex, names, view });
}

export function fallback(view) {
  notFound = view;
}

export function match(pathname) {
  for (const { regex, names, view } of routes) {
    const found = regex.exec(pathname);
    if (found) {
      const params = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1])]));
      return { view, params };
    }
  }
  return { view: notFound, params: {} };
}

export function navigate(url, { replace = false } = {}) {
  const target = new URL(url, window.location.href);
  if (target.href === window.location.href && !replace) {
    renderCurrent();
    return;
  }
  if (replace) window.history.replaceState({}, '', target);
  else window.history.pushState({}, '', target);
  renderCurrent();
}

export function start(render) {
  renderCurrent = render;
  window.addEventListener('popstate', () => render());
  // links inside the app change the page without reloading it
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a[href]');
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (link.target || link.hasAttribute('download')) return;
    const target = new URL(link.href, window.location.href);
    if (target.origin !== window.location.origin || target.pathname.startsWith('/graphiql')) return;
    event.preventDefault();
    navigate(target.href);
  });
  render();
}

/** The current address's query as a plain object. */
export function query() {
  return Object.fromEntries(new URLSearchParams(window.location.search));
}

/** A path with a query made of the given non-empty values. */
export function href(path, params = {}) {
  const search = new URLSearchParams(Object.entries(params).filter(([, v]) => v != null && v !== ''));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}
