// Campaigns (策划排期): a week calendar of posts by channel and local day; schedule, reschedule
// and cancel a post, with the server's user errors at their fields; a post's transitions.
import { request } from '../api.js';
import { channels } from '../channels.js';
import { clear, h, uid } from '../dom.js';
import { field, showErrors } from '../form.js';
import { label, t, when } from '../i18n.js';
import { href, navigate } from '../router.js';
import { hasRole } from '../session.js';

const POST_FIELDS = `id status scheduledAt localDay publishedAt externalUrl reason attempts
  story { id title language } channel { id name platform } campaign { id name }
  transitions { status at reason }`;
const WEEK = `query week($from: DateTime!, $to: DateTime!) {
  planned: campaigns(first: 30, filter: { status: PLANNED }) { nodes { id name status } }
  active: campaigns(first: 30, filter: { status: ACTIVE }) { nodes { id name status } }
  completed: campaigns(first: 20, filter: { status: COMPLETED }) { nodes { id name status } }
  calendar(from: $from, to: $to) {
    date hasConflicts
    channels { channel { id name } limit posts { id status scheduledAt story { id title language } campaign { id } } conflicts { kind } }
  }
}`;
const POST = `query post($id: ID!) { node(id: $id) { ... on Post { ${POST_FIELDS} } } }`;
const SCHEDULABLE = `query schedulable($status: StoryStatus) {
  stories(first: 100, filter: { status: $status }) { nodes { id title } }
}`;
const SCHEDULE = `mutation schedulePost($input: SchedulePostInput!) { schedulePost(input: $input) { post { id } userErrors { field code message } } }`;
const RESCHEDULE = `mutation reschedulePost($input: ReschedulePostInput!) { reschedulePost(input: $input) { post { id } userErrors { field code message } } }`;
const CANCEL = `mutation cancelPost($input: CancelPostInput!) { cancelPost(input: $input) { post { id } userErrors { field code message } } }`;

const DAY_MS = 86400000;

// the newsroom's day is counted in China Standard Time (UTC+8, no daylight saving)
function localToday() {
  return new Date(Date.now() + 8 * 3600000).toISOString().slice(0, 10);
}

function addDays(day, days) {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday of the week of a local day (yyyy-MM-dd): how the calendar's address names a week. */
export function monday(day) {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

function localTime(iso) {
  return new Date(Date.parse(iso) + 8 * 3600000).toISOString().slice(11, 16);
}

function localInput(iso) {
  return new Date(Date.parse(iso) + 8 * 3600000).toISOString().slice(0, 16);
}

function fromInput(value) {
  return value ? `${value}:00+08:00` : null;
}

export async function campaignsView(container, params, query, isCurrent) {
  document.title = `${t('campaigns.title')} · ${t('app.name')}`;
  const start = monday(/^\d{4}-\d{2}-\d{2}$/.test(query.week || '') ? query.week : localToday());
  const days = [...Array(7).keys()].map((i) => addDays(start, i));
  const body = h('div', { class: 'campaigns-body' }, h('p', { class: 'loading', role: 'status' }, t('common.loading')));
  clear(container, h('section', { class: 'campaigns', 'aria-labelledby': 'campaigns-h' },
    h('h1', { id: 'campaigns-h' }, t('campaigns.title')),
    h('nav', { class: 'week-nav', 'aria-label': t('campaigns.weeks') },
      h('a', { href: href('/campaigns', { ...query, week: addDays(start, -7) }) }, `← ${t('campaigns.previous')}`),
      h('strong', {}, t('campaigns.week', { from: start, to: days[6] })),
      h('a', { href: href('/campaigns', { ...query, week: '' }) }, t('campaigns.thisWeek')),
      h('a', { href: href('/campaigns', { ...query, week: addDays(start, 7) }) }, `${t('campaigns.next')} →`)),
    body));
  let data;
  let channelList;
  try {
    [data, channelList] = await Promise.all([
      request(WEEK, { from: `${start}T00:00:00+08:00`, to: `${addDays(start, 7)}T00:00:00+08:00` }), channels()]);
  } catch (failure) {
    if (isCurrent()) clear(body, h('p', { class: 'error', role: 'alert' }, failure.message));
    return;
  }
  if (!isCurrent()) return;
  // asked by status: the list without a filter answers nothing on this server version
  const campaignList = [...data.active.nodes, ...data.planned.nodes, ...data.completed.nodes];
  const campaignId = query.campaign || '';
  const calendar = data.calendar;
  const posts = new Map();
  const rows = new Map(); // channel id → { name, cells: Map(day → posts) }
  for (const day of calendar) {
    for (const cell of day.channels) {
      const id = cell.channel ? cell.channel.id : '';
      if (!rows.has(id)) rows.set(id, { name: cell.channel ? cell.channel.name : t('story.noChannel'), cells: new Map(), limit: cell.limit });
      const shown = cell.posts.filter((p) => !campaignId || p.campaign.id === campaignId);
      shown.forEach((p) => posts.set(p.id, p));
      rows.get(id).cells.set(day.date, { posts: shown, conflicts: cell.conflicts });
    }
  }
  const detail = h('div', { class: 'post-detail', 'aria-live': 'polite' });
  const editor = hasRole('EDITOR', 'SENIOR_EDITOR', 'CHIEF_EDITOR');
  clear(body,
    h('div', { class: 'field campaign-pick' }, h('label', { for: 'campaign-filter' }, t('campaigns.filter')),
      h('select', { id: 'campaign-filter', onchange: (e) => navigate(href('/campaigns', { ...query, campaign: e.target.value })) },
        h('option', { value: '' }, t('campaigns.allCampaigns')),
        campaignList.map((c) => h('option', { value: c.id, selected: c.id === campaignId }, `${c.name}（${label('CampaignStatus', c.status)}）`)))),
    campaignId ? h('p', {}, h('a', { href: href('/analytics', { campaign: campaignId }) }, t('analytics.more'))) : null,
    rows.size && [...posts.keys()].length ? weekTable(days, rows, (id) => showPost(detail, id, editor)) : h('p', { class: 'empty' }, t('campaigns.emptyWeek')),
    detail,
    editor ? scheduleForm(campaignList.filter((c) => c.status !== 'COMPLETED'), channelList, campaignId) : null);
}

function weekTable(days, rows, open) {
  const today = localToday();
  return h('div', { class: 'table-wrap calendar-wrap' }, h('table', { class: 'calendar' },
    h('caption', { class: 'visually-hidden' }, t('campaigns.caption')),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('edit.channel')),
      days.map((d) => h('th', { scope: 'col', class: d === today ? 'today' : null }, `${t(`campaigns.weekday.${new Date(`${d}T00:00:00Z`).getUTCDay()}`)} ${d.slice(5)}`)))),
    h('tbody', {}, [...rows.values()].filter((row) => [...row.cells.values()].some((c) => c.posts.length)).map((row) => h('tr', {},
      h('th', { scope: 'row' }, row.name, row.limit ? h('small', { class: 'muted' }, t('campaigns.limit', { n: row.limit })) : null),
      days.map((d) => {
        const cell = row.cells.get(d) || { posts: [], conflicts: [] };
        return h('td', { class: cell.conflicts.length ? 'conflicted' : null },
          cell.posts.map((p) => h('button', { type: 'button', class: `post s-${p.status.toLowerCase()}`, dataset: { post: p.id }, onclick: () => open(p.id) },
            h('span', { class: 'time' }, localTime(p.scheduledAt)), ' ', h('span', { lang: p.story?.language }, p.story ? p.story.title : '—'),
            h('span', { class: 'badge' }, label('PostStatus', p.status)))),
          cell.conflicts.map((c) => h('p', { class: 'conflict-note' }, label('CalendarConflictKind', c.kind))));
      }))))));
}

async function showPost(box, id, editor) {
  clear(box, h('p', { class: 'loading', role: 'status' }, t('common.loading')));
  let post;
  try {
    post = (await request(POST, { id })).node;
  } catch (failure) {
    clear(box, h('p', { class: 'error', role: 'alert' }, failure.message));
    return;
  }
  if (!post) {
    clear(box, h('p', { class: 'error', role: 'alert' }, t('errors.notFound')));
    return;
  }
  const summary = h('div', { class: 'form-summary', role: 'alert' });
  const form = h('form', { class: 'inline-form', novalidate: true },
    summary,
    field('scheduledAt', t('campaigns.newTime'), h('input', { name: 'scheduledAt', type: 'datetime-local', value: localInput(post.scheduledAt) })),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, t('campaigns.reschedule')),
      h('button', { type: 'button', class: 'danger', onclick: async () => {
        const { cancelPost } = await request(CANCEL, { input: { id: post.id } });
        if (!showErrors(form, summary, cancelPost.userErrors)) navigate(window.location.href, { replace: true });
      } }, t('campaigns.cancelPost'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { reschedulePost } = await request(RESCHEDULE, { input: { id: post.id, scheduledAt: fromInput(form.scheduledAt.value) } });
    if (!showErrors(form, summary, reschedulePost.userErrors)) navigate(window.location.href, { replace: true });
  });
  clear(box, h('section', { class: 'panel', 'aria-labelledby': 'post-h' },
    h('h2', { id: 'post-h', tabindex: '-1' }, post.story ? h('a', { href: `/stories/${encodeURIComponent(post.story.id)}`, lang: post.story.language }, post.story.title) : '—'),
    h('p', { class: 'meta' }, `${post.channel ? post.channel.name : ''} · ${post.campaign.name} · ${when(post.scheduledAt)} · `,
      h('span', { class: `badge s-${post.status.toLowerCase()}` }, label('PostStatus', post.status))),
    post.reason ? h('p', { class: 'notice' }, post.reason) : null,
    post.externalUrl ? h('p', {}, h('a', { href: post.externalUrl, target: '_blank', rel: 'noopener noreferrer' }, post.externalUrl)) : null,
    h('h3', {}, t('campaigns.transitions')),
    h('ol', { class: 'transitions' }, post.transitions.map((tr) => h('li', {}, `${when(tr.at)} · ${label('PostStatus', tr.status)}`, tr.reason ? ` · ${tr.reason}` : ''))),
    editor && post.status === 'SCHEDULED' ? form : null));
  box.querySelector('#post-h').focus();
}

function scheduleForm(campaigns, channelList, campaignId) {
  const summary = h('div', { class: 'form-summary', role: 'alert' });
  const storySelect = h('select', { name: 'storyId' }, h('option', { value: '' }, t('common.loading')));
  Promise.all([request(SCHEDULABLE, { status: 'APPROVED' }), request(SCHEDULABLE, { status: 'IN_REVIEW' })]).then(([approved, inReview]) => {
    clear(storySelect, h('option', { value: '' }, t('campaigns.pickStory')),
      h('optgroup', { label: label('StoryStatus', 'APPROVED') }, approved.stories.nodes.map((s) => h('option', { value: s.id }, s.title))),
      h('optgroup', { label: label('StoryStatus', 'IN_REVIEW') }, inReview.stories.nodes.map((s) => h('option', { value: s.id }, s.title))));
  }).catch((failure) => { summary.textContent = failure.message; });
  const form = h('form', { class: 'panel inline-form schedule', novalidate: true, 'aria-labelledby': 'schedule-h' },
    h('h2', { id: 'schedule-h' }, t('campaigns.schedule')), summary,
    h('div', { class: 'row' },
      field('campaignId', t('campaigns.campaign'), h('select', { name: 'campaignId' }, h('option', { value: '' }, t('campaigns.pickCampaign')),
        campaigns.map((c) => h('option', { value: c.id, selected: c.id === campaignId }, c.name)))),
      field('storyId', t('campaigns.story'), storySelect)),
    h('div', { class: 'row' },
      field('channelId', t('edit.channel'), h('select', { name: 'channelId' }, h('option', { value: '' }, t('campaigns.pickChannel')),
        channelList.filter((c) => c.active).map((c) => h('option', { value: c.id }, c.name)))),
      field('scheduledAt', t('campaigns.time'), h('input', { name: 'scheduledAt', type: 'datetime-local' }), t('campaigns.timeHint'))),
    h('button', { type: 'submit', class: 'primary' }, t('campaigns.schedule')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const input = { campaignId: data.get('campaignId'), storyId: data.get('storyId'), channelId: data.get('channelId'),
      scheduledAt: fromInput(String(data.get('scheduledAt'))) };
    const local = [['campaignId', input.campaignId], ['storyId', input.storyId], ['channelId', input.channelId], ['scheduledAt', input.scheduledAt]]
      .filter(([, v]) => !v).map(([name]) => ({ field: ['input', name], code: 'REQUIRED', message: '' }));
    if (showErrors(form, summary, local)) return;
    try {
      const { schedulePost } = await request(SCHEDULE, { input });
      if (showErrors(form, summary, schedulePost.userErrors)) return;
      const week = monday(localInput(input.scheduledAt).slice(0, 10));
      navigate(href('/campaigns', { week, campaign: campaignId }));
    } catch (failure) {
      summary.replaceChildren(h('p', {}, failure.message));
    }
  });
  return form;
}
