import type { z } from 'zod';
import type { ActorKind } from '../../domain/vocabulary.js';
import { iri, type JsonLdNode } from '../../http/representations/jsonld.js';
import type { ActorRefSchema, AttributionSchema, DateValueSchema } from '../components.js';

/** The linked data of the components several resources share (src/features/components.ts). */

const ACTOR_TYPES: Record<ActorKind, string | string[]> = {
  person: 'Person',
  organisation: 'Organization',
  state: 'Country',
  body: 'GovernmentOrganization',
  armed_force: ['Organization', 'ArmedForce'],
  media: 'NewsMediaOrganization',
  group: 'Group',
};

/** The type of an actor of `kind`: its schema.org type, or ours where schema.org has none. */
export function actorType(kind: string): string | string[] {
  return ACTOR_TYPES[kind as ActorKind] ?? 'Agent';
}

/** An actor as it is referred to (an ActorRef): its IRI, type and name. */
export function actorNode(actor: z.infer<typeof ActorRefSchema>): JsonLdNode {
  return { '@id': iri.actor(actor.id), '@type': actorType(actor.kind), name: actor.name };
}

type DateValue = z.infer<typeof DateValueSchema>;

/** The terms of a resolved date: its interval, precision, EDTF form and what the article said. */
export function dateTerms(date: Omit<DateValue, 'source'> & { source: string | null }) {
  return {
    startDate: date.start,
    endDate: date.end,
    precision: date.precision,
    edtf: date.edtf,
    approximate: date.approximate,
    phrase: date.phrase,
    reason: date.reason,
    appearance: date.source && iri.source(date.source),
  };
}

/**
 * Who a source says made a statement, in PROV terms: the statement prov:wasAttributedTo the actor,
 * or to an agent known only by the source's description of it ("unnamed military sources"). None
 * when the outlet states it itself.
 */
export function attributionTerms(attribution: z.infer<typeof AttributionSchema> | null) {
  if (attribution === null) return {};
  const { actor, description } = attribution;
  if (actor === null) return { wasAttributedTo: description && { '@type': 'Agent', name: description } };
  return { wasAttributedTo: actorNode(actor), attributedAs: description };
}
