import { describe, expect, it } from 'vitest';
import { toDay } from '../../page/days.js';
import { buildLanes, buildLinks, linkKind } from '../../page/lane-model.js';
import { claim, event, outletOf } from './fixtures.js';

describe('lanes, one per outlet', () => {
  const contested = event('decision', [
    claim('nki-1', '2020-06-24', '2020-06-24', 'contested'),
    claim('nyt-1', '2020-06-23', '2020-06-23', 'contested'),
  ]);
  const undatedByNki = event(
    'demolition',
    [claim('nyt-1', '2020-06-01', '2020-06-24', 'single_source')],
    ['nki-1', 'nyt-1'],
  );
  const nytOnly = event('howitzers', [claim('nyt-2', '2020-06-23', '2020-06-23', 'single_source')]);

  it('puts each claim in its outlet’s lane, as wide as its own date', () => {
    const { lanes, hidden } = buildLanes([contested, undatedByNki, nytOnly], outletOf);
    expect(hidden).toEqual([]);
    expect(lanes.map((l) => [l.outlet, l.events, l.sources])).toEqual([
      ['North Korean Insight', 2, ['nki-1']],
      ['The New York Times', 3, ['nyt-1', 'nyt-2']],
    ]);
    const nki = lanes[0]?.bars.find((b) => b.event.id === 'decision');
    const nyt = lanes[1]?.bars.find((b) => b.event.id === 'decision');
    expect([nki?.start, nki?.status]).toEqual([toDay('2020-06-24'), 'contested']);
    expect([nyt?.start, nyt?.status]).toEqual([toDay('2020-06-23'), 'contested']);
  });

  it('marks an outlet that reports an event without dating it, at the date the others give', () => {
    const { lanes } = buildLanes([undatedByNki], outletOf);
    const bar = lanes[0]?.bars[0];
    expect(bar).toMatchObject({ outlet: 'North Korean Insight', claim: null, status: 'undated' });
    expect(bar?.start).toBe(toDay('2020-06-01'));
  });

  it('gives one bar per date an outlet gives, however many of its articles give it', () => {
    const twice = event('twice', [
      claim('nyt-1', '2020-06-23', '2020-06-23', 'corroborated'),
      claim('nyt-2', '2020-06-23', '2020-06-23', 'corroborated'),
    ]);
    const { lanes } = buildLanes([twice], outletOf);
    expect(lanes[0]?.bars.map((b) => b.sources)).toEqual([['nyt-1', 'nyt-2']]);
  });

  it('shows the busiest outlets, by name, and lists the others; or the ones chosen', () => {
    const events = [
      contested,
      undatedByNki,
      nytOnly,
      event('ap', [claim('ap-1', '2020-06-02', '2020-06-02', 'single_source')]),
    ];
    const busiest = buildLanes(events, outletOf, { max: 2 });
    expect(busiest.lanes.map((l) => l.outlet)).toEqual(['North Korean Insight', 'The New York Times']);
    expect(busiest.hidden).toEqual([{ outlet: 'Associated Press', events: 1 }]);
    const chosen = buildLanes(events, outletOf, { chosen: ['The New York Times', 'Associated Press'] });
    expect(chosen.lanes.map((l) => l.outlet)).toEqual(['The New York Times', 'Associated Press']);
    // Chosen outlets that report nothing here leave the busiest in their place.
    expect(buildLanes(events, outletOf, { chosen: ['Nobody'] }).lanes).toHaveLength(3);
  });

  it('links an event across lanes by the verdicts the API gave its dates', () => {
    const { lanes } = buildLanes([contested, undatedByNki, nytOnly], outletOf);
    const links = buildLinks(lanes).sort((a, b) => a.from.event.id.localeCompare(b.from.event.id));
    expect(links.map((l) => [l.from.event.id, l.from.outlet, l.to.outlet, l.kind])).toEqual([
      ['decision', 'North Korean Insight', 'The New York Times', 'contested'],
      ['demolition', 'North Korean Insight', 'The New York Times', 'shared'],
    ]);
  });

  it('draws a link as the weaker of its two verdicts', () => {
    expect(linkKind('contested', 'contested')).toBe('contested');
    expect(linkKind('compatible', 'corroborated')).toBe('compatible');
    expect(linkKind('corroborated', 'corroborated')).toBe('corroborated');
    expect(linkKind('undated', 'contested')).toBe('shared');
  });
});
