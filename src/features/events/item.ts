import { z } from 'zod';
import { named, withReadableColumn } from '../../component.js';
import { EVENT_STATUSES, EVENT_TENSES, EVENT_TYPES, PARTICIPANT_ROLES } from '../../domain/vocabulary.js';
import {
  ActorRefSchema,
  AttributionSchema,
  ClaimStatusSchema,
  DateValueSchema,
  SpanSchema,
} from '../components.js';

/** An event as the timeline serves it, and as the seed stores it (src/seed/items.ts). */

export const SourceDateSchema = named(
  'SourceDate',
  "One source's date of an event, with the words that date it and how it stands beside the other sources' dates.",
  DateValueSchema.omit({ source: true }).extend({
    source: z.string().describe('Id of the source.'),
    evidence: SpanSchema.describe(
      'The words that date it: the phrase, or those an inferred date comes from.',
    ),
    status: ClaimStatusSchema,
    attributed_to: AttributionSchema.nullable(),
  }),
);

export const EventDateSchema = named(
  'EventDate',
  "An event's date. Where the sources agree, or only differ in precision, it is the narrowest date they give, which the others contain. Where they contradict each other (`status: contested`), it is no single source's: it spans every date a source gives, and a date query for any of them finds the event. `by_source` lists each source's date with its evidence.",
  DateValueSchema.extend({
    status: ClaimStatusSchema,
    by_source: z.array(SourceDateSchema),
  }),
);

export const EventStatusSchema = named(
  'EventStatus',
  '`contested`: the sources contradict each other on some aspect; `differing_characterisation`: two or more sources report it and frame some aspect differently, without contradicting each other ("told differently"); `corroborated`: two or more sources report it, neither contradicting nor framing any aspect differently; `single_source`: one source does.',
  z.enum(EVENT_STATUSES),
);

export const EventSchema = named(
  'Event',
  'Something that happened at a time, with who took part and which sources report it.',
  z.object({
    id: z.string(),
    title: z.string(),
    summary: z.string(),
    type: z.enum(EVENT_TYPES),
    date: EventDateSchema,
    tense: z
      .enum(EVENT_TENSES)
      .describe(
        '`reported`: it happened by its sources’ publication; `planned` or `expected`: the articles present it as ahead.',
      ),
    location: z.string().nullable(),
    status: EventStatusSchema,
    participants: withReadableColumn(
      z.array(z.object({ actor: ActorRefSchema, role: z.enum(PARTICIPANT_ROLES) })),
      'participant_names',
      (participants) => participants.map((p) => `${p.actor.name} (${p.role})`).join('; '),
    ),
    sources: withReadableColumn(
      z
        .array(z.object({ source: z.string(), evidence: z.array(SpanSchema) }))
        .describe('The sources that report the event, each with the words that tell it.'),
      'source_ids',
      (sources) => sources.map((s) => s.source).join('; '),
    ),
  }),
);
export type Event = z.infer<typeof EventSchema>;
