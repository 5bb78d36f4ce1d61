// One story: its text, versions per channel, review trail, posts, revisions, reach and what the
// caller can do next.
import { request, userErrorMessage } from '../api.js';
import { clear, h } from '../dom.js';
import { label, number, t, when } from '../i18n.js';
import { href, navigate } from '../router.js';
import { hasRole } from '../session.js';
import { monday } from './campaigns.js';

export const STORY_FIELDS = `id title summary body language tags region bylines status reviewLevel revision createdAt updatedAt
  assets { kind url durationSeconds caption }
  versions { format medium title body durationSeconds channel { id name platform } }`;

const STORY = `query story($id: ID!) {
  story(id: $id) {
    ${STORY_FIELDS}
    reviewTrail { level decision revision opinion at reviewer { id username } }
  }
}`;

const MOVES = {
  submit: `mutation submit($input: SubmitStoryInput!) { submitStory(input: $input) { story { id } userErrors { field code message } } }`,
  publish: `mutation publish($input: StoryMoveInput!) { publishStory(input: $input) { story { id } userErrors { field code message } } }`,
  archive: `mutation archive($input: StoryMoveInput!) { archiveStory(input: $input) { story { id } userErrors { field code message } } }`,
  withdraw: `mutation withdraw($input: StoryMoveInput!) { withdrawStory(input: $input) { story { id } userErrors { field code message } } }`,
};

const EDITORS = ['EDITOR', 'SENIOR_EDITOR', 'CHIEF_EDITOR'];

export async function storyDetail(container, id, { backHref, isCurrent = () => true, focus = true } = {}) {
  clear(container, h('p', { class: 'loading', role: 'status' }, t('common.loading')));
  container.setAttribute('aria-busy', 'true');
  let story;
  try {
    ({ story } = await request(STORY, { id }));
  } catch (failure) {
    if (!isCurrent()) return;
    container.setAttribute('aria-busy', 'false');
    clear(container, h('p', { class: 'error', role: 'alert' }, failure.message));
    return;
  }
  if (!isCurrent()) return;
  container.setAttribute('aria-busy', 'false');
  const back = h('a', { href: backHref, class: 'back' }, `← ${t('story.backToList')}`);
  if (!story) {
    clear(container, back, h('p', { class: 'error', role: 'alert' }, t('story.notFound')));
    return;
  }
  document.title = `${story.title} · ${t('app.name')}`;
  const status = story.status === 'IN_REVIEW' && story.reviewLevel
    ? `${label('StoryStatus', story.status)} · ${t('story.atLevel', { level: label('ReviewLevel', story.reviewLevel) })}`
    : label('StoryStatus', story.status);
  const message = h('p', { class: 'notice', role: 'status', 'aria-live': 'polite' });
  clear(container,
    back,
    h('header', { class: 'story-head' },
      h('h1', { id: 'story-title', lang: story.language, tabindex: '-1' }, story.title),
      h('p', { class: 'meta' }, h('span', { class: `badge s-${story.status.toLowerCase()}` }, status), ' · ',
        t('story.revision', { revision: story.revision }), ' · ', t('story.updated', { when: when(story.updatedAt) }))),
    actions(story, message), message,
    story.summary ? h('p', { class: 'lead', lang: story.language }, story.summary) : null,
    h('dl', { class: 'facts' },
      fact(t('story.language'), label('Language', story.language)),
      story.region ? fact(t('story.region'), story.region) : null,
      story.tags.length ? fact(t('story.tags'), story.tags.join('、')) : null,
      story.bylines.length ? fact(t('story.bylines'), story.bylines.join('，')) : null,
      fact(t('story.created', { when: '' }).replace(/\s+$/, ''), when(story.createdAt))),
    h('section', { class: 'body-text', 'aria-label': t('story.body') }, h('div', { lang: story.language, class: 'body' }, story.body)),
    versions(story),
    assets(story),
    trail(story),
    postsSection(story, isCurrent),
    revisionsSection(story, isCurrent),
    reachSection(story, isCurrent));
  if (focus) {
    container.scrollTop = 0;
    const title = container.querySelector('#story-title');
    title.focus({ preventScroll: true });
    container.scrollIntoView({ block: 'start', behavior: 'instant' });
  }
}

function fact(name, value) {
  return [h('dt', {}, name), h('dd', {}, value)];
}

function actions(story, message) {
  const buttons = [];
  const editor = hasRole(...EDITORS);
  if ((['DRAFT', 'IN_REVIEW', 'APPROVED'].includes(story.status) && hasRole('REPORTER', ...EDITORS))
    || (['PUBLISHED', 'CORRECTED'].includes(story.status) && editor)) {
    const correcting = ['PUBLISHED', 'CORRECTED'].includes(story.status);
    buttons.push(h('a', { href: `/stories/${encodeURIComponent(story.id)}/edit`, class: 'button' }, correcting ? t('story.correct') : t('common.edit')));
  }
  const move = (name, input, done) => h('button', {
    type: 'button',
    onclick: async (event) => {
      event.target.disabled = true;
      try {
        const data = await request(MOVES[name], { input });
        const payload = Object.values(data)[0];
        if (payload.userErrors.length) {
          message.className = 'error';
          message.textContent = payload.userErrors.map(userErrorMessage).join(' ');
          event.target.disabled = false;
          return;
        }
        navigate(window.location.href, { replace: true });
        done && done();
      } catch (failure) {
        message.className = 'error';
        message.textContent = failure.message;
        event.target.disabled = false;
      }
    },
  }, t(`story.${name}`));
  if (story.status === 'DRAFT' && hasRole('REPORTER', ...EDITORS)) buttons.push(move('submit', { id: story.id }));
  if (story.status === 'APPROVED' && editor) buttons.push(move('publish', { id: story.id, revision: story.revision }));
  if (['PUBLISHED', 'CORRECTED'].includes(story.status) && hasRole('CHIEF_EDITOR')) buttons.push(move('withdraw', { id: story.id, revision: story.revision }));
  if (['PUBLISHED', 'CORRECTED', 'WITHDRAWN'].includes(story.status) && editor) buttons.push(move('archive', { id: story.id, revision: story.revision }));
  return buttons.length ? h('div', { class: 'actions', role: 'group', 'aria-label': t('story.actions') }, buttons) : null;
}

function versions(story) {
  return h('section', { class: 'versions', 'aria-labelledby': 'versions-h' },
    h('h2', { id: 'versions-h' }, t('story.versions', { count: story.versions.length })),
    story.versions.length ? story.versions.map((v) => h('section', { class: 'version' },
      h('h3', {}, v.channel ? `${v.channel.name}（${label('Platform', v.channel.platform)}）` : `${label('Medium', v.medium)} · ${t('story.noChannel')}`,
        h('span', { class: 'badge' }, label('StoryFormat', v.format))),
      h('p', { class: 'version-title', lang: story.language }, v.title),
      v.body ? h('p', { lang: story.language }, v.body) : null,
      v.durationSeconds ? h('p', { class: 'muted' }, t('story.duration', { seconds: v.durationSeconds })) : null))
      : h('p', { class: 'muted' }, t('story.noVersions')));
}

function assets(story) {
  if (!story.assets.length) return null;
  return h('section', { 'aria-labelledby': 'assets-h' }, h('h2', { id: 'assets-h' }, t('story.assets', { count: story.assets.length })),
    h('ul', { class: 'assets' }, story.assets.map((a) => h('li', {}, h('span', { class: 'badge' }, label('AssetKind', a.kind)), ' ',
      h('a', { href: a.url, target: '_blank', rel: 'noopener noreferrer' }, a.caption || a.url),
      a.durationSeconds ? ` · ${t('story.duration', { seconds: a.durationSeconds })}` : ''))));
}

const POSTS = `query storyPosts($id: ID!) {
  story(id: $id) { id posts(first: 100) { totalCount nodes {
    id status scheduledAt localDay publishedAt externalUrl reason
    channel { id name platform } campaign { id name }
  } } }
}`;

// where the story ran or is planned to run (发布安排): each post with its channel, campaign and
// Beijing time, earliest first, loaded after the story
function postsSection(story, isCurrent) {
  return loadedLater({ className: 'posts', id: 'posts-h', heading: t('story.posts'), query: POSTS, variables: { id: story.id }, isCurrent },
    (data) => {
      const posts = data.story ? data.story.posts.nodes : [];
      if (!posts.length) return h('p', { class: 'muted' }, t('story.noPosts'));
      const total = data.story.posts.totalCount;
      return [h('div', { class: 'table-wrap' }, h('table', { class: 'posts-table' },
        h('thead', {}, h('tr', {}, [t('story.postTime'), t('edit.channel'), t('campaigns.campaign'), t('story.postStatus')]
          .map((name) => h('th', { scope: 'col' }, name)))),
        h('tbody', {}, posts.map(postRow)))),
      total > posts.length ? h('p', { class: 'muted' }, t('story.morePosts', { shown: posts.length, count: total })) : null];
    });
}

// a section whose content is loaded after the story: "loading" until the answer, then what
// render makes of it, or the failure
function loadedLater({ className, id, heading, query, variables, isCurrent }, render) {
  const body = h('div', {}, h('p', { class: 'loading' }, t('common.loading')));
  request(query, variables).then((data) => {
    if (isCurrent()) clear(body, render(data));
  }).catch((failure) => { if (isCurrent()) clear(body, h('p', { class: 'error' }, failure.message)); });
  return h('section', { class: className, 'aria-labelledby': id }, h('h2', { id }, heading), body);
}

function postRow(post) {
  const channel = post.channel ? `${post.channel.name}（${label('Platform', post.channel.platform)}）` : t('story.noChannel');
  const campaign = h('a', { href: href('/campaigns', { week: monday(post.localDay), campaign: post.campaign.id }) }, post.campaign.name);
  const details = [];
  if (post.status === 'PUBLISHED' && post.externalUrl) {
    details.push(h('a', { href: post.externalUrl, target: '_blank', rel: 'noopener noreferrer' }, t('story.postLink')));
  }
  if (post.publishedAt) details.push(h('span', { class: 'muted' }, ` ${t('story.postPublishedAt', { when: when(post.publishedAt) })}`));
  if (post.reason && ['FAILED', 'BLOCKED'].includes(post.status)) details.push(h('p', { class: 'reason' }, t('story.postReason', { reason: post.reason })));
  return h('tr', { dataset: { post: post.id } },
    h('td', {}, h('time', { datetime: post.scheduledAt }, when(post.scheduledAt))),
    h('td', {}, channel),
    h('td', {}, campaign),
    h('td', {}, h('span', { class: `badge s-${post.status.toLowerCase()}` }, label('PostStatus', post.status)), ' ', details));
}

const REVISIONS = `query storyRevisions($id: ID!) {
  story(id: $id) { id revisions(first: 20) { nodes {
    revision kind publishedRevision at author { username } changedFields
    changes { field before after segments { change text } }
  } } }
}`;

// the saved edits, newest first, each with what it changed (summary and body line by line)
function revisionsSection(story, isCurrent) {
  return loadedLater({ className: 'revisions-box', id: 'revisions-h', heading: t('story.revisions'), query: REVISIONS,
    variables: { id: story.id }, isCurrent }, (data) => {
    const revisions = data.story ? data.story.revisions.nodes : [];
    if (!revisions.length) return h('p', { class: 'muted' }, t('story.noRevisions'));
    return h('ol', { class: 'revisions' }, revisions.map((r) => h('li', {}, revisionDetails(r, story.language))));
  });
}

function marked(tag, hidden, text) {
  return h(tag, {}, h('span', { class: 'visually-hidden' }, hidden), text);
}

function revisionDetails(r, language) {
  const fields = r.changedFields.map((f) => t(`fields.${f}`)).join('、');
  const title = `${t('story.revision', { revision: r.revision })} · ${label('StoryRevisionKind', r.kind)} · ${r.author.username} · ${when(r.at)}`;
  const changes = r.changes.map((c) => {
    const lines = c.segments.length
      ? c.segments.map((seg) => {
        if (seg.change === 'ADDED') return marked('ins', t('story.added'), seg.text);
        if (seg.change === 'REMOVED') return marked('del', t('story.removed'), seg.text);
        return h('span', {}, seg.text);
      })
      : [c.before != null ? marked('del', t('story.removed'), c.before) : null, c.after != null ? marked('ins', t('story.added'), c.after) : null];
    return h('section', { class: 'change' }, h('h3', {}, t(`fields.${c.field}`)), h('div', { class: 'diff', lang: language }, lines));
  });
  return h('details', {}, h('summary', {}, title, fields ? ` · ${t('story.changed', { fields })}` : ''), changes);
}

const REACH = `query storyReach($id: ID!, $range: ReachRange!) {
  story(id: $id) { id reach(range: $range) { byChannel { channel { id name platform } totals { metric value } } } }
}`;
const REACH_DAYS = 90;

// reach by channel over the last 90 days, loaded after the story
function reachSection(story, isCurrent) {
  const to = new Date();
  const from = new Date(to.getTime() - REACH_DAYS * 86400000);
  from.setUTCMinutes(0, 0, 0);
  return loadedLater({ className: 'reach', id: 'reach-h', heading: t('analytics.storyReach', { days: REACH_DAYS }), query: REACH,
    variables: { id: story.id, range: { from: from.toISOString(), to: to.toISOString() } }, isCurrent }, (data) => {
    const rows = data.story ? data.story.reach.byChannel : [];
    const metrics = [...new Set(rows.flatMap((r) => r.totals.map((m) => m.metric)))];
    if (!rows.length) return h('p', { class: 'muted' }, t('analytics.none'));
    return [h('div', { class: 'table-wrap' }, h('table', { class: 'reach-table' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('edit.channel')), metrics.map((m) => h('th', { scope: 'col' }, label('MetricName', m))))),
      h('tbody', {}, rows.map((r) => h('tr', {}, h('th', { scope: 'row' }, r.channel.name),
        metrics.map((m) => { const v = r.totals.find((x) => x.metric === m); return h('td', { class: 'v' }, v && v.value != null ? number(v.value) : '—'); })))))),
    h('p', {}, h('a', { href: `/analytics?story=${encodeURIComponent(story.id)}` }, t('analytics.more')))];
  });
}

function trail(story) {
  return h('section', { class: 'trail', 'aria-labelledby': 'trail-h' }, h('h2', { id: 'trail-h' }, t('story.reviewTrail')),
    story.reviewTrail.length ? h('ol', {}, story.reviewTrail.map((mark) => h('li', { class: mark.decision === 'REJECT' ? 'rejected' : 'approved' },
      h('strong', {}, `${label('ReviewLevel', mark.level)} · ${label('ReviewDecision', mark.decision)}`),
      ` · ${mark.reviewer.username} · ${when(mark.at)} · ${t('story.revision', { revision: mark.revision })}`,
      mark.opinion ? h('p', {}, t('story.opinion', { opinion: mark.opinion })) : null)))
      : h('p', { class: 'muted' }, t('story.noTrail')));
}
