/**
 * A search box that suggests as you type: a WAI-ARIA combobox with a listbox popup. Typing asks
 * `find` (after a pause, the last question only), ↓ and ↑ move through the suggestions, Enter
 * picks the one chosen (or, with none chosen, is left to the form), Escape and leaving close the
 * list. The input and its listbox are in the page; this only drives them.
 */

import { h } from './dom.js';

/**
 * @typedef {{ label: string, kind?: string }} Suggestion
 */

/**
 * @template {Suggestion} S
 * @param {object} options
 * @param {HTMLInputElement} options.input
 * @param {HTMLElement} options.list The listbox (`role="listbox"`), hidden until there is something to show.
 * @param {(q: string, signal: AbortSignal) => Promise<S[]>} options.find
 * @param {(suggestion: S) => void} options.choose
 * @param {string} options.none What the list says when nothing matches.
 * @param {boolean} [options.firstChosen] Whether the first suggestion starts chosen, so that Enter
 *   picks it (a filter that takes only what it suggests); otherwise ↓ chooses one.
 */
export function combobox({ input, list, find, choose, none, firstChosen = false }) {
  /** @type {S[]} */
  let matches = [];
  let active = -1;
  /** @type {AbortController | null} */
  let pending = null;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const optionId = (/** @type {number} */ i) => `${list.id}-${i}`;

  const close = () => {
    pending?.abort();
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const highlight = (/** @type {number} */ index) => {
    active = index;
    for (const [i, option] of [...list.children].entries())
      option.setAttribute('aria-selected', String(i === index));
    if (index >= 0) input.setAttribute('aria-activedescendant', optionId(index));
    else input.removeAttribute('aria-activedescendant');
  };
  const pick = (/** @type {number} */ index) => {
    const match = matches[index];
    if (!match) return;
    close();
    choose(match);
  };
  const render = () => {
    list.replaceChildren(
      ...matches.map((m, i) => {
        const option = h(
          'li',
          { id: optionId(i), role: 'option', 'aria-selected': 'false' },
          m.kind ? h('span', { class: 'option-kind' }, `${m.kind} · `) : null,
          m.label,
        );
        option.addEventListener('mousedown', (event) => event.preventDefault());
        option.addEventListener('click', () => pick(i));
        return option;
      }),
    );
    if (matches.length === 0)
      list.append(
        h('li', { class: 'empty', role: 'option', 'aria-disabled': 'true', 'aria-selected': 'false' }, none),
      );
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    highlight(firstChosen && matches.length > 0 ? 0 : -1);
  };
  const search = async () => {
    const q = input.value.trim();
    pending?.abort();
    if (q.length === 0) return close();
    const controller = (pending = new AbortController());
    try {
      matches = await find(q, controller.signal);
      if (!controller.signal.aborted) render();
    } catch (error) {
      if (!(error instanceof DOMException && error.name === 'AbortError')) close();
    }
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(search, 150);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (list.hidden) return;
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      highlight(Math.min(matches.length - 1, Math.max(0, active + step)));
    } else if (event.key === 'Enter') {
      clearTimeout(timer);
      if (!list.hidden && active >= 0) {
        event.preventDefault();
        pick(active);
      } else close();
    } else if (event.key === 'Escape') close();
  });
  input.addEventListener('blur', close);
}
