// A center's administration: users and their roles, channels and their delivery settings.
import { request, userErrorMessage } from '../api.js';
import { channels } from '../channels.js';
import { clear, h, uid } from '../dom.js';
import { field, showErrors } from '../form.js';
import { label, t, when } from '../i18n.js';
import { hasRole } from '../session.js';

const USERS = `query { users { id username displayName roles createdAt } }`;
const CREATE_USER = `mutation createUser($input: CreateUserInput!) { createUser(input: $input) { user { id } userErrors { field code message } } }`;
const GRANT = `mutation grant($input: GrantRolesInput!) { grantRoles(input: $input) { user { id roles } userErrors { field code message } } }`;
const CLEAR = `mutation clearThrottle($input: ClearLoginThrottleInput!) { clearLoginThrottle(input: $input) { user { id } userErrors { field code message } } }`;
const CREATE_CHANNEL = `mutation createChannel($input: CreateChannelInput!) { createChannel(input: $input) { channel { id } userErrors { field code message } } }`;
const UPDATE_CHANNEL = `mutation updateChannel($input: UpdateChannelInput!) { updateChannel(input: $input) { channel { id } userErrors { field code message } } }`;

const ROLES = ['REPORTER', 'EDITOR', 'SENIOR_EDITOR', 'CHIEF_EDITOR', 'ANALYST', 'ADMIN'];
const PLATFORMS = ['TV', 'RADIO', 'NEWSPAPER', 'WEBSITE', 'APP', 'WECHAT_OFFICIAL_ACCOUNT', 'WECHAT_CHANNELS', 'WECHAT_MINI_PROGRAM', 'WEIBO', 'DOUYIN', 'KUAISHOU', 'XUEXI_QIANGGUO', 'PARTNER_OUTLET', 'OUTDOOR_SCREEN', 'SMS'];
const MEDIA = ['BROADCAST', 'PRINT', 'WEB', 'SOCIAL', 'SHORT_VIDEO', 'OUTDOOR', 'DIRECT'];

export async function adminView(container, params, query, isCurrent) {
  document.title = `${t('admin.title')} · ${t('app.name')}`;
  if (!hasRole('ADMIN', 'CHIEF_EDITOR')) {
    clear(container, h('section', { class: 'panel empty' }, h('h1', {}, t('admin.title')), h('p', {}, t('admin.forbidden'))));
    return;
  }
  const users = h('section', { class: 'panel', 'aria-labelledby': 'users-h' }, h('h2', { id: 'users-h' }, t('admin.users')), h('p', { class: 'loading' }, t('common.loading')));
  const chans = h('section', { class: 'panel', 'aria-labelledby': 'channels-h' }, h('h2', { id: 'channels-h' }, t('admin.channels')), h('p', { class: 'loading' }, t('common.loading')));
  clear(container, h('div', { class: 'admin' }, h('h1', {}, t('admin.title')), users, chans));
  await Promise.all([renderUsers(users, isCurrent), renderChannels(chans, isCurrent)]);
}

async function renderUsers(section, isCurrent) {
  const heading = section.firstChild;
  let list;
  try {
    ({ users: list } = await request(USERS));
  } catch (failure) {
    clear(section, heading, h('p', { class: 'error', role: 'alert' }, failure.message));
    return;
  }
  if (!isCurrent()) return;
  const status = h('p', { role: 'status', class: 'notice' });
  const rows = list.map((user) => {
    const pick = uid('grant');
    const select = h('select', { id: pick }, h('option', { value: '' }, t('admin.pickRoles')),
      ROLES.filter((r) => !user.roles.includes(r)).map((r) => h('option', { value: r }, label('Role', r))));
    const rowError = h('span', { class: 'field-error' });
    return h('tr', {},
      h('td', {}, user.username), h('td', {}, user.displayName), h('td', {}, user.roles.map((r) => label('Role', r)).join('、')),
      h('td', {}, when(user.createdAt)),
      h('td', { class: 'row-actions' },
        h('label', { for: pick, class: 'visually-hidden' }, `${t('admin.grant')}：${user.username}`), select,
        h('button', { type: 'button', onclick: async () => {
          if (!select.value) return;
          const { grantRoles } = await act(GRANT, { input: { userId: user.id, roles: [select.value] } }, rowError);
          if (grantRoles && !grantRoles.userErrors.length) { status.textContent = t('admin.granted'); renderUsers(section, isCurrent); }
        } }, t('admin.grant')),
        hasRole('ADMIN') ? h('button', { type: 'button', class: 'quiet', onclick: async () => {
          const { clearLoginThrottle } = await act(CLEAR, { input: { userId: user.id } }, rowError);
          if (clearLoginThrottle && !clearLoginThrottle.userErrors.length) status.textContent = t('admin.throttleCleared');
        } }, t('admin.clearThrottle')) : null,
        rowError));
  });
  clear(section, heading, status,
    h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, [t('admin.username'), t('admin.displayName'), t('admin.roles'), t('admin.createdAt'), t('story.actions')].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows))),
    hasRole('ADMIN') ? newUserForm(section, isCurrent) : null);
}

async function act(document, variables, errorSlot) {
  errorSlot.textContent = '';
  try {
    const data = await request(document, variables);
    const payload = Object.values(data)[0];
    if (payload.userErrors.length) errorSlot.textContent = payload.userErrors.map(userErrorMessage).join(' ');
    return data;
  } catch (failure) {
    errorSlot.textContent = failure.message;
    return {};
  }
}

function newUserForm(section, isCurrent) {
  const summary = h('div', { class: 'form-summary', role: 'alert' });
  const roles = h('fieldset', { class: 'roles' }, h('legend', {}, t('admin.roles')),
    ROLES.map((r) => { const id = uid('role'); return h('span', { class: 'check' }, h('input', { type: 'checkbox', id, name: 'roles', value: r }), h('label', { for: id }, label('Role', r))); }),
    h('p', { class: 'field-error', dataset: { errorFor: 'roles' } }));
  const form = h('form', { class: 'inline-form', novalidate: true, 'aria-labelledby': 'new-user-h' },
    h('h3', { id: 'new-user-h' }, t('admin.newUser')), summary,
    h('div', { class: 'row' },
      field('username', t('admin.username'), h('input', { name: 'username', autocomplete: 'off' })),
      field('displayName', t('admin.displayName'), h('input', { name: 'displayName', autocomplete: 'off' })),
      field('password', t('admin.password'), h('input', { name: 'password', type: 'password', autocomplete: 'new-password' }), t('admin.passwordHint'))),
    roles, h('button', { type: 'submit', class: 'primary' }, t('common.create')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    try {
      const { createUser } = await request(CREATE_USER, { input: {
        username: String(data.get('username')).trim(), displayName: String(data.get('displayName')).trim(),
        password: String(data.get('password')), roles: data.getAll('roles') } });
      if (showErrors(form, summary, createUser.userErrors)) return;
      await renderUsers(section, isCurrent);
      section.querySelector('[role=status]').textContent = t('admin.userCreated');
    } catch (failure) {
      summary.replaceChildren(h('p', {}, failure.message));
    }
  });
  return form;
}

function channelFields(channel = {}) {
  return [
    h('div', { class: 'row' },
      field('name', t('admin.name'), h('input', { name: 'name', value: channel.name || '' })),
      field('platform', t('admin.platform'), h('select', { name: 'platform' }, PLATFORMS.map((p) => h('option', { value: p, selected: channel.platform === p }, label('Platform', p))))),
      field('medium', t('admin.medium'), h('select', { name: 'medium' }, MEDIA.map((m) => h('option', { value: m, selected: channel.medium === m }, label('Medium', m)))))),
    h('div', { class: 'row' },
      field('handle', t('admin.handle'), h('input', { name: 'handle', value: channel.handle || '' })),
      field('maxPostsPerDay', t('admin.maxPostsPerDay'), h('input', { name: 'maxPostsPerDay', type: 'number', min: 1, max: 1000, inputmode: 'numeric', value: channel.maxPostsPerDay ?? '' }))),
    channel.id ? h('fieldset', { class: 'delivery' }, h('legend', {}, t('admin.delivery')),
      h('div', { class: 'row' },
        field('delivery.mode', t('admin.deliveryMode'), h('select', { name: 'deliveryMode' },
          h('option', { value: '' }, t('admin.deliveryNone')),
          ['MANUAL', 'WEBHOOK'].map((m) => h('option', { value: m, selected: channel.delivery?.mode === m }, label('DeliveryMode', m))))),
        field('delivery.webhookUrl', t('admin.webhookUrl'), h('input', { name: 'webhookUrl', type: 'url', value: channel.delivery?.webhookUrl || '' })),
        field('delivery.secret', t('admin.secret'), h('input', { name: 'secret', type: 'password', autocomplete: 'new-password' }),
          channel.delivery?.secretSet ? t('admin.secretSet') : t('admin.secretHint')))) : null,
  ];
}

function channelInput(form) {
  const data = new FormData(form);
  const max = String(data.get('maxPostsPerDay')).trim();
  const input = { name: String(data.get('name')).trim(), platform: data.get('platform'), medium: data.get('medium'),
    handle: String(data.get('handle')).trim(), maxPostsPerDay: max === '' ? null : Number(max) };
  const mode = data.get('deliveryMode');
  if (mode) {
    input.delivery = { mode, webhookUrl: mode === 'WEBHOOK' ? String(data.get('webhookUrl')).trim() || null : null };
    const secret = String(data.get('secret') || '');
    if (mode === 'WEBHOOK' && secret) input.delivery.secret = secret;
  }
  return input;
}

async function renderChannels(section, isCurrent) {
  const heading = section.firstChild;
  let list;
  try {
    list = await channels({ fresh: true });
  } catch (failure) {
    clear(section, heading, h('p', { class: 'error', role: 'alert' }, failure.message));
    return;
  }
  if (!isCurrent()) return;
  const status = h('p', { role: 'status', class: 'notice' });
  const saved = async () => { await renderChannels(section, isCurrent); section.querySelector('[role=status]').textContent = t('admin.channelSaved'); };
  clear(section, heading, status, h('ul', { class: 'channel-list' }, list.map((channel) => {
    const summary = h('div', { class: 'form-summary', role: 'alert' });
    const form = h('form', { class: 'inline-form', novalidate: true }, summary, channelFields(channel),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('common.save')),
        h('button', { type: 'button', onclick: async () => {
          const { updateChannel } = await request(UPDATE_CHANNEL, { input: { id: channel.id, active: !channel.active } });
          if (!showErrors(form, summary, updateChannel.userErrors)) await saved();
        } }, channel.active ? t('admin.deactivate') : t('admin.activate'))));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        const { updateChannel } = await request(UPDATE_CHANNEL, { input: { id: channel.id, ...channelInput(form) } });
        if (!showErrors(form, summary, updateChannel.userErrors)) await saved();
      } catch (failure) {
        summary.replaceChildren(h('p', {}, failure.message));
      }
    });
    return h('li', {}, h('details', {}, h('summary', {}, h('strong', {}, channel.name), ` · ${label('Platform', channel.platform)} · ${label('Medium', channel.medium)}`,
      channel.maxPostsPerDay ? ` · ${t('admin.maxPostsPerDay')} ${channel.maxPostsPerDay}` : '',
      channel.active ? '' : h('span', { class: 'badge s-archived' }, t('admin.inactive'))), form));
  })), newChannelForm(saved));
}

function newChannelForm(saved) {
  const summary = h('div', { class: 'form-summary', role: 'alert' });
  const form = h('form', { class: 'inline-form', novalidate: true, 'aria-labelledby': 'new-channel-h' },
    h('h3', { id: 'new-channel-h' }, t('admin.newChannel')), summary, channelFields(), h('button', { type: 'submit', class: 'primary' }, t('common.create')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const input = channelInput(form);
      if (!input.handle) delete input.handle;
      const { createChannel } = await request(CREATE_CHANNEL, { input });
      if (!showErrors(form, summary, createChannel.userErrors)) await saved();
    } catch (failure) {
      summary.replaceChildren(h('p', {}, failure.message));
    }
  });
  return form;
}
