import { request, userErrorMessage } from '../api.js';
import { h, uid } from '../dom.js';
import { t } from '../i18n.js';
import * as session from '../session.js';

const LOGIN = `mutation login($input: LoginInput!) {
  login(input: $input) {
    token expiresAt retryAfterSeconds
    user { id username displayName roles tenant { name slug } }
    userErrors { field code message }
  }
}`;

/** A sign-in form; signs in and calls onDone. Prefills the center and user of an expired session. */
export function signInForm({ heading = t('signIn.title'), note, who, level = 1 } = {}) {
  const ids = { tenant: uid('tenant'), username: uid('username'), password: uid('password'), hint: uid('hint'), error: uid('error') };
  const error = h('p', { class: 'error', id: ids.error, role: 'alert' });
  const button = h('button', { type: 'submit', class: 'primary' }, t('signIn.submit'));
  const form = h('form', { class: 'panel signin', 'aria-labelledby': `${ids.tenant}-h`, novalidate: true },
    h(`h${level}`, { id: `${ids.tenant}-h` }, heading),
    note ? h('p', { class: 'notice' }, note) : null,
    h('label', { for: ids.tenant }, t('signIn.center')),
    h('input', { id: ids.tenant, name: 'tenant', autocomplete: 'organization', 'aria-describedby': ids.hint, value: who?.tenant?.slug || '' }),
    h('small', { id: ids.hint, class: 'muted' }, t('signIn.centerHint')),
    h('label', { for: ids.username }, t('signIn.username')),
    h('input', { id: ids.username, name: 'username', required: true, autocomplete: 'username', value: who?.username || '' }),
    h('label', { for: ids.password }, t('signIn.password')),
    h('input', { id: ids.password, name: 'password', type: 'password', required: true, autocomplete: 'current-password' }),
    button, error);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    error.textContent = '';
    if (!data.get('username') || !data.get('password')) {
      error.textContent = `${t('signIn.username')}、${t('signIn.password')}${t('common.required')}`;
      return;
    }
    button.disabled = true;
    button.textContent = t('signIn.busy');
    try {
      const input = { tenant: String(data.get('tenant')).trim() || null, username: String(data.get('username')).trim(), password: data.get('password') };
      const { login } = await request(LOGIN, { input });
      if (login.userErrors.length) {
        const first = login.userErrors[0];
        error.textContent = first.code === 'THROTTLED' && login.retryAfterSeconds
          ? t('signIn.throttled', { seconds: login.retryAfterSeconds }) : userErrorMessage(first);
        form.querySelector('input[name=password]').focus();
        return;
      }
      session.signIn({ token: login.token, expiresAt: login.expiresAt, user: login.user });
    } catch (failure) {
      error.textContent = failure.message;
    } finally {
      button.disabled = false;
      button.textContent = t('signIn.submit');
    }
  });
  return form;
}
