import { z } from 'zod';
import { type Facet, FACETS, VOLUME_BY } from '../../domain/vocabulary.js';
import { named } from '../../component.js';
import { PageSchema } from '../../http/pagination.js';
import { INTERVALS } from '../../domain/periods.js';
import { ClaimSchema } from '../claims/item.js';
import { ClaimStatusSchema } from '../components.js';
import { QuoteSchema } from '../quotes/item.js';
import { EventSchema } from './item.js';

export const AspectSchema = named(
  'Aspect',
  "One aspect of an event (a property and what it is about) that two or more sources speak to, with each source's claim side by side and the verdict on the whole.",
  z.object({
    property: z.string(),
    about: z.string().nullable(),
    status: ClaimStatusSchema,
    claims: z.array(ClaimSchema),
  }),
);

/**
 * What an event's detail adds to the event, after its keys, but its quotes: what is judged per
 * request and checked against this, where the quotes are stored items (the seed checked them).
 */
export const JudgedAdditionsSchema = z.object({
  claims: z.array(ClaimSchema),
  aspects: z
    .array(AspectSchema)
    .describe(
      'Every aspect two or more sources speak to: corroborated, compatible, contested or characterised differently.',
    ),
  disputes: z
    .array(z.object({ property: z.string(), about: z.string().nullable(), claims: z.array(ClaimSchema) }))
    .describe('Each aspect the sources contradict each other on, with the competing claims side by side.'),
});

/** What an event's detail adds to the event, after its keys (a stored item is spliced with it). */
export const DetailAdditionsSchema = JudgedAdditionsSchema.extend({ quotes: z.array(QuoteSchema) });

export const EventDetailSchema = named(
  'EventDetail',
  'An event with its claims, the aspects that sources compare side by side, and its quotes.',
  EventSchema.extend(DetailAdditionsSchema.shape),
);
export type EventDetail = z.infer<typeof EventDetailSchema>;

/** Events in every representation: in a timeline, and in detail. */

const FacetCountsSchema = named(
  'FacetCounts',
  'The most frequent values of a facet over the whole filtered list (up to 20), most frequent first.',
  z.object({
    values: z.array(z.object({ value: z.string(), count: z.number().int() })),
    truncated: z.boolean().describe('Whether more values exist than are listed.'),
  }),
);

export const FacetsSchema = named(
  'Facets',
  'Counts of each value of the facets asked for (`facets=`), over the whole filtered list, not the page.',
  z.object(
    Object.fromEntries(FACETS.map((f) => [f, FacetCountsSchema.optional()])) as Record<
      Facet,
      z.ZodOptional<typeof FacetCountsSchema>
    >,
  ),
);

/** A page of the timeline: the list envelope, with `facets` and `page.total` when asked for. */
export const EventListSchema = named(
  'EventList',
  'A page of the timeline: `{ data, page }` as every list, with `facets` and `page.total` when the query asks for them.',
  z.object({
    data: z.array(EventSchema),
    page: PageSchema.extend({
      total: z
        .number()
        .int()
        .optional()
        .describe('With `count=exact`: how many events the whole filtered list has.'),
    }),
    facets: FacetsSchema.optional(),
  }),
);

const VolumeGroupSchema = z.object({
  value: z.string(),
  events: z.number().int(),
  overlapping: z.number().int().optional(),
});

export const VolumeSchema = named(
  'Volume',
  'Events counted per period (SPEC §4.1). A period holds an event only when the event’s date lies wholly inside it; `overlapping` counts the events that share a day with the period without lying inside it. Those are counted once, `apart`, under the smallest coarser period that holds them (or their own dates when they run across years), so `total` = the periods’ `events` + the `apart` events. With `by`, each count is split into `groups` (by source, an event two sources report is in both groups; the totals count it once).',
  z.object({
    interval: z.enum(INTERVALS),
    by: z.enum(VOLUME_BY).nullable(),
    from: z.iso.date().nullable().describe('The first day of the first period (null when no event matches).'),
    to: z.iso.date().nullable().describe('The last day of the last period.'),
    total: z.number().int().describe('Events counted: held by a period, or apart.'),
    periods: z.array(
      z.object({
        period: z.string().describe('`2020-06-23`, `2020-W26` (ISO week), `2020-06` or `2020`.'),
        start: z.iso.date(),
        end: z.iso.date(),
        events: z.number().int().describe('Events whose date lies wholly inside the period.'),
        overlapping: z.number().int().describe('Events counted apart that share a day with the period.'),
        groups: z.array(VolumeGroupSchema).optional(),
      }),
    ),
    apart: z.array(
      z.object({
        period: z.string(),
        unit: z
          .enum(INTERVALS)
          .nullable()
          .describe('The coarser unit that holds them; null: their dates run across years.'),
        start: z.iso.date(),
        end: z.iso.date(),
        events: z.number().int(),
        groups: z.array(VolumeGroupSchema.omit({ overlapping: true })).optional(),
      }),
    ),
  }),
);
