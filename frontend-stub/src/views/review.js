// The caller's review queue (三审) at each level they may act at: approve or reject with an
// opinion. The queue refreshes itself while open, so what others decide shows up.
import { request, subscribe, userErrorMessage } from '../api.js';
import { clear, h, uid } from '../dom.js';
import { label, t, when } from '../i18n.js';
import { href } from '../router.js';
import { hasRole } from '../session.js';

const QUEUE = `query queue($level: ReviewLevel!) {
  reviewQueue(level: $level, first: 50) {
    edges { node { id title summary language revision region updatedAt reviewLevel } }
  }
}`;
const REVIEW = `mutation review($input: ReviewStoryInput!) {
  reviewStory(input: $input) { story { id status reviewLevel } userErrors { field code message } }
}`;
const EVENTS = `subscription { storyEvents { kind storyId status reviewLevel } }`;
// a slow safety net should the WebSocket be blocked on the way (a proxy that does not pass it)
const REFRESH_MS = 60000;

let timer = null;
let stopEvents = () => {};

export function levelsFor() {
  if (hasRole('CHIEF_EDITOR')) return ['FIRST', 'SECOND', 'FINAL'];
  if (hasRole('SENIOR_EDITOR')) return ['FIRST', 'SECOND'];
  if (hasRole('EDITOR')) return ['FIRST'];
  return [];
}

export async function reviewView(container, params, query, isCurrent) {
  document.title = `${t('review.title')} · ${t('app.name')}`;
  clearInterval(timer);
  stopEvents();
  const levels = levelsFor();
  if (!levels.length) {
    clear(container, h('section', { class: 'panel empty' }, h('h1', {}, t('review.title')), h('p', {}, t('review.noLevel'))));
    return;
  }
  const level = levels.includes(query.level) ? query.level : levels[levels.length - 1];
  const list = h('ul', { class: 'queue', 'aria-busy': 'true' }, h('li', { class: 'loading' }, t('common.loading')));
  const status = h('p', { class: 'muted', role: 'status', 'aria-live': 'polite' });
  clear(container, h('section', { class: 'panel review', 'aria-labelledby': 'review-h' },
    h('h1', { id: 'review-h' }, t('review.title')),
    h('nav', { class: 'tabs', 'aria-label': t('review.title') }, h('ul', {}, levels.map((l) => h('li', {},
      h('a', { href: href('/review', { level: l }), 'aria-current': l === level ? 'page' : null }, t('review.queue', { level: label('ReviewLevel', l) })))))),
    h('p', { class: 'muted' }, t('review.live')), status, list));
  const shownIds = new Set();
  const load = async (announce) => {
    let data;
    try {
      data = await request(QUEUE, { level });
    } catch (failure) {
      clear(list, h('li', { class: 'error', role: 'alert' }, failure.message));
      return;
    }
    if (!isCurrent() || !container.contains(list)) {
      clearInterval(timer);
      stopEvents();
      return;
    }
    list.setAttribute('aria-busy', 'false');
    const nodes = data.reviewQueue.edges.map((e) => e.node);
    const ids = new Set(nodes.map((n) => n.id));
    // keep cards someone is typing an opinion in; drop those decided elsewhere; add new ones
    for (const card of [...list.querySelectorAll('li[data-id]')]) {
      if (!ids.has(card.dataset.id)) card.remove();
    }
    list.querySelectorAll('li.empty, li.loading, li.error').forEach((li) => li.remove());
    for (const node of nodes) {
      if (!list.querySelector(`li[data-id="${CSS.escape(node.id)}"]`)) list.append(card(node, level, status));
    }
    if (!nodes.length) list.append(h('li', { class: 'empty' }, t('review.empty')));
    // tell of stories that arrived; those that left were decided here (said already) or by others
    if (announce && nodes.some((n) => !shownIds.has(n.id))) status.textContent = t('review.updatedNotice');
    shownIds.clear();
    nodes.forEach((n) => shownIds.add(n.id));
  };
  await load(false);
  timer = setInterval(() => { if (document.visibilityState === 'visible') load(true); }, REFRESH_MS);
  // live: whatever anyone does to a story may change this queue
  let pending = null;
  stopEvents = subscribe(EVENTS, {}, () => {
    clearTimeout(pending);
    pending = setTimeout(() => load(true), 150);
  }, () => {});
}

function card(story, level, status) {
  const opinionId = uid('opinion');
  const error = h('p', { class: 'field-error', dataset: { errorFor: 'opinion' } });
  const opinion = h('textarea', { id: opinionId, name: 'opinion', rows: 2, maxlength: 2000, 'aria-describedby': `${opinionId}-hint ${opinionId}-e` });
  error.id = `${opinionId}-e`;
  const decide = (decision) => async (event) => {
    const buttons = li.querySelectorAll('button');
    buttons.forEach((b) => { b.disabled = true; });
    error.textContent = '';
    opinion.removeAttribute('aria-invalid');
    try {
      const { reviewStory } = await request(REVIEW, { input: { storyId: story.id, revision: story.revision, decision, opinion: opinion.value.trim() || null } });
      if (reviewStory.userErrors.length) {
        error.textContent = reviewStory.userErrors.map(userErrorMessage).join(' ');
        if (reviewStory.userErrors.some((e) => (e.field || []).includes('opinion'))) {
          opinion.setAttribute('aria-invalid', 'true');
          opinion.focus();
        }
        buttons.forEach((b) => { b.disabled = false; });
        return;
      }
      status.textContent = `${story.title}：${decision === 'APPROVE' ? t('review.approved') : t('review.rejected')}`;
      li.remove();
    } catch (failure) {
      error.textContent = failure.message;
      buttons.forEach((b) => { b.disabled = false; });
    }
    void event;
  };
  const li = h('li', { class: 'card', dataset: { id: story.id } },
    h('h2', { lang: story.language }, h('a', { href: `/stories/${encodeURIComponent(story.id)}` }, story.title)),
    h('p', { class: 'meta' }, `${label('ReviewLevel', level)} · `, t('review.waiting', { when: when(story.updatedAt), revision: story.revision }),
      story.region ? ` · ${story.region}` : ''),
    story.summary ? h('p', { lang: story.language }, story.summary) : null,
    h('label', { for: opinionId }, t('review.opinion')), opinion,
    h('small', { id: `${opinionId}-hint`, class: 'muted' }, t('review.opinionHint')), error,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'primary', onclick: decide('APPROVE') }, t('review.approve')),
      h('button', { type: 'button', class: 'danger', onclick: decide('REJECT') }, t('review.reject'))));
  return li;
}
