import { parseStored, type Stored } from '../../db/items.js';
import { TIMELINE_DEFAULTS } from '../../features/events/filters.js';
import type { Repositories } from '../../features/repositories.js';
import type { DocumentExamples } from './conventions.js';

const FIRST = { order: 'asc', limit: 1 } as const;

/** Examples for the OpenAPI document, taken from the dataset itself so they are always real. */
export function documentExamples({ events, actors, quotes, sources }: Repositories): DocumentExamples {
  const parsed = <T>(json: Stored<T> | undefined) => (json === undefined ? undefined : parseStored(json));
  const event = parsed(events.list({ ...TIMELINE_DEFAULTS, status: 'contested' }, FIRST).items[0]);
  const detail = event && parsed(events.findById(event.id));
  const actorId = event?.participants[0]?.actor.id;
  const profile = actorId === undefined ? undefined : parsed(actors.findProfile(actorId));
  const quote = parsed(quotes.list({}, FIRST).items[0]);
  const claim = detail?.claims[0];
  const twoSources = sources.list({}, { order: 'asc', limit: 2 }).items;
  const source = twoSources[0];
  const components: Record<string, unknown> = {};
  const add = (name: string, value: unknown) => {
    if (value !== undefined) components[name] = value;
  };
  add('Event', event);
  add('EventDetail', detail);
  add('EventDate', event?.date);
  add('SourceDate', event?.date.by_source[0]);
  add('DateValue', detail?.claims.find((c) => c.property === 'date')?.value);
  add('Aspect', detail?.aspects[0]);
  add('ActorProfile', profile);
  add('Quote', quote);
  add('Claim', claim);
  add('Source', source);
  const parameters: Record<string, unknown> = {
    from: '2020-06',
    to: '2020-06-30',
    ...(actorId ? { actor: [actorId], speaker: [actorId] } : {}),
    ...(source ? { source: twoSources.map((s) => s.id) } : {}),
  };
  return { components, parameters };
}
