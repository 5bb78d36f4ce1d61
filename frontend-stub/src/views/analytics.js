// Reach at a glance: the center (or one story or channel) over time, by channel and platform,
// the top stories of the period and the 传播力指数 ranking, drawn with ECharts.
import { request } from '../api.js';
import { channels } from '../channels.js';
import { barOption, chartFigure, lineOption } from '../charts.js';
import { clear, h, uid } from '../dom.js';
import { label, number, t } from '../i18n.js';
import { href, navigate } from '../router.js';

const REACH_FIELDS = `totals { metric value unit }
  byChannel { channel { id name platform } totals { metric value } }
  byPlatform { key totals { metric value } }
  series(metric: $metric, granularity: $granularity) { start value }`;
const TENANT = `query tenantReach($range: ReachRange!, $metric: MetricName!, $granularity: Granularity!) {
  metricCatalogue { name unit }
  tenantReach(range: $range) { ${REACH_FIELDS} }
  topStories(metric: $metric, range: $range, first: 10) { edges { rank value node { id title language } } }
  storyInfluence(range: $range, first: 10) { edges { rank value node { id title language } } }
  channelInfluence(range: $range) { index channel { id name platform } }
}`;
const STORY = `query storyReach($id: ID!, $range: ReachRange!, $metric: MetricName!, $granularity: Granularity!) {
  metricCatalogue { name unit }
  story(id: $id) { id title language reach(range: $range) { ${REACH_FIELDS} } }
}`;
const CHANNEL = `query channelReach($id: ID!, $range: ReachRange!, $metric: MetricName!, $granularity: Granularity!) {
  metricCatalogue { name unit }
  channel(id: $id) { id name reach(range: $range) { ${REACH_FIELDS} } }
}`;

const CAMPAIGN = `query campaignReach($id: ID!, $range: ReachRange!, $metric: MetricName!, $granularity: Granularity!) {
  campaign(id: $id) { id name reach(range: $range) { ${REACH_FIELDS} } goalProgress { metric target value ratio } }
}`;
// campaigns to choose from, asked by status (the unfiltered list answers nothing on this server version)
const CAMPAIGNS = `query { active: campaigns(first: 30, filter: { status: ACTIVE }) { nodes { id name } }
  planned: campaigns(first: 30, filter: { status: PLANNED }) { nodes { id name } }
  completed: campaigns(first: 30, filter: { status: COMPLETED }) { nodes { id name } } }`;

const GRANULARITIES = ['DAY', 'WEEK', 'MONTH', 'HOUR'];
// the metrics one can chart over time (unique visitors are never summed across days)
const METRICS = ['VIEWS', 'PLAYS', 'CLICKS', 'LIKES', 'SHARES', 'COMMENTS', 'FAVORITES', 'AIRINGS', 'PLACEMENTS', 'PLACEMENTS_CENTRAL',
  'PLACEMENTS_PROVINCIAL', 'PLACEMENTS_MUNICIPAL', 'LIVE_VIEWERS', 'PEAK_CONCURRENT_VIEWERS', 'FOLLOWERS', 'COMPLETION_RATE', 'TV_RATING'];

function today() {
  return new Date(Date.now() + 8 * 3600000).toISOString().slice(0, 10);
}

function shift(day, days) {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function instant(day) {
  return `${day}T00:00:00+08:00`;
}

// a ratio (完播率) reads as a percentage, everything else as a number
function figure(m) {
  if (m.value == null) return '—';
  return m.unit === 'RATIO' ? `${number(Math.round(m.value * 1000) / 10)}%` : number(m.value);
}

function valueOf(totals, metric) {
  const found = totals.find((m) => m.metric === metric);
  return found ? found.value : null;
}

function pointLabel(start, granularity) {
  const local = new Date(Date.parse(start) + 8 * 3600000).toISOString();
  return granularity === 'HOUR' ? `${local.slice(5, 10)} ${local.slice(11, 16)}` : granularity === 'MONTH' ? local.slice(0, 7) : local.slice(5, 10);
}

export async function analyticsView(container, params, query, isCurrent) {
  document.title = `${t('analytics.title')} · ${t('app.name')}`;
  const to = query.to || today();
  const from = query.from || shift(to, -29);
  const metric = query.metric || 'VIEWS';
  const granularity = GRANULARITIES.includes(query.granularity) ? query.granularity : 'DAY';
  const scope = query.story ? 'story' : query.campaign ? 'campaign' : query.channel ? 'channel' : 'center';
  const body = h('div', { class: 'analytics-body' }, h('p', { class: 'loading', role: 'status' }, t('common.loading')));
  const state = { from, to, metric, granularity, story: query.story, channel: query.channel, campaign: query.campaign };
  const [channelList, campaignData] = await Promise.all([channels().catch(() => []), request(CAMPAIGNS).catch(() => null)]);
  if (!isCurrent()) return;
  const campaignList = campaignData ? [...campaignData.active.nodes, ...campaignData.planned.nodes, ...campaignData.completed.nodes] : [];
  clear(container, h('section', { class: 'analytics', 'aria-labelledby': 'analytics-h' },
    h('h1', { id: 'analytics-h' }, t('analytics.title')), controls(state, channelList, campaignList), body));
  const variables = { range: { from: instant(from), to: instant(shift(to, 1)) }, metric, granularity };
  let data;
  try {
    if (scope === 'story') data = await request(STORY, { ...variables, id: query.story });
    else if (scope === 'channel') data = await request(CHANNEL, { ...variables, id: query.channel });
    else if (scope === 'campaign') data = await request(CAMPAIGN, { ...variables, id: query.campaign });
    else data = await request(TENANT, variables);
  } catch (failure) {
    if (isCurrent()) clear(body, h('p', { class: 'error', role: 'alert' }, failure.message));
    return;
  }
  if (!isCurrent()) return;
  const subject = scope === 'center' ? null : data[scope];
  if (scope !== 'center' && !subject) {
    clear(body, h('p', { class: 'error', role: 'alert' }, t('errors.notFound')));
    return;
  }
  const reach = scope === 'center' ? data.tenantReach : subject.reach;
  const metricName = label('MetricName', metric);
  const heading = scope === 'center' ? t('analytics.center') : scope === 'story' ? subject.title : subject.name;
  const goals = scope === 'campaign' ? subject.goalProgress : [];
  const series = reach.series.map((p) => p.value);
  const hasData = reach.totals.length > 0;
  const byChannel = reach.byChannel.map((c) => ({ name: c.channel.name, value: valueOf(c.totals, metric) })).filter((c) => c.value != null)
    .sort((a, b) => b.value - a.value);
  const byPlatform = reach.byPlatform.map((g) => ({ name: label('Platform', g.key), value: valueOf(g.totals, metric) })).filter((g) => g.value != null)
    .sort((a, b) => b.value - a.value);
  clear(body,
    h('h2', { lang: subject?.language }, heading),
    hasData ? null : h('p', { class: 'empty' }, t('analytics.empty')),
    h('ul', { class: 'totals', 'aria-label': t('analytics.totals') }, reach.totals.map((m) => h('li', { class: m.metric === metric ? 'on' : null },
      h('span', { class: 'k' }, label('MetricName', m.metric)), h('span', { class: 'v' }, figure(m))))),
    h('div', { class: 'chart-grid' },
      chartFigure(t('analytics.overTime', { metric: metricName }), lineOption(reach.series.map((p) => pointLabel(p.start, granularity)), series, metricName),
        { points: series.filter((v) => v != null).length }),
      byChannel.length ? chartFigure(t('analytics.byChannel', { metric: metricName }), barOption(byChannel.map((c) => c.name), byChannel.map((c) => c.value), metricName, { horizontal: true }),
        { height: Math.max(200, byChannel.length * 36 + 40), points: byChannel.length }) : null,
      byPlatform.length ? chartFigure(t('analytics.byPlatform', { metric: metricName }), barOption(byPlatform.map((c) => c.name), byPlatform.map((c) => c.value), metricName),
        { points: byPlatform.length }) : null,
      goals.length ? chartFigure(t('analytics.goals'), goalOption(goals), { height: Math.max(180, goals.length * 44 + 40), points: goals.length }) : null,
      scope === 'center' ? rankings(data, metricName) : null));
}

// goal progress as bars of percent reached, each labelled with its figure and target
function goalOption(goals) {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 150, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: (v) => Math.max(100, Math.ceil(v.max / 10) * 10), axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', inverse: true, data: goals.map((g) => label('MetricName', g.metric)) },
    series: [{ type: 'bar', name: t('analytics.goalShare'), barMaxWidth: 24, data: goals.map((g) => Math.round(g.ratio * 1000) / 10),
      label: { show: true, position: 'right', formatter: (p) => t('analytics.goalLabel', { percent: p.value, value: number(goals[p.dataIndex].value), target: number(goals[p.dataIndex].target) }) } }],
  };
}

function rankings(data, metricName) {
  const top = data.topStories.edges;
  const influence = data.storyInfluence.edges;
  const channelsRanked = [...data.channelInfluence].sort((a, b) => b.index - a.index);
  const list = (edges, valueText) => h('ol', { class: 'ranking' }, edges.map((e) => h('li', {},
    h('a', { href: `/stories/${encodeURIComponent(e.node.id)}`, lang: e.node.language }, e.node.title), h('span', { class: 'v' }, valueText(e.value)))));
  return [
    h('section', { class: 'panel', 'aria-labelledby': 'top-h' }, h('h2', { id: 'top-h' }, t('analytics.topStories', { metric: metricName })),
      top.length ? list(top, number) : h('p', { class: 'muted' }, t('analytics.none'))),
    h('section', { class: 'panel', 'aria-labelledby': 'influence-h' }, h('h2', { id: 'influence-h' }, t('analytics.influence')),
      h('p', { class: 'muted' }, t('analytics.influenceHint')),
      influence.length ? list(influence, (v) => number(Math.round(v * 100) / 100)) : h('p', { class: 'muted' }, t('analytics.none'))),
    channelsRanked.length ? chartFigure(t('analytics.channelInfluence'),
      barOption(channelsRanked.map((c) => c.channel.name), channelsRanked.map((c) => Math.round(c.index * 100) / 100), t('analytics.index'), { horizontal: true }),
      { height: Math.max(200, channelsRanked.length * 36 + 40), points: channelsRanked.length }) : null,
  ];
}

function controls(state, channelList, campaignList) {
  const ids = { from: uid('from'), to: uid('to'), metric: uid('metric'), gran: uid('gran'), channel: uid('channel'), campaign: uid('campaign') };
  const form = h('form', { class: 'panel analytics-controls', 'aria-label': t('analytics.controls') },
    h('div', { class: 'field' }, h('label', { for: ids.from }, t('stories.from')), h('input', { id: ids.from, name: 'from', type: 'date', value: state.from })),
    h('div', { class: 'field' }, h('label', { for: ids.to }, t('stories.to')), h('input', { id: ids.to, name: 'to', type: 'date', value: state.to })),
    h('div', { class: 'field' }, h('label', { for: ids.metric }, t('analytics.metric')), h('select', { id: ids.metric, name: 'metric' },
      METRICS.map((m) => h('option', { value: m, selected: m === state.metric }, label('MetricName', m))))),
    h('div', { class: 'field' }, h('label', { for: ids.gran }, t('analytics.granularity')), h('select', { id: ids.gran, name: 'granularity' },
      GRANULARITIES.map((g) => h('option', { value: g, selected: g === state.granularity }, label('Granularity', g))))),
    state.story ? null : h('div', { class: 'field' }, h('label', { for: ids.channel }, t('analytics.scope')), h('select', { id: ids.channel, name: 'channel' },
      h('option', { value: '' }, t('analytics.center')),
      channelList.map((c) => h('option', { value: c.id, selected: c.id === state.channel }, c.name)))),
    state.story || !campaignList.length ? null : h('div', { class: 'field' }, h('label', { for: ids.campaign }, t('analytics.campaign')), h('select', { id: ids.campaign, name: 'campaign' },
      h('option', { value: '' }, t('analytics.noCampaign')),
      campaignList.map((c) => h('option', { value: c.id, selected: c.id === state.campaign }, c.name)))),
    h('button', { type: 'submit', class: 'primary' }, t('common.apply')),
    state.story ? h('a', { href: href('/analytics', { from: state.from, to: state.to, metric: state.metric, granularity: state.granularity }) }, t('analytics.backToCenter')) : null);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    navigate(href('/analytics', { from: data.get('from'), to: data.get('to'), metric: data.get('metric'), granularity: data.get('granularity'),
      channel: data.get('campaign') ? '' : data.get('channel'), campaign: data.get('campaign'), story: state.story }));
  });
  return form;
}

