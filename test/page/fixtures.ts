import type { Event, SourceDate } from '../../page/api-types.js';

/** Events and date claims as `/v1/events` gives them, for the page's layout tests. */

/** A date claim of `source`, as `/v1/events` gives it. */
export function claim(
  source: string,
  start: string,
  end: string,
  status: SourceDate['status'],
  extra: Partial<SourceDate> = {},
): SourceDate {
  return {
    start,
    end,
    precision: start === end ? 'day' : 'month',
    edtf: start,
    approximate: false,
    phrase: null,
    reason: null,
    source,
    evidence: { source, start: 0, end: 1, text: 'x' },
    status,
    attributed_to: null,
    ...extra,
  };
}

/** An event with these claims, reported by their sources (or by `reporters`), titled by its id. */
export function event(
  id: string,
  claims: SourceDate[],
  reporters: string[] = claims.map((c) => c.source),
  title = id,
): Event {
  const first = claims[0] ?? claim('none', '2020-06-01', '2020-06-30', 'single_source');
  return {
    id,
    title,
    summary: '',
    type: 'decision',
    date: { ...first, source: first.source, status: first.status, by_source: claims },
    tense: 'reported',
    location: null,
    status: 'single_source',
    participants: [],
    sources: reporters.map((source) => ({ source, evidence: [] })),
  };
}

const OUTLETS: Record<string, string> = {
  'nki-1': 'North Korean Insight',
  'nyt-1': 'The New York Times',
  'nyt-2': 'The New York Times',
  'ap-1': 'Associated Press',
};

/** The outlet of each article above (an unknown one is its own outlet, as the page does). */
export const outletOf = (source: string) => OUTLETS[source] ?? source;
