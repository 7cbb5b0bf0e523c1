import { compactNode, evidence, type FieldMap, iri, itemMapping } from '../../http/representations/jsonld.js';
import { actorNode, actorType } from '../linked-data/components.js';
import type { Resource } from '../../http/representations/respond.js';
import { type Actor, type ActorProfile, ActorProfileSchema, ActorSchema } from './item.js';

/**
 * Actors as linked data (SPEC §4.2): the schema.org type of their kind, their names and the Wikidata
 * entity they are; a profile adds the roles, relations and names each source gives them, every one
 * with its evidence as a Web Annotation.
 */

/** Wikidata's IRI of the entity (the concept IRI its RDF uses, not the page about it). */
const wikidataEntity = (qid: string | null) => qid && `http://www.wikidata.org/entity/${qid}`;

const actorFields: FieldMap<Actor> = {
  id: () => ({}),
  name: (a) => ({ name: a.name }),
  kind: () => ({}),
  aliases: (a) => ({ alternateName: a.aliases }),
  description: (a) => ({ description: a.description }),
  wikidata: (a) => ({ sameAs: wikidataEntity(a.wikidata) }),
};

const identify = (a: Actor) => ({ '@id': iri.actor(a.id), '@type': actorType(a.kind) });

export const ACTOR_LD = itemMapping<Actor>(identify, ['id', 'kind'], actorFields);

export const ACTOR_PROFILE_LD = itemMapping<ActorProfile>(identify, ['id', 'kind'], {
  ...actorFields,
  roles: (p) => ({
    role: p.roles.map((r) =>
      compactNode({
        '@type': 'Role',
        roleName: r.title,
        roleOf: r.of && actorNode(r.of),
        ...evidence(r.evidence),
      }),
    ),
  }),
  relations: (p) => ({
    relation: p.relations.map((r) => ({
      '@type': 'Relation',
      relationType: r.type,
      direction: r.direction,
      actor: actorNode(r.actor),
      ...evidence(r.evidence),
    })),
  }),
  counts: (p) => ({
    eventCount: p.counts.events,
    quoteCount: p.counts.quotes,
    eventsByType: Object.entries(p.counts.events_by_type).map(([type, count]) => ({
      '@type': 'EventTypeCount',
      eventType: type,
      eventCount: count,
    })),
  }),
  mentions: (p) => ({
    mention: p.mentions.flatMap(({ source, names }) =>
      names.map((n) => ({
        '@type': 'Mention',
        appearance: iri.source(source),
        name: n.name,
        mentionCount: n.count,
        ...evidence(n.evidence, 'identifying'),
      })),
    ),
  }),
  first_event_date: (p) => ({ firstEventDate: p.first_event_date }),
  last_event_date: (p) => ({ lastEventDate: p.last_event_date }),
});

/** The actors as a representation renders them: the item schema, and its JSON-LD mapping. */
export const ACTORS: Resource = { item: ActorSchema, linked: ACTOR_LD };
export const ACTOR_PROFILES: Resource = { item: ActorProfileSchema, linked: ACTOR_PROFILE_LD };
