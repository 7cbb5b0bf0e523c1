import { z } from 'zod';
import { localDate } from '../domain/dates.js';
import {
  ACTOR_KINDS,
  EVENT_TYPES,
  PARTICIPANT_ROLES,
  QUOTE_KINDS,
  RELATION_TYPES,
} from '../domain/vocabulary.js';

/** The annotation file format documented in seeds/README.md. */

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug such as "kim-jong-un"');

const nonEmpty = z.string().trim().min(1, 'must not be empty');

/** Exact words of the text, optionally disambiguated by the text right before/after them. */
export const EvidenceRefSchema = z.union([
  z.string().min(1, 'must not be empty'),
  z.strictObject({
    text: z.string().min(1, 'must not be empty'),
    prefix: z.string().min(1).optional(),
    suffix: z.string().min(1).optional(),
  }),
]);
export type EvidenceRef = z.infer<typeof EvidenceRefSchema>;

export const AttributionSchema = z.union([
  z.strictObject({ actor: slug }),
  z.strictObject({ description: nonEmpty }),
]);
export type Attribution = z.infer<typeof AttributionSchema>;

/**
 * Checked by the resolver's own reading of the date (`localDate`), so what passes here resolves:
 * `Date.parse` alone would accept 2020-02-30 and roll it over to March 1.
 */
const isoDateOrDateTime = z.string().refine((v) => {
  if (v.trim() !== v) return false;
  try {
    localDate(v, 'UTC');
    return true;
  } catch {
    return false;
  }
}, 'must be a real calendar date, as YYYY-MM-DD or an ISO date-time with offset');

const timezone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as "Asia/Seoul"');

const SourceMetaSchema = z.strictObject({
  id: slug,
  text: z.string().regex(/^[^/\\]+\.txt$/, 'must be a .txt file name beside the annotation file'),
  title: nonEmpty,
  outlet: nonEmpty,
  authors: z.array(nonEmpty),
  published: isoDateOrDateTime,
  timezone,
  dateline: nonEmpty.nullable(),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, 'must be a BCP 47 language tag'),
  url: z.url().nullable(),
});

const ActorAnnotationSchema = z.strictObject({
  id: slug,
  name: nonEmpty.optional(),
  kind: z.enum(ACTOR_KINDS).optional(),
  description: nonEmpty.optional(),
  wikidata: z
    .string()
    .regex(/^Q[1-9]\d*$/, 'must be a Wikidata QID such as "Q56226"')
    .optional(),
  aliases: z.array(EvidenceRefSchema).min(1, 'needs at least one alias with evidence'),
  roles: z
    .array(z.strictObject({ title: nonEmpty, of: slug.optional(), evidence: EvidenceRefSchema }))
    .default([]),
  relations: z
    .array(z.strictObject({ type: z.enum(RELATION_TYPES), object: slug, evidence: EvidenceRefSchema }))
    .default([]),
});

export const DateAnnotationSchema = z
  .strictObject({
    phrase: EvidenceRefSchema,
    value: z.string().optional(),
    reason: nonEmpty.optional(),
    approximate: z.boolean().optional(),
    attributed_to: AttributionSchema.optional(),
  })
  .refine((d) => d.value === undefined || d.reason !== undefined, {
    message: 'an explicit date value needs a reason',
    path: ['reason'],
  });
export type DateAnnotation = z.infer<typeof DateAnnotationSchema>;

const EventAnnotationSchema = z.strictObject({
  id: slug,
  title: nonEmpty.optional(),
  summary: nonEmpty.optional(),
  type: z.enum(EVENT_TYPES).optional(),
  location: nonEmpty.nullable().optional(),
  date: DateAnnotationSchema.optional(),
  participants: z.array(z.strictObject({ actor: slug, role: z.enum(PARTICIPANT_ROLES) })).default([]),
  evidence: z.array(EvidenceRefSchema).min(1, 'needs at least one evidence reference'),
});

const ClaimAnnotationSchema = z.strictObject({
  event: slug,
  property: z.string().regex(/^[a-z_]+$/, 'must be a lowercase property name such as "count"'),
  about: z
    .string()
    .regex(/^[a-z0-9_-]+$/, 'must be a lowercase qualifier such as "leaflets"')
    .optional(),
  value: z.union([z.number().finite(), nonEmpty]),
  attributed_to: AttributionSchema.optional(),
  evidence: EvidenceRefSchema,
});

const QuoteAnnotationSchema = z.strictObject({
  text: EvidenceRefSchema,
  speaker: slug.nullable(),
  speaker_description: nonEmpty.optional(),
  kind: z.enum(QUOTE_KINDS),
  event: slug.nullable().default(null),
  reported_via: slug.nullable().default(null),
});

export const AnnotationFileSchema = z.strictObject({
  $schema: z.string().optional(),
  source: SourceMetaSchema,
  actors: z.array(ActorAnnotationSchema).default([]),
  events: z.array(EventAnnotationSchema).default([]),
  claims: z.array(ClaimAnnotationSchema).default([]),
  quotes: z.array(QuoteAnnotationSchema).default([]),
});
export type AnnotationFile = z.infer<typeof AnnotationFileSchema>;
