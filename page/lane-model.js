/**
 * The timeline's lanes, without a DOM: one lane per outlet with a bar per date claim, and the links
 * between lanes where outlets tell the same event. Every verdict shown comes from the API; nothing
 * here judges a claim.
 */

import { dateSpan } from './days.js';

/**
 * @typedef {import('./api-types').Event} Event
 * @typedef {import('./api-types').SourceDate} SourceDate
 * @typedef {import('./api-types').ClaimStatus} ClaimStatus
 */

/**
 * @typedef {ClaimStatus | 'undated'} BarStatus `undated`: the outlet reports the event but gives no
 *   date of its own; the bar shows the date the other outlets give.
 *
 * @typedef {object} Bar
 * @property {Event} event
 * @property {string} outlet
 * @property {string[]} sources The articles of the outlet that give this date (or report the event).
 * @property {SourceDate | null} claim The outlet's date claim; null when it gives none.
 * @property {number} start First day.
 * @property {number} end The day after the last: a bar is as wide as its date's precision.
 * @property {BarStatus} status The claim's verdict, as the API gives it.
 *
 * @typedef {object} Lane
 * @property {string} outlet
 * @property {string[]} sources The outlet's articles among the events drawn.
 * @property {number} events How many events of the window the outlet reports.
 * @property {Bar[]} bars In order of start, then end.
 *
 * @typedef {'contested' | 'compatible' | 'corroborated' | 'shared'} LinkKind
 *
 * @typedef {object} Link
 * @property {Bar} from A bar in an upper lane.
 * @property {Bar} to The same event's bar in the next lane down that reports it.
 * @property {LinkKind} kind
 */

/**
 * An event's bars in one outlet's lane: one per distinct date its articles give, or a single
 * `undated` bar at the event's date when they report it without dating it.
 *
 * @param {Event} event
 * @param {string} outlet
 * @param {string[]} reporting The outlet's articles that report the event.
 * @param {(source: string) => string} outletOf
 * @returns {Bar[]}
 */
function barsOf(event, outlet, reporting, outletOf) {
  /** @type {Map<string, Bar>} */
  const byValue = new Map();
  for (const claim of event.date.by_source) {
    if (outletOf(claim.source) !== outlet) continue;
    const key = `${claim.start}/${claim.end}/${claim.precision}`;
    const bar = byValue.get(key);
    if (bar) bar.sources.push(claim.source);
    else
      byValue.set(key, {
        event,
        outlet,
        sources: [claim.source],
        claim,
        ...dateSpan(claim),
        status: claim.status,
      });
  }
  if (byValue.size > 0) return [...byValue.values()];
  return [{ event, outlet, sources: reporting, claim: null, ...dateSpan(event.date), status: 'undated' }];
}

/**
 * Lanes, one per outlet, for a page of events. The outlets shown are those of `chosen` that report
 * any of these events (in that order), else the `max` that report most of them (by name); the
 * rest are listed as hidden, busiest first.
 *
 * @param {Event[]} events
 * @param {(source: string) => string} outletOf The outlet of an article.
 * @param {{ chosen?: string[], max?: number }} [options]
 * @returns {{ lanes: Lane[], hidden: { outlet: string, events: number }[] }}
 */
export function buildLanes(events, outletOf, { chosen = [], max = 8 } = {}) {
  /** @type {Map<string, { sources: Set<string>, events: Event[], reporting: Map<Event, string[]> }>} */
  const outlets = new Map();
  for (const event of events) {
    for (const { source } of event.sources) {
      const outlet = outletOf(source);
      let entry = outlets.get(outlet);
      if (!entry) outlets.set(outlet, (entry = { sources: new Set(), events: [], reporting: new Map() }));
      entry.sources.add(source);
      const reporting = entry.reporting.get(event);
      if (reporting) reporting.push(source);
      else {
        entry.reporting.set(event, [source]);
        entry.events.push(event);
      }
    }
  }
  const ranked = [...outlets.entries()]
    .map(([outlet, entry]) => ({ outlet, events: entry.events.length }))
    .sort((a, b) => b.events - a.events || a.outlet.localeCompare(b.outlet));
  const available = chosen.filter((outlet) => outlets.has(outlet));
  // The busiest, in the order of their names (so that a lane keeps its place as the counts change),
  // unless outlets were chosen; chosen outlets none of which reports anything here leave the
  // busiest in their place.
  const shown =
    available.length > 0
      ? available
      : ranked
          .slice(0, max)
          .map((r) => r.outlet)
          .sort((a, b) => a.localeCompare(b));
  const lanes = shown.map((outlet) => {
    const entry = /** @type {NonNullable<ReturnType<typeof outlets.get>>} */ (outlets.get(outlet));
    const bars = entry.events.flatMap((event) =>
      barsOf(event, outlet, entry.reporting.get(event) ?? [], outletOf),
    );
    bars.sort((a, b) => a.start - b.start || a.end - b.end || a.event.id.localeCompare(b.event.id));
    return { outlet, sources: [...entry.sources].sort(), events: entry.events.length, bars };
  });
  const hidden = ranked.filter((r) => !shown.includes(r.outlet));
  return { lanes, hidden };
}

/**
 * How a link between two outlets' bars of one event is drawn, from the verdicts the API gave their
 * date claims: contested if either claim is, compatible if either is (one is only coarser),
 * corroborated if both are; `shared` when an outlet gives no date of its own.
 *
 * @param {BarStatus} a
 * @param {BarStatus} b
 * @returns {LinkKind}
 */
export function linkKind(a, b) {
  if (a === 'undated' || b === 'undated') return 'shared';
  if (a === 'contested' || b === 'contested') return 'contested';
  if (a === 'compatible' || b === 'compatible') return 'compatible';
  if (a === 'corroborated' && b === 'corroborated') return 'corroborated';
  return 'shared';
}

/**
 * Links between lanes: for each event in two or more lanes, its first bar in each lane joined to
 * its first bar in the next lane down that has one.
 *
 * @param {Lane[]} lanes
 * @returns {Link[]}
 */
export function buildLinks(lanes) {
  /** @type {Map<string, Bar[]>} */
  const byEvent = new Map();
  for (const lane of lanes) {
    /** @type {Set<string>} */
    const seen = new Set();
    for (const bar of lane.bars) {
      if (seen.has(bar.event.id)) continue;
      seen.add(bar.event.id);
      const list = byEvent.get(bar.event.id);
      if (list) list.push(bar);
      else byEvent.set(bar.event.id, [bar]);
    }
  }
  /** @type {Link[]} */
  const links = [];
  for (const bars of byEvent.values()) {
    for (let i = 1; i < bars.length; i++) {
      const from = /** @type {Bar} */ (bars[i - 1]);
      const to = /** @type {Bar} */ (bars[i]);
      links.push({ from, to, kind: linkKind(from.status, to.status) });
    }
  }
  return links;
}
