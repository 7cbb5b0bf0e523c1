/**
 * The actor filter's search box: a WAI-ARIA combobox with a listbox popup over `/v1/actors?q=`,
 * which finds an actor by any name or alias, whatever its case, accents or hyphens.
 */

import * as api from './api.js';
import { byId, h } from './dom.js';

/**
 * The actor combobox (WAI-ARIA combobox with a listbox popup): typing asks `/v1/actors?q=`, arrow
 * keys move through the matches, Enter picks one, Escape closes the list.
 *
 * @param {(id: string) => void} pick
 */
export function actorSearch(pick) {
  const input = /** @type {HTMLInputElement} */ (byId('f-actor'));
  const list = byId('f-actor-options');
  /** @type {{ id: string, name: string }[]} */
  let matches = [];
  let active = -1;
  /** @type {AbortController | null} */
  let pending = null;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const highlight = (/** @type {number} */ index) => {
    active = index;
    for (const [i, option] of [...list.children].entries())
      option.setAttribute('aria-selected', String(i === index));
    if (index >= 0) input.setAttribute('aria-activedescendant', `f-actor-option-${index}`);
    else input.removeAttribute('aria-activedescendant');
  };
  const choose = (/** @type {number} */ index) => {
    const match = matches[index];
    if (!match) return;
    input.value = '';
    close();
    pick(match.id);
  };
  const render = () => {
    list.replaceChildren(
      ...matches.map((m, i) => {
        const option = h(
          'li',
          { id: `f-actor-option-${i}`, role: 'option', 'aria-selected': 'false' },
          m.name,
        );
        option.addEventListener('mousedown', (event) => event.preventDefault());
        option.addEventListener('click', () => choose(i));
        return option;
      }),
    );
    if (matches.length === 0)
      list.append(
        h(
          'li',
          { class: 'empty', role: 'option', 'aria-disabled': 'true', 'aria-selected': 'false' },
          'No actor by that name',
        ),
      );
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    highlight(matches.length > 0 ? 0 : -1);
  };
  const search = async () => {
    const q = input.value.trim();
    pending?.abort();
    if (q.length === 0) return close();
    pending = new AbortController();
    try {
      const answer = await api.searchActors(q, pending.signal);
      matches = answer.data.map((a) => ({ id: a.id, name: a.name }));
      render();
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
      event.preventDefault();
      if (!list.hidden && active >= 0) choose(active);
    } else if (event.key === 'Escape') close();
  });
  input.addEventListener('blur', close);
}
