/**
 * The filter form: dates, actors (searched by name or alias through the API), type, sources and
 * verdict. Actors and sources are lists: each chosen one is a chip that removes it. It only
 * reflects the state and reports changes; the URL holds the state.
 */

import * as api from './api.js';
import { byId, h } from './dom.js';
import { actorSearch } from './actor-search.js';
import { count, shorten, words } from './format.js';
import { emptyState } from './state.js';

/**
 * @typedef {import('./state.js').ViewState} ViewState
 * @typedef {import('./api-types').FacetCounts} FacetCounts
 * @typedef {(changes: Partial<ViewState>) => void} Change
 */

/**
 * @param {Change} change
 */
export function setupFilters(change) {
  const from = /** @type {HTMLInputElement} */ (byId('f-from'));
  const to = /** @type {HTMLInputElement} */ (byId('f-to'));
  const type = /** @type {HTMLSelectElement} */ (byId('f-type'));
  const source = /** @type {HTMLSelectElement} */ (byId('f-source'));
  const status = /** @type {HTMLSelectElement} */ (byId('f-status'));
  const dateMatch = /** @type {HTMLSelectElement} */ (byId('f-date-match'));
  const chips = byId('f-actor-chips');
  const sourceChips = byId('f-source-chips');
  /** @type {ViewState | null} */
  let current = null;
  /** @type {{ from: string, to: string } | null} */
  let shownWindow = null;

  // Every control applies as it changes; Enter in a field must not submit (and reload) the page.
  byId('filters').addEventListener('submit', (event) => event.preventDefault());
  // A date typed digit by digit is valid several times on the way (2, 20, 202, 2020): it applies
  // once the typing pauses, or when the field is left.
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let typing;
  // Only what the person changed applies: tabbing through the fields changes nothing.
  let edited = false;
  const dates = () => {
    clearTimeout(typing);
    if (!edited) return;
    edited = false;
    const wanted =
      from.value && to.value && from.value <= to.value
        ? { from: from.value, to: to.value }
        : !from.value && !to.value
          ? { from: null, to: null }
          : null;
    if (wanted && (wanted.from !== current?.from || wanted.to !== current?.to)) change(wanted);
  };
  for (const input of [from, to]) {
    input.addEventListener('change', () => {
      edited = true;
      clearTimeout(typing);
      typing = setTimeout(dates, 700);
    });
    input.addEventListener('blur', (event) => {
      // From one end of the range to the other: the range is still being edited.
      if (event.relatedTarget === from || event.relatedTarget === to) clearTimeout(typing);
      else dates();
    });
  }
  dateMatch.addEventListener('change', () =>
    change({ dateMatch: dateMatch.value === 'within' ? 'within' : 'overlap' }),
  );
  type.addEventListener('change', () => change({ types: type.value ? [type.value] : [] }));
  // The source select adds one more source (any of them matches), as the actor search adds actors.
  source.addEventListener('change', () => {
    if (current && source.value && !current.sources.includes(source.value))
      change({ sources: [...current.sources, source.value] });
  });
  status.addEventListener('change', () =>
    change({ status: /** @type {ViewState['status']} */ (status.value || null) }),
  );
  byId('f-clear').addEventListener('click', () => {
    // Every filter as an empty state has it; what is open below the timeline stays.
    const {
      event: _event,
      profile: _profile,
      q: _q,
      quotes: _quotes,
      compare: _compare,
      ...cleared
    } = emptyState();
    change(cleared);
  });
  actorSearch((id) => {
    if (current && !current.actors.includes(id)) change({ actors: [...current.actors, id] });
  });

  return {
    /**
     * Shows a state in the form.
     *
     * @param {ViewState} state
     * @param {{ from: string, to: string } | null} window The window shown (when the URL names none).
     */
    reflect(state, window) {
      current = state;
      const active =
        state.actors.length +
        state.types.length +
        state.sources.length +
        (state.status ? 1 : 0) +
        (state.from ? 1 : 0) +
        (state.dateMatch === 'within' ? 1 : 0);
      byId('filters-summary').textContent = active > 0 ? `Filters · ${active} active` : 'Filters';
      const clear = byId('f-clear');
      (clear.parentElement ?? clear).hidden = active === 0;
      edited = false;
      from.value = state.from ?? window?.from ?? '';
      to.value = state.to ?? window?.to ?? '';
      shownWindow = window;
      ensureOption(type, state.types, (v) => words(v));
      source.value = '';
      sourceChips.replaceChildren(
        ...chipItems(
          state.sources,
          (sources) => change({ sources }),
          async (id) => {
            const meta = await api.source(id);
            return `${meta.outlet}: ${shorten(meta.title, 40)}`;
          },
        ),
      );
      status.value = state.status ?? '';
      dateMatch.value = state.dateMatch;
      chips.replaceChildren(
        ...chipItems(
          state.actors,
          (actors) => change({ actors }),
          async (id) => (await api.actor(id)).name,
        ),
      );
    },

    /**
     * Shows the window the page chose (when the URL names none) in the date fields, unless the
     * person is editing them.
     *
     * @param {{ from: string, to: string }} window
     */
    showWindow(window) {
      if (current?.from || edited || document.activeElement === from || document.activeElement === to) return;
      if (shownWindow?.from === window.from && shownWindow.to === window.to) return;
      from.value = window.from;
      to.value = window.to;
      shownWindow = window;
    },

    /**
     * The choices of type and source, with their counts in the window.
     *
     * @param {{ type?: FacetCounts, source?: FacetCounts }} facets
     * @param {ViewState} state
     */
    async options(facets, state) {
      fill(type, 'Any type', facets.type?.values ?? [], (v) => words(v), state.types);
      // The sources not chosen yet: the select adds one.
      const values = (facets.source?.values ?? []).filter((v) => !state.sources.includes(v.value));
      const metas = await Promise.all(values.map((v) => api.source(v.value).catch(() => null)));
      fill(
        source,
        state.sources.length > 0 ? 'Add a source' : 'Any source',
        values,
        (v, i) => {
          const meta = metas[i];
          return meta ? `${meta.outlet}: ${shorten(meta.title, 48)}` : v;
        },
        [],
      );
    },
  };
}

/**
 * The chosen actors or sources, each a list item with a button that removes it (`keep` gets the
 * rest): its id until `nameOf` has given its name.
 *
 * @param {string[]} ids
 * @param {(rest: string[]) => void} keep
 * @param {(id: string) => Promise<string>} nameOf
 */
function chipItems(ids, keep, nameOf) {
  return ids.map((id) => {
    const button = h(
      'button',
      { type: 'button', class: 'chip', 'aria-label': `Remove ${id}` },
      id,
      h('span', { 'aria-hidden': 'true' }, ' ×'),
    );
    button.addEventListener('click', () => keep(ids.filter((other) => other !== id)));
    nameOf(id).then(
      (name) => {
        button.firstChild?.replaceWith(name);
        button.setAttribute('aria-label', `Remove the filter on ${name}`);
      },
      () => undefined,
    );
    return h('li', {}, button);
  });
}

/**
 * Replaces a select's options with facet values, keeping the chosen one.
 *
 * @param {HTMLSelectElement} select
 * @param {string} any The label of "no filter".
 * @param {{ value: string, count: number }[]} values
 * @param {(value: string, index: number) => string} label
 * @param {string[]} chosen
 */
function fill(select, any, values, label, chosen) {
  const options = values.map((v, i) =>
    h('option', { value: v.value }, `${label(v.value, i)} (${count(v.count, 'event')})`),
  );
  select.replaceChildren(h('option', { value: '' }, any), ...options);
  ensureOption(select, chosen, (v) => label(v, -1));
}

/**
 * Selects the state's value, adding an option for it when the select has none.
 *
 * @param {HTMLSelectElement} select
 * @param {string[]} chosen
 * @param {(value: string) => string} label
 */
function ensureOption(select, chosen, label) {
  const value = chosen[0] ?? '';
  if (value && ![...select.options].some((o) => o.value === value))
    select.append(h('option', { value }, label(value)));
  select.value = value;
}
