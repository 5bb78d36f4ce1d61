// Looks texts up in the message catalogue of the page's language. Only zh-Hans exists today;
// another language is one more catalogue file with the same keys.
import zhHans from './i18n/zh-Hans.js';

const catalogues = { 'zh-Hans': zhHans };
let current = zhHans;
let locale = 'zh-Hans';

export function useLocale(name) {
  if (catalogues[name]) {
    current = catalogues[name];
    locale = name;
    document.documentElement.lang = name;
  }
}

function lookup(key) {
  return key.split('.').reduce((node, part) => (node == null ? undefined : node[part]), current);
}

/** The text under key, with {name} placeholders filled from params; the key itself when missing. */
export function t(key, params = {}) {
  const text = lookup(key);
  if (typeof text !== 'string') return key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (params[name] ?? ''));
}

export function has(key) {
  return typeof lookup(key) === 'string';
}

/** The name people read for an enum value, e.g. label('StoryStatus', 'DRAFT') → 草稿. */
export function label(type, value) {
  if (value == null) return '';
  const key = `enums.${type}.${value}`;
  return has(key) ? t(key) : value;
}

const dateTime = () => new Intl.DateTimeFormat(locale, {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
});

export function when(iso) {
  return iso ? dateTime().format(new Date(iso)) : '';
}

export function number(value) {
  return new Intl.NumberFormat(locale).format(value);
}

export function currentLocale() {
  return locale;
}
