import {
  compactNode,
  evidence,
  type FieldMap,
  iri,
  itemMapping,
  type JsonLdNode,
} from '../../http/representations/jsonld.js';
import { CLAIM_LD } from '../claims/linked-data.js';
import type { Claim } from '../claims/item.js';
import { actorNode, attributionTerms, dateTerms } from '../linked-data/components.js';
import { QUOTE_LD } from '../quotes/linked-data.js';
import type { Resource } from '../../http/representations/respond.js';
import { type Event, EventSchema } from './item.js';
import { type EventDetail, EventDetailSchema } from './schema.js';

/**
 * An event as a schema.org Event (SPEC §4.2): its name, summary, dates and place, who took part in
 * which role, and the articles that report it, the words of each an annotation of the event. Its
 * date in detail gives each source's date, each with its own evidence. In detail, its claims and
 * quotes are schema.org Claims and Quotations, and the aspects the sources compare cite the claims.
 */

function dateNode(date: Event['date']): JsonLdNode {
  return compactNode({
    '@type': 'EventDate',
    ...dateTerms(date),
    status: date.status,
    bySource: date.by_source.map((d) =>
      compactNode({
        '@type': 'SourceDate',
        ...dateTerms(d),
        status: d.status,
        ...attributionTerms(d.attributed_to),
        ...evidence(d.evidence),
      }),
    ),
  });
}

const eventFields: FieldMap<Event> = {
  id: () => ({}),
  title: (e) => ({ name: e.title }),
  summary: (e) => ({ description: e.summary }),
  type: (e) => ({ eventType: e.type }),
  date: (e) => ({ startDate: e.date.start, endDate: e.date.end, date: dateNode(e.date) }),
  tense: (e) => ({ tense: e.tense }),
  location: (e) => ({ location: e.location && { '@type': 'Place', name: e.location } }),
  status: (e) => ({ status: e.status }),
  participants: (e) => ({
    participant: e.participants.map((p) => ({
      '@type': 'Role',
      roleName: p.role,
      actor: actorNode(p.actor),
    })),
  }),
  sources: (e) => ({
    subjectOf: e.sources.map((s) => iri.source(s.source)),
    ...evidence(e.sources.flatMap((s) => s.evidence)),
  }),
};

const identify = (e: Event) => ({ '@id': iri.event(e.id), '@type': 'Event' });

export const EVENT_LD = itemMapping<Event>(identify, ['id'], eventFields);

/** The claims an aspect compares: cited by `@id` when the event's claims are there in full. */
const compared = (claims: Claim[], kept: (field: string) => boolean) =>
  claims.map((c) => (kept('claims') ? iri.claim(c.id) : CLAIM_LD.node(c, undefined)));

export const EVENT_DETAIL_LD = itemMapping<EventDetail>(identify, ['id'], {
  ...eventFields,
  claims: (e) => ({ claim: e.claims.map((c) => CLAIM_LD.node(c, undefined)) }),
  aspects: (e, kept) => ({
    comparedAspect: e.aspects.map((a) =>
      compactNode({
        '@type': 'Aspect',
        property: a.property,
        aspect: a.about,
        status: a.status,
        claim: compared(a.claims, kept),
      }),
    ),
  }),
  disputes: (e, kept) => ({
    dispute: e.disputes.map((d) =>
      compactNode({
        '@type': 'Dispute',
        property: d.property,
        aspect: d.about,
        claim: compared(d.claims, kept),
      }),
    ),
  }),
  quotes: (e) => ({ quotation: e.quotes.map((q) => QUOTE_LD.node(q, undefined)) }),
});

/** The events as a representation renders them: the item schema, and its JSON-LD mapping. */
export const EVENTS: Resource = { item: EventSchema, linked: EVENT_LD };
export const EVENT_DETAILS: Resource = { item: EventDetailSchema, linked: EVENT_DETAIL_LD };
