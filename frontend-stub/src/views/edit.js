// Write a new story or edit one, with its channel versions. User errors appear at their field;
// a story changed by someone else meanwhile is explained, with a way to load the newer one.
import { request } from '../api.js';
import { channels } from '../channels.js';
import { clear, h } from '../dom.js';
import { field, showErrors, clearErrors } from '../form.js';
import { label, t } from '../i18n.js';
import { navigate } from '../router.js';
import { STORY_FIELDS } from './story.js';

const STORY = `query story($id: ID!) { story(id: $id) { ${STORY_FIELDS} } }`;
const CREATE = `mutation createStory($input: CreateStoryInput!) {
  createStory(input: $input) { story { id revision } userErrors { field code message } }
}`;
const UPDATE = `mutation updateStory($input: UpdateStoryInput!) {
  updateStory(input: $input) { story { id revision } userErrors { field code message } }
}`;
const CORRECT = `mutation correctStory($input: CorrectStoryInput!) {
  correctStory(input: $input) { story { id revision } userErrors { field code message } }
}`;
const REVISION = `query revision($id: ID!) { story(id: $id) { id revision } }`;

const FORMATS = ['TV_SEGMENT', 'RADIO_SEGMENT', 'PRINT_ARTICLE', 'WEB_ARTICLE', 'SHORT_VIDEO', 'LIVE_STREAM', 'SOCIAL_POST', 'SCREEN_SPOT', 'SMS_MESSAGE'];
const MEDIA = ['BROADCAST', 'PRINT', 'WEB', 'SOCIAL', 'SHORT_VIDEO', 'OUTDOOR', 'DIRECT'];
const LANGUAGES = ['zh-Hans', 'bo'];

export async function editView(container, params, query, isCurrent) {
  const id = params.id || null;
  document.title = `${t(id ? 'edit.editTitle' : 'edit.newTitle')} · ${t('app.name')}`;
  clear(container, h('p', { class: 'loading', role: 'status' }, t('common.loading')));
  const [all, story] = await Promise.all([channels(), id ? request(STORY, { id }).then((d) => d.story) : null]);
  if (!isCurrent()) return;
  if (id && !story) {
    clear(container, h('p', { class: 'error', role: 'alert' }, t('story.notFound')));
    return;
  }
  clear(container, storyForm(all.filter((c) => c.active || story?.versions.some((v) => v.channel?.id === c.id)), story));
  container.querySelector('input[name=title]').focus();
}

function storyForm(channelList, story) {
  const summary = h('div', { class: 'form-summary', role: 'alert' });
  const conflict = h('div', { class: 'conflict', hidden: true });
  const versionList = h('div', { class: 'version-list' });
  let revision = story ? story.revision : null;
  // a published story is not edited but corrected: the corrected text goes through review again
  const correcting = Boolean(story && ['PUBLISHED', 'CORRECTED'].includes(story.status));
  const form = h('form', { class: 'panel story-form', novalidate: true, 'aria-labelledby': 'edit-h' },
    h('h1', { id: 'edit-h' }, correcting ? t('edit.correctTitle') : story ? t('edit.editTitle') : t('edit.newTitle')),
    correcting ? h('p', { class: 'notice' }, t('edit.correctNote')) : null,
    summary, conflict,
    field('title', t('edit.title'), h('input', { name: 'title', value: story?.title || '', maxlength: 200, required: true, 'aria-required': 'true' })),
    field('summary', t('edit.summary'), h('textarea', { name: 'summary', rows: 2, value: story?.summary || '' })),
    field('body', t('edit.body'), h('textarea', { name: 'body', rows: 10, value: story?.body || '' })),
    h('div', { class: 'row' },
      field('language', t('edit.language'), h('select', { name: 'language' },
        [...new Set([...LANGUAGES, story?.language].filter(Boolean))].map((l) => h('option', { value: l, selected: (story?.language || 'zh-Hans') === l }, label('Language', l))))),
      field('region', t('edit.region'), h('input', { name: 'region', value: story?.region || '' }))),
    field('tags', t('edit.tags'), h('input', { name: 'tags', value: (story?.tags || []).join('、') }), t('edit.tagsHint')),
    field('bylines', t('edit.bylines'), h('textarea', { name: 'bylines', rows: 2, value: (story?.bylines || []).join('\n') }), t('edit.bylinesHint')),
    h('fieldset', { class: 'versions-edit' }, h('legend', {}, t('edit.versions')), versionList,
      h('p', { class: 'field-error', dataset: { errorFor: 'versions' } }),
      h('button', { type: 'button', onclick: () => { addVersion(versionList, channelList); renumber(versionList); } }, `+ ${t('edit.addVersion')}`)),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, correcting ? t('edit.submitCorrection') : story ? t('edit.save') : t('edit.create')),
      h('a', { href: story ? `/stories/${encodeURIComponent(story.id)}` : '/stories', class: 'button quiet' }, t('edit.cancel'))));
  for (const version of story?.versions || []) addVersion(versionList, channelList, version);
  renumber(versionList);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    clearErrors(form);
    summary.replaceChildren();
    try {
      const input = read(form, versionList);
      let payload;
      if (correcting) {
        ({ correctStory: payload } = await request(CORRECT, { input: { id: story.id, expectedRevision: revision, ...input } }));
      } else if (story) {
        ({ updateStory: payload } = await request(UPDATE, { input: { id: story.id, expectedRevision: revision, ...input } }));
      } else {
        ({ createStory: payload } = await request(CREATE, { input }));
      }
      const conflicted = payload.userErrors.find((e) => e.code === 'CONFLICT');
      if (conflicted && story) {
        await explainConflict(conflict, story, (latest) => { revision = latest; });
        return;
      }
      if (showErrors(form, summary, payload.userErrors)) return;
      navigate(`/stories/${encodeURIComponent(payload.story.id)}`);
    } catch (failure) {
      summary.replaceChildren(h('p', {}, failure.message));
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

async function explainConflict(box, story, keep) {
  let latest = '?';
  try {
    latest = (await request(REVISION, { id: story.id })).story.revision;
  } catch {
    // the explanation stands without the number
  }
  box.hidden = false;
  clear(box, h('p', { role: 'alert' }, t('edit.conflict', { revision: latest })),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'primary', onclick: () => navigate(window.location.href, { replace: true }) }, t('edit.reloadLatest')),
      h('button', { type: 'button', onclick: () => { box.hidden = true; } }, t('edit.keepMine'))));
  box.querySelector('button').focus();
  void keep;
}

function split(text, pattern) {
  return text.split(pattern).map((s) => s.trim()).filter(Boolean);
}

function read(form, versionList) {
  const data = new FormData(form);
  const input = {
    title: String(data.get('title')),
    summary: String(data.get('summary')),
    body: String(data.get('body')),
    language: String(data.get('language')),
    region: String(data.get('region')).trim(),
    tags: split(String(data.get('tags')), /[,，、;；]/),
    bylines: split(String(data.get('bylines')), /\n/),
    versions: [...versionList.children].map((block) => {
      const get = (name) => block.querySelector(`[name=${name}]`).value;
      const duration = get('durationSeconds').trim();
      return {
        channelId: get('channelId') || null,
        medium: get('channelId') ? null : get('medium'),
        format: get('format'),
        title: get('versionTitle'),
        body: get('versionBody'),
        durationSeconds: duration === '' ? null : Number(duration),
      };
    }),
  };
  if (!input.region) input.region = null;
  return input;
}

function addVersion(list, channelList, version = {}) {
  const n = list.children.length;
  const key = (name) => `versions.${n}.${name}`;
  const mediumField = field(key('medium'), t('edit.medium'), h('select', { name: 'medium' },
    MEDIA.map((m) => h('option', { value: m, selected: version.medium === m }, label('Medium', m)))));
  const channelSelect = h('select', { name: 'channelId' },
    h('option', { value: '' }, t('edit.noChannelOption')),
    channelList.map((c) => h('option', { value: c.id, selected: version.channel?.id === c.id }, `${c.name}（${label('Platform', c.platform)}）`)));
  const syncMedium = () => { mediumField.hidden = Boolean(channelSelect.value); };
  channelSelect.addEventListener('change', syncMedium);
  const block = h('fieldset', { class: 'version-edit' }, h('legend', {}, ''),
    h('div', { class: 'row' },
      field(key('channelId'), t('edit.channel'), channelSelect),
      mediumField,
      field(key('format'), t('edit.format'), h('select', { name: 'format' },
        FORMATS.map((f) => h('option', { value: f, selected: version.format === f }, label('StoryFormat', f)))))),
    field(key('title'), t('edit.versionTitle'), h('input', { name: 'versionTitle', value: version.title || '', dataset: {} })),
    field(key('body'), t('edit.versionBody'), h('textarea', { name: 'versionBody', rows: 3, value: version.body || '' })),
    field(key('durationSeconds'), t('edit.duration'), h('input', { name: 'durationSeconds', type: 'number', min: 0, max: 86400, inputmode: 'numeric', value: version.durationSeconds ?? '' })),
    h('p', { class: 'field-error', dataset: { errorFor: `versions.${n}` } }),
    h('button', { type: 'button', class: 'quiet', onclick: () => { block.remove(); renumber(list); } }, t('edit.removeVersion')));
  syncMedium();
  list.append(block);
}

// keep the field keys in step with the positions the server reports (versions.0.title …)
function renumber(list) {
  [...list.children].forEach((block, n) => {
    block.querySelector('legend').textContent = t('edit.version', { n: n + 1 });
    for (const element of block.querySelectorAll('[data-field], [data-error-for]')) {
      for (const attr of ['field', 'errorFor']) {
        if (element.dataset[attr]) element.dataset[attr] = element.dataset[attr].replace(/^versions\.\d+/, `versions.${n}`);
      }
    }
  });
}
