import { z } from 'zod';
import { named } from '../../component.js';
import { ACTOR_KINDS, EVENT_TYPES, RELATION_TYPES } from '../../domain/vocabulary.js';
import { ActorRefSchema, SpanSchema } from '../components.js';

/** An actor as a list serves it, and its profile as the seed stores it (src/seed/items.ts). */

export const ActorSchema = named(
  'Actor',
  'A person, organisation, state, body, armed force, media outlet or group.',
  z.object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(ACTOR_KINDS),
    aliases: z.array(z.string()).describe('Every surface form the sources use for the actor.'),
    description: z.string().nullable(),
    wikidata: z.string().nullable().describe('Wikidata QID, where well known.'),
  }),
);
export type Actor = z.infer<typeof ActorSchema>;

export const ActorProfileSchema = named(
  'ActorProfile',
  'An actor with roles, relations, counts and the dates of its first and last events.',
  ActorSchema.extend({
    roles: z.array(z.object({ title: z.string(), of: ActorRefSchema.nullable(), evidence: SpanSchema })),
    relations: z.array(
      z.object({
        type: z.enum(RELATION_TYPES),
        direction: z
          .enum(['outgoing', 'incoming'])
          .describe('`outgoing`: this actor <type> the other; `incoming`: the other <type> this actor.'),
        actor: ActorRefSchema,
        evidence: SpanSchema,
      }),
    ),
    counts: z.object({
      events: z.number().int(),
      quotes: z.number().int(),
      events_by_type: z.partialRecord(z.enum(EVENT_TYPES), z.number().int()),
    }),
    mentions: z
      .array(
        z.object({
          source: z.string(),
          names: z.array(
            z.object({
              name: z.string().describe('A form the source names the actor by.'),
              count: z.number().int().describe('How many times the source uses it.'),
              evidence: z.array(SpanSchema).describe('Where: every occurrence.'),
            }),
          ),
        }),
      )
      .describe('How each source names the actor, with counts and evidence.'),
    first_event_date: z.iso
      .date()
      .nullable()
      .describe('Start of the earliest event the actor takes part in.'),
    last_event_date: z.iso.date().nullable().describe('End of the latest event the actor takes part in.'),
  }),
);
export type ActorProfile = z.infer<typeof ActorProfileSchema>;
