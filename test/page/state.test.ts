import { describe, expect, it } from 'vitest';
import {
  exportUrl,
  emptyState,
  filterParams,
  parseDay,
  parseState,
  serializeState,
  timelineKey,
  withChanges,
} from '../../page/state.js';

describe('the page’s state in its URL', () => {
  it('reads a date bound as a whole day, as the API does', () => {
    expect(parseDay('2020-06-24', 'from')).toBe('2020-06-24');
    expect(parseDay('2020-06', 'from')).toBe('2020-06-01');
    expect(parseDay('2020-06', 'to')).toBe('2020-06-30');
    expect(parseDay('2020-02', 'to')).toBe('2020-02-29');
    expect(parseDay('2021', 'to')).toBe('2021-12-31');
    for (const bad of ['2020-13', '2020-02-30', '20-06-24', 'june', '', null])
      expect(parseDay(bad, 'from')).toBeNull();
  });

  it('reads every filter, repeated ones in order and once each', () => {
    const state = parseState(
      '?from=2020-06&to=2020-06&date_match=within&actor=kim-yo-jong&actor=kim-jong-un&actor=kim-yo-jong&type=decision&source=nki-2020-06-24&status=contested&lane=The+New+York+Times&fold=The+New+York+Times&event=cmc-suspends-military-action-plans',
    );
    expect(state).toEqual({
      from: '2020-06-01',
      to: '2020-06-30',
      dateMatch: 'within',
      actors: ['kim-yo-jong', 'kim-jong-un'],
      types: ['decision'],
      sources: ['nki-2020-06-24'],
      status: 'contested',
      lanes: ['The New York Times'],
      folded: ['The New York Times'],
      event: 'cmc-suspends-military-action-plans',
      profile: null,
      q: null,
      quotes: false,
      compare: false,
    });
  });

  it('exports what the timeline shows with the API’s own parameters, never the page’s', () => {
    const state = withChanges(emptyState(), {
      actors: ['kim-yo-jong'],
      status: 'contested',
      lanes: ['The New York Times'],
      folded: ['The New York Times'],
      event: 'x',
      compare: true,
    });
    const window = { from: '2020-06-01', to: '2020-06-30' };
    expect(exportUrl(state, window, 'csv')).toBe(
      '/v1/events?from=2020-06-01&to=2020-06-30&actor=kim-yo-jong&status=contested&format=csv',
    );
    expect(exportUrl(emptyState(), null, 'timelinejs')).toBe('/v1/events?format=timelinejs');
    // "Dated within" is a way of reading the window: without a window it says nothing.
    const within = withChanges(emptyState(), { dateMatch: 'within' });
    expect(exportUrl(within, window, 'csv')).toBe(
      '/v1/events?from=2020-06-01&to=2020-06-30&date_match=within&format=csv',
    );
    expect(exportUrl(within, null, 'csv')).toBe('/v1/events?format=csv');
  });

  it('keeps a search and the quotes in the URL, under an event too', () => {
    const searched = withChanges(emptyState(), { q: 'Christmas gift', event: 'x' });
    expect(serializeState(searched)).toBe('?event=x&q=Christmas+gift');
    expect(parseState(serializeState(searched))).toEqual(searched);
    expect(parseState('?quotes=1&q=%20')).toMatchObject({ quotes: true, q: null });
    expect(timelineKey(searched)).toBe(timelineKey(emptyState()));
  });

  it('keeps the comparison open under an event, so closing the event returns to it', () => {
    const state = withChanges(emptyState(), { sources: ['a', 'b'], compare: true });
    expect(serializeState(state)).toBe('?source=a&source=b&compare=1');
    const opened = withChanges(state, { event: 'x' });
    expect(serializeState(opened)).toBe('?source=a&source=b&event=x&compare=1');
    expect(parseState(serializeState(opened))).toEqual(opened);
    expect(timelineKey(opened)).toBe(timelineKey(withChanges(state, { compare: false })));
  });

  it('leaves out what it cannot read rather than refusing the page', () => {
    expect(parseState('?from=2020-07-01&to=2020-06-01&status=maybe&type=Not+A+Type&actor=')).toEqual(
      emptyState(),
    );
    // One end of a window is no window.
    expect(parseState('?from=2020-06-01')).toMatchObject({ from: null, to: null });
  });

  it('writes one URL per view, which reads back as the same state', () => {
    const state = withChanges(emptyState(), {
      from: '2020-06-05',
      to: '2020-06-28',
      actors: ['kim-yo-jong'],
      status: 'contested',
      lanes: ['North Korean Insight', 'The New York Times'],
      folded: ['The New York Times'],
      profile: 'kim-yo-jong',
    });
    const url = serializeState(state);
    expect(url).toBe(
      '?from=2020-06-05&to=2020-06-28&actor=kim-yo-jong&status=contested&lane=North+Korean+Insight&lane=The+New+York+Times&fold=The+New+York+Times&profile=kim-yo-jong',
    );
    expect(parseState(url)).toEqual(state);
    expect(serializeState(emptyState())).toBe('');
  });

  it('never opens an event and an actor together', () => {
    const withActor = withChanges(emptyState(), { profile: 'kim-yo-jong' });
    expect(withChanges(withActor, { event: 'x' })).toMatchObject({ event: 'x', profile: null });
    expect(withChanges(withChanges(emptyState(), { event: 'x' }), { profile: 'y' })).toMatchObject({
      event: null,
      profile: 'y',
    });
  });

  it('keys the timeline by what it draws, not by what is open below it', () => {
    const state = withChanges(emptyState(), { actors: ['kim-yo-jong'] });
    expect(timelineKey(withChanges(state, { event: 'x' }))).toBe(timelineKey(state));
    expect(timelineKey(withChanges(state, { status: 'contested' }))).not.toBe(timelineKey(state));
    expect(timelineKey(withChanges(state, { folded: ['The New York Times'] }))).not.toBe(timelineKey(state));
  });

  it('asks the API for the window and the filters, or only some of them', () => {
    const state = withChanges(emptyState(), {
      actors: ['a', 'b'],
      types: ['decision'],
      sources: ['s'],
      status: 'corroborated',
    });
    const window = { from: '2020-06-01', to: '2020-06-30' };
    expect(filterParams(state, window).toString()).toBe(
      'from=2020-06-01&to=2020-06-30&actor=a&actor=b&type=decision&source=s&status=corroborated',
    );
    expect(filterParams(state, null, { only: ['actors'] }).toString()).toBe('actor=a&actor=b');
  });
});
