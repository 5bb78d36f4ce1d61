// Form fields that show the server's user errors where they belong.
import { userErrorMessage } from './api.js';
import { h, uid } from './dom.js';
import { t } from './i18n.js';

/** A labelled control; its error slot is found by the field path key (e.g. versions.0.title). */
export function field(key, labelText, control, hint) {
  const id = uid(key.replace(/\W/g, '-'));
  const errorId = `${id}-error`;
  const hintId = hint ? `${id}-hint` : null;
  control.id = id;
  control.dataset.field = key;
  control.setAttribute('aria-describedby', [hintId, errorId].filter(Boolean).join(' '));
  return h('div', { class: 'field', dataset: { field: key } },
    h('label', { for: id }, labelText), control,
    hint ? h('small', { id: hintId, class: 'muted' }, hint) : null,
    h('p', { id: errorId, class: 'field-error', dataset: { errorFor: key } }));
}

export function clearErrors(form) {
  for (const slot of form.querySelectorAll('[data-error-for]')) slot.textContent = '';
  for (const control of form.querySelectorAll('[aria-invalid]')) control.removeAttribute('aria-invalid');
}

/**
 * Puts each user error under its field (the path after "input"); errors of no field on the
 * page go to the summary. Focuses the first field at fault. Returns how many there were.
 */
export function showErrors(form, summary, errors) {
  clearErrors(form);
  const loose = [];
  let first = null;
  for (const error of errors) {
    const path = (error.field || []).slice(error.field && error.field[0] === 'input' ? 1 : 0);
    let key = path.join('.');
    let slot = null;
    while (key && !(slot = form.querySelector(`[data-error-for="${CSS.escape(key)}"]`))) {
      key = key.includes('.') ? key.slice(0, key.lastIndexOf('.')) : '';
    }
    if (slot) {
      slot.textContent = [slot.textContent, userErrorMessage(error)].filter(Boolean).join(' ');
      const control = form.querySelector(`[data-field="${CSS.escape(key)}"]:is(input,select,textarea)`);
      if (control) {
        control.setAttribute('aria-invalid', 'true');
        first = first || control;
      }
    } else {
      loose.push(userErrorMessage(error));
    }
  }
  summary.replaceChildren();
  if (errors.length) {
    summary.append(h('p', {}, t('edit.fix', { count: errors.length })));
    if (loose.length) summary.append(h('ul', {}, loose.map((m) => h('li', {}, m))));
  }
  if (first) first.focus();
  return errors.length;
}
