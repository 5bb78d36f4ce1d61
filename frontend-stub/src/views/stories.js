// The stories list (search, facets, sort, cursor paging, all in the address) and, beside it, the
// story that is open (/stories/:id).
import { request } from '../api.js';
import { channels } from '../channels.js';
import { clear, h, highlighted, uid } from '../dom.js';
import { has, label, number, t, when } from '../i18n.js';
import { href, navigate } from '../router.js';
import { storyDetail } from './story.js';
import { hasRole } from '../session.js';

const PAGE = 20;
const LIST_KEYS = ['q', 'status', 'channel', 'tag', 'region', 'lang', 'from', 'to', 'sort', 'after', 'before'];

const STORIES = `query stories($first: Int, $after: String, $last: Int, $before: String, $filter: StoryFilter, $orderBy: StoryOrder) {
  stories(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    facets {
      status { value count } channel { value count } tag { value count } region { value count } language { value count }
    }
    edges {
      highlight { field text ranges { start length } }
      node { id title summary status reviewLevel region language createdAt }
    }
  }
}`;

// the list on screen, kept while only the open story changes
let shown = null; // { key, layout, list }

// a hand-edited or stale address must not break the list: a value it cannot mean is left out
const VALID = {
  status: (v) => has(`enums.StoryStatus.${v}`),
  from: (v) => isDay(v),
  to: (v) => isDay(v),
  sort: (v) => v === 'relevance' || v === 'newest',
};

function isDay(value) {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(new Date(`${value}T00:00:00+08:00`).getTime())
    && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

function listState(query) {
  return Object.fromEntries(LIST_KEYS.filter((k) => query[k] && (!VALID[k] || VALID[k](query[k])))
    .map((k) => [k, query[k]]));
}

function keyOf(state) {
  return new URLSearchParams(state).toString();
}

function dayStart(day, plusDays = 0) {
  const date = new Date(`${day}T00:00:00+08:00`);
  date.setUTCDate(date.getUTCDate() + plusDays);
  return date.toISOString();
}

function variables(state) {
  const filter = {};
  if (state.q) filter.text = state.q;
  if (state.status) filter.status = state.status;
  if (state.channel) filter.channelId = state.channel;
  if (state.tag) filter.tag = state.tag;
  if (state.region) filter.region = state.region;
  if (state.lang) filter.language = state.lang;
  if (state.from) filter.createdAfter = dayStart(state.from);
  if (state.to) filter.createdBefore = dayStart(state.to, 1);
  const page = state.before ? { last: PAGE, before: state.before } : { first: PAGE, after: state.after || null };
  return { ...page, filter, orderBy: state.sort === 'relevance' ? 'RELEVANCE' : 'NEWEST' };
}

export async function storiesView(container, params, query, isCurrent) {
  const state = listState(query);
  const key = keyOf(state);
  const selected = params.id || null;
  document.title = `${t('stories.title')} · ${t('app.name')}`;
  if (!shown || shown.key !== key || !container.contains(shown.layout)) {
    shown = buildLayout(container, state, key);
    loadList(shown, state, isCurrent);
  }
  shown.layout.classList.toggle('has-detail', Boolean(selected));
  markSelected(shown, selected);
  const detail = shown.layout.querySelector('.detail');
  if (selected) {
    await storyDetail(detail, selected, { backHref: href('/stories', state), listState: state, isCurrent });
  } else {
    clear(detail, h('p', { class: 'muted placeholder' }, t('stories.pick')));
  }
}

function buildLayout(container, state, key) {
  const searchId = uid('search');
  const sortId = uid('sort');
  const hintId = uid('hint');
  const form = h('form', { class: 'search', role: 'search', 'aria-label': t('stories.search') },
    h('label', { for: searchId, class: 'visually-hidden' }, t('stories.search')),
    h('input', { id: searchId, name: 'q', type: 'search', value: state.q || '', placeholder: t('stories.searchPlaceholder'), 'aria-describedby': hintId, maxlength: 100 }),
    h('label', { for: sortId }, t('stories.sort')),
    h('select', { id: sortId, name: 'sort', onchange: (e) => e.target.form.requestSubmit() },
      h('option', { value: 'newest', selected: state.sort !== 'relevance' }, t('stories.newest')),
      h('option', { value: 'relevance', selected: state.sort === 'relevance' }, t('stories.relevance'))),
    h('button', { type: 'submit', class: 'primary' }, t('stories.searchButton')),
    h('small', { id: hintId, class: 'muted hint' }, t('stories.searchHint')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const next = { ...state, q: String(data.get('q')).trim(), sort: data.get('sort') === 'relevance' ? 'relevance' : '' };
    delete next.after;
    delete next.before;
    navigate(href('/stories', next));
  });
  const count = h('p', { class: 'count', role: 'status', 'aria-live': 'polite' });
  const list = h('ol', { class: 'stories', 'aria-label': t('stories.results'), 'aria-busy': 'true' }, h('li', { class: 'loading' }, t('common.loading')));
  const pager = h('nav', { class: 'pager', 'aria-label': t('stories.pager') });
  const facets = h('div', { class: 'facet-groups' }, h('p', { class: 'loading' }, t('common.loading')));
  const layout = h('div', { class: 'stories-layout' },
    h('aside', { class: 'facets panel', 'aria-labelledby': `${searchId}-f` },
      h('details', { open: window.matchMedia('(min-width: 800px)').matches },
        h('summary', { id: `${searchId}-f` }, t('stories.filters')), facets, dateRange(state))),
    h('section', { class: 'list panel', 'aria-labelledby': `${searchId}-h` },
      h('div', { class: 'list-head' }, h('h1', { id: `${searchId}-h` }, t('stories.title')),
        hasRole('REPORTER', 'EDITOR', 'SENIOR_EDITOR', 'CHIEF_EDITOR') ? h('a', { href: '/stories/new', class: 'button' }, t('stories.newStory')) : null),
      form, count, list, pager),
    h('article', { class: 'detail panel', tabindex: '-1', 'aria-live': 'off' }));
  clear(container, layout);
  return { key, layout, list, count, pager, facets, state, items: new Map() };
}

function dateRange(state) {
  const from = uid('from');
  const to = uid('to');
  const form = h('form', { class: 'date-range' },
    h('fieldset', {}, h('legend', {}, t('stories.facet.date')),
      h('label', { for: from }, t('stories.from')), h('input', { id: from, name: 'from', type: 'date', value: state.from || '' }),
      h('label', { for: to }, t('stories.to')), h('input', { id: to, name: 'to', type: 'date', value: state.to || '' }),
      h('button', { type: 'submit' }, t('common.apply'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const next = { ...state, from: data.get('from'), to: data.get('to') };
    delete next.after;
    delete next.before;
    navigate(href('/stories', next));
  });
  return form;
}

async function loadList(view, state, isCurrent) {
  let data;
  let names = new Map();
  try {
    const [result, all] = await Promise.all([request(STORIES, variables(state)), channels().catch(() => [])]);
    data = result.stories;
    names = new Map(all.map((c) => [c.id, c.name]));
  } catch (failure) {
    if (shown !== view) return;
    if (failure.kind === 'badRequest' && (state.after || state.before)) {
      // a stale or hand-edited cursor: the same list from its start
      const { after, before, ...rest } = state;
      shown = null;
      navigate(href(window.location.pathname, rest), { replace: true });
      return;
    }
    view.list.setAttribute('aria-busy', 'false');
    clear(view.count, '');
    clear(view.list, h('li', { class: 'error', role: 'alert' }, failure.message, ' ',
      h('button', { type: 'button', onclick: () => { shown = null; navigate(window.location.href, { replace: true }); } }, t('common.retry'))));
    clear(view.facets);
    return;
  }
  if (shown !== view) return;
  view.list.setAttribute('aria-busy', 'false');
  view.count.textContent = state.q ? t('stories.countFor', { text: state.q, count: number(data.totalCount) })
    : t('stories.count', { count: number(data.totalCount) });
  if (state.q && [...state.q].length === 1) view.count.append(h('small', { class: 'muted' }, ` ${t('stories.oneChar')}`));
  if (!data.edges.length) {
    clear(view.list, h('li', { class: 'empty' }, h('p', {}, t('stories.empty')), h('p', { class: 'muted' }, t('stories.emptyHint')),
      Object.keys(state).length ? h('a', { href: '/stories' }, t('stories.clearFilters')) : null));
  } else {
    clear(view.list, data.edges.map((edge) => item(view, edge, state)));
  }
  renderPager(view, data.pageInfo, state);
  renderFacets(view, data.facets, state, names);
  const match = /^\/stories\/([^/]+)$/.exec(window.location.pathname);
  markSelected(view, match && match[1] !== 'new' ? decodeURIComponent(match[1]) : null);
}

function item(view, { node, highlight }, state) {
  const link = h('a', { href: href(`/stories/${encodeURIComponent(node.id)}`, state), lang: node.language, class: 'title' },
    highlight && highlight.field === 'title' ? highlighted(highlight.text, highlight.ranges) : node.title);
  const status = node.status === 'IN_REVIEW' && node.reviewLevel
    ? `${label('StoryStatus', node.status)}·${label('ReviewLevel', node.reviewLevel)}` : label('StoryStatus', node.status);
  const snippet = highlight && highlight.field !== 'title'
    ? h('p', { class: 'snippet', lang: node.language }, highlighted(highlight.text, highlight.ranges))
    : (node.summary ? h('p', { class: 'snippet', lang: node.language }, node.summary) : null);
  const li = h('li', { dataset: { id: node.id } }, link,
    h('span', { class: 'meta' }, h('span', { class: `badge s-${node.status.toLowerCase()}` }, status),
      node.region ? ` · ${node.region}` : '', ` · `, h('time', { datetime: node.createdAt }, when(node.createdAt))),
    snippet);
  view.items.set(node.id, li);
  return li;
}

function markSelected(view, id) {
  for (const li of view.list.querySelectorAll('li[data-id]')) {
    const on = li.dataset.id === id;
    li.classList.toggle('selected', on);
    const link = li.querySelector('a.title');
    if (on) link.setAttribute('aria-current', 'true');
    else link.removeAttribute('aria-current');
  }
}

function renderPager(view, pageInfo, state) {
  const base = { ...state };
  delete base.after;
  delete base.before;
  const newer = (pageInfo.hasPreviousPage || state.after) && pageInfo.startCursor;
  const older = (pageInfo.hasNextPage || state.before) && pageInfo.endCursor;
  clear(view.pager,
    newer ? h('a', { href: href('/stories', { ...base, before: pageInfo.startCursor }), rel: 'prev' }, `← ${t('stories.newer')}`)
      : h('span', { class: 'muted', 'aria-hidden': 'true' }, `← ${t('stories.newer')}`),
    older ? h('a', { href: href('/stories', { ...base, after: pageInfo.endCursor }), rel: 'next' }, `${t('stories.older')} →`)
      : h('span', { class: 'muted', 'aria-hidden': 'true' }, `${t('stories.older')} →`));
}

function renderFacets(view, facets, state, names) {
  const groups = [
    ['status', 'status', (v) => label('StoryStatus', v)],
    ['channel', 'channel', (v) => names.get(v) || v],
    ['tag', 'tag', (v) => v],
    ['region', 'region', (v) => v],
    ['language', 'lang', (v) => label('Language', v)],
  ];
  clear(view.facets, groups.map(([facet, param, name]) => {
    const values = facets[facet];
    const chosen = state[param];
    if (!values.length && !chosen) return null;
    const headingId = uid(`facet-${facet}`);
    const base = { ...state };
    delete base.after;
    delete base.before;
    return h('section', { class: 'facet', 'aria-labelledby': headingId },
      h('h2', { id: headingId }, t(`stories.facet.${facet}`)),
      h('ul', {}, values.slice(0, 12).map(({ value, count }) => {
        const on = chosen === value;
        const target = { ...base, [param]: on ? '' : value };
        return h('li', {}, h('a', { href: href('/stories', target), 'aria-current': on ? 'true' : null, class: on ? 'on' : null,
          lang: facet === 'language' ? null : undefined },
        h('span', {}, name(value)), h('span', { class: 'n' }, number(count))));
      }),
      chosen && !values.some((v) => v.value === chosen)
        ? h('li', {}, h('a', { href: href('/stories', { ...base, [param]: '' }), 'aria-current': 'true', class: 'on' }, h('span', {}, name(chosen)), h('span', { class: 'n' }, '0')))
        : null));
  }), Object.keys(state).some((k) => !['sort', 'after', 'before'].includes(k))
    ? h('p', {}, h('a', { href: '/stories' }, t('stories.clearFilters'))) : null);
}
