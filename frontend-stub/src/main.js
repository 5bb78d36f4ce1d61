// The newsroom front end: layout, navigation, session handling and the pages.
import './style.css';
import { clear, h } from './dom.js';
import { t, useLocale } from './i18n.js';
import * as router from './router.js';
import * as session from './session.js';
import { signInForm } from './views/signin.js';
import { storiesView } from './views/stories.js';
import { editView } from './views/edit.js';
import { reviewView } from './views/review.js';
import { adminView } from './views/admin.js';
import { campaignsView } from './views/campaigns.js';

useLocale('zh-Hans');

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const banner = document.getElementById('banner');
const dialog = document.getElementById('reauth');

const EDITORS = ['EDITOR', 'SENIOR_EDITOR', 'CHIEF_EDITOR'];
const links = [
  { path: '/stories', key: 'nav.stories' },
  { path: '/stories/new', key: 'nav.write', roles: ['REPORTER', ...EDITORS] },
  { path: '/review', key: 'nav.review', roles: EDITORS },
  { path: '/campaigns', key: 'nav.campaigns', roles: [...EDITORS, 'ANALYST', 'ADMIN', 'REPORTER'] },
  { path: '/analytics', key: 'nav.analytics', roles: ['REPORTER', ...EDITORS, 'ANALYST', 'ADMIN'] },
  { path: '/admin', key: 'nav.admin', roles: ['ADMIN', 'CHIEF_EDITOR'] },
];

router.route('/', () => router.navigate('/stories', { replace: true }));
router.route('/app', () => router.navigate('/stories', { replace: true }));
router.route('/stories', storiesView);
router.route('/stories/new', editView);
router.route('/stories/:id', storiesView);
router.route('/stories/:id/edit', editView);
router.route('/review', reviewView);
router.route('/admin', adminView);
router.route('/campaigns', campaignsView);
// the charts (ECharts) load only when this page is opened
router.route('/analytics', (...args) => import('./views/analytics.js').then((m) => m.analyticsView(...args)));
router.fallback((container) => {
  clear(container, h('section', { class: 'panel empty' }, h('h1', {}, t('notFound.title')), h('p', {}, t('notFound.body')),
    h('a', { href: '/stories' }, t('notFound.home'))));
});

function renderChrome() {
  const me = session.user();
  nav.hidden = !me;
  who.hidden = !me;
  if (!me) return;
  const here = window.location.pathname;
  clear(nav, h('ul', {}, links.filter((link) => !link.roles || session.hasRole(...link.roles)).map((link) => {
    const active = link.path === '/stories' ? here === '/stories' || (/^\/stories\/(?!new)/.test(here)) : here.startsWith(link.path);
    return h('li', {}, h('a', { href: link.path, 'aria-current': active ? 'page' : null }, t(link.key)));
  })));
  clear(who, h('span', {}, `${me.displayName} · ${me.tenant ? me.tenant.name : t('common.platformAdmin')}`),
    h('button', { type: 'button', class: 'quiet', onclick: () => { session.signOut(); router.navigate('/stories'); } }, t('nav.signOut')));
}

let rendering = 0;
async function render() {
  renderChrome();
  const ticket = ++rendering;
  if (!session.current()) {
    // not signed in: the sign-in form in place of the page; the address stays, so the page follows sign-in
    document.title = `${t('signIn.title')} · ${t('app.name')}`;
    clear(main, signInForm());
    main.querySelector('input[name=tenant]').focus();
    return;
  }
  const { view, params } = router.match(window.location.pathname);
  try {
    await view(main, params, router.query(), () => ticket === rendering);
  } catch (failure) {
    if (ticket === rendering) clear(main, h('p', { class: 'error', role: 'alert' }, failure.message));
  }
}

function showBanner(text, actions = []) {
  banner.hidden = false;
  clear(banner, h('p', {}, text), actions);
}

function hideBanner() {
  banner.hidden = true;
  banner.replaceChildren();
}

session.onSession((event, detail) => {
  if (event === 'signed-in') {
    hideBanner();
    if (dialog.open) {
      dialog.close();
    } else {
      render();
    }
    renderChrome();
  } else if (event === 'signed-out') {
    hideBanner();
  } else if (event === 'expiring') {
    const msLeft = detail.expiresAt - Date.now();
    const text = msLeft >= 60000 ? t('session.expiresSoon', { minutes: Math.round(msLeft / 60000) })
      : t('session.expiresSoonSeconds', { seconds: Math.max(1, Math.round(msLeft / 1000)) });
    showBanner(text, [
      h('button', { type: 'button', onclick: () => session.expired() }, t('session.renew')),
      h('button', { type: 'button', class: 'quiet', onclick: hideBanner }, t('session.dismiss')),
    ]);
  } else if (event === 'expired') {
    hideBanner();
    clear(dialog, signInForm({ heading: t('signIn.dialogTitle'), note: t('signIn.again'), who: detail.user, level: 2 }));
    dialog.showModal();
    const first = dialog.querySelector(detail.user ? 'input[name=password]' : 'input[name=tenant]');
    if (first) first.focus();
  }
});
// the dialog cannot be dismissed without signing in: the page behind it needs a session
dialog.addEventListener('cancel', (event) => event.preventDefault());

router.start(render);
