/**
 * The actor filter's search box: a combobox over `/v1/actors?q=`, which finds an actor by any name
 * or alias, whatever its case, accents or hyphens. Enter picks the first match.
 */

import * as api from './api.js';
import { byId } from './dom.js';
import { combobox } from './combobox.js';

/**
 * @param {(id: string) => void} pick
 */
export function actorSearch(pick) {
  const input = /** @type {HTMLInputElement} */ (byId('f-actor'));
  combobox({
    input,
    list: byId('f-actor-options'),
    find: async (q, signal) =>
      (await api.searchActors(q, signal)).data.map((a) => ({ id: a.id, label: a.name })),
    choose: (actor) => {
      input.value = '';
      pick(actor.id);
    },
    none: 'No actor by that name',
    firstChosen: true,
  });
}
