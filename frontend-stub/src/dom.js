// A few helpers to build the page from data without ever parsing HTML (no innerHTML anywhere).

/** h('a', { href, class, onclick }, child, …): an element with attributes, handlers and children. */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value == null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      element.className = value;
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name === 'value' || name === 'checked' || name === 'selected') {
      element[name] = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
}

export function clear(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** Text with the given ranges (UTF-16 start/length) wrapped in <mark>. */
export function highlighted(text, ranges = []) {
  const parts = [];
  let at = 0;
  for (const { start, length } of [...ranges].sort((a, b) => a.start - b.start)) {
    if (start < at) continue;
    parts.push(text.slice(at, start), h('mark', {}, text.slice(start, start + length)));
    at = start + length;
  }
  parts.push(text.slice(at));
  return parts;
}

/** A stable id for labelling, e.g. uid('title') → f-title-3. */
let counter = 0;
export function uid(prefix) {
  counter += 1;
  return `f-${prefix}-${counter}`;
}
