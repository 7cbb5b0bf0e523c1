import { z } from 'zod';
import { localDate } from '../domain/dates.js';
import {
  ACTOR_KINDS,
  ATTRIBUTIONS,
  CLAIM_PROPERTIES,
  EVENT_TENSES,
  EVENT_TYPES,
  PARTICIPANT_ROLES,
  QUOTE_KINDS,
  RELATION_TYPES,
} from '../domain/vocabulary.js';

/** The annotation file format documented in seeds/README.md. */

/** An id: lower-case words joined by hyphens (`kim-jong-un`). */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const slug = z.string().regex(SLUG, 'must be a lowercase slug such as "kim-jong-un"');

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

/** Whether `tz` is an IANA time zone this runtime knows. */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const timezone = z.string().refine(isTimeZone, 'must be an IANA time zone such as "Asia/Seoul"');

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

/**
 * The mark `npm run propose` leaves on every item it drafts: a person reviews the item and removes
 * the mark. The seed refuses a file that still carries one (see seeds/README.md, "Drafts").
 */
export const ReviewSchema = z.strictObject({
  state: z.literal('proposed'),
  confidence: z.number().min(0).max(1),
  /** The rule that proposed the item, such as `speaker.quote-verb-name`. */
  rule: z
    .string()
    .regex(/^[a-z]+(?:[.-][a-z0-9]+)*$/, 'must be a rule name such as "speaker.quote-verb-name"'),
  because: nonEmpty,
  /** Existing items this one may be, best first (an event or actor of the record it joins). */
  candidates: z.array(z.strictObject({ id: slug, score: z.number().min(0).max(1) })).optional(),
});
export type Review = z.infer<typeof ReviewSchema>;
const review = ReviewSchema.optional();

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
  review,
});

/**
 * One source's date of an event: a temporal expression the resolver reads (`phrase`), or a value the
 * annotator inferred, with the reason and the words it is inferred from (SPEC §3).
 */
export const DateAnnotationSchema = z
  .strictObject({
    phrase: EvidenceRefSchema.optional(),
    value: z.string().optional(),
    reason: nonEmpty.optional(),
    evidence: EvidenceRefSchema.optional(),
    approximate: z.boolean().optional(),
    attributed_to: AttributionSchema.optional(),
    review,
  })
  .superRefine((d, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (d.value === undefined) {
      if (d.phrase === undefined)
        issue('phrase', 'give a phrase, or a "value" with a "reason" and its "evidence"');
      if (d.reason !== undefined) issue('reason', 'a reason goes with an explicit "value"');
      if (d.evidence !== undefined)
        issue('evidence', 'a phrase is its own evidence; "evidence" goes with a "value"');
      return;
    }
    if (d.phrase !== undefined)
      issue(
        'phrase',
        'give either a phrase or an explicit "value", not both (an inferred date has no phrase)',
      );
    if (d.reason === undefined) issue('reason', 'an explicit date needs a reason');
    if (d.evidence === undefined) issue('evidence', 'an explicit date needs the words it is inferred from');
  });
export type DateAnnotation = z.infer<typeof DateAnnotationSchema>;

const EventAnnotationSchema = z.strictObject({
  id: slug,
  title: nonEmpty.optional(),
  summary: nonEmpty.optional(),
  type: z.enum(EVENT_TYPES).optional(),
  location: nonEmpty.nullable().optional(),
  /** Omitted for a reported event; `planned` or `expected` for what the article presents as ahead. */
  tense: z.enum(EVENT_TENSES).optional(),
  date: DateAnnotationSchema.optional(),
  participants: z.array(z.strictObject({ actor: slug, role: z.enum(PARTICIPANT_ROLES) })).default([]),
  evidence: z.array(EvidenceRefSchema).min(1, 'needs at least one evidence reference'),
  review,
});

const ClaimAnnotationSchema = z
  .strictObject({
    event: slug,
    property: z.enum(CLAIM_PROPERTIES),
    about: z
      .string()
      .regex(/^[a-z0-9_-]+$/, 'must be a lowercase qualifier such as "leaflets"')
      .optional(),
    value: z.union([z.number().finite(), nonEmpty]),
    /** A count the source hedges ("around 20"). */
    approximate: z.boolean().optional(),
    attributed_to: AttributionSchema.optional(),
    evidence: EvidenceRefSchema,
    review,
  })
  .superRefine((c, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (c.property === 'count' && typeof c.value !== 'number') issue('value', 'a count is a number');
    if (c.property !== 'count' && typeof c.value === 'number')
      issue('value', `a ${c.property} is text; numbers are for counts`);
    if (c.approximate !== undefined && c.property !== 'count')
      issue('approximate', 'only a count is approximate');
    if (c.property === 'actor' && typeof c.value === 'string' && !SLUG.test(c.value))
      issue('value', 'an actor claim names the actor by id, such as "kim-jong-un"');
  });

const QuoteAnnotationSchema = z
  .strictObject({
    text: EvidenceRefSchema,
    speaker: slug.nullable(),
    speaker_description: nonEmpty.optional(),
    /** The person the words are about, where they narrate what someone did. */
    subject: slug.nullable().default(null),
    kind: z.enum(QUOTE_KINDS),
    event: slug.nullable().default(null),
    reported_via: slug.nullable().default(null),
    attribution: z.enum(ATTRIBUTIONS).default('explicit'),
    attribution_reason: nonEmpty.optional(),
    review,
  })
  .superRefine((q, ctx) => {
    if (q.attribution === 'inferred' && q.attribution_reason === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['attribution_reason'],
        message: 'an inferred attribution needs its reason',
      });
    if (q.attribution === 'explicit' && q.attribution_reason !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['attribution_reason'],
        message: 'a reason goes with "attribution": "inferred"',
      });
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

/** The JSON path of every item that still carries a `review` mark, in file order. */
export function proposedItems(a: AnnotationFile): string[] {
  const out: string[] = [];
  a.actors.forEach((x, i) => x.review && out.push(`actors[${i}]`));
  a.events.forEach((x, i) => {
    if (x.review) out.push(`events[${i}]`);
    if (x.date?.review) out.push(`events[${i}].date`);
  });
  a.claims.forEach((x, i) => x.review && out.push(`claims[${i}]`));
  a.quotes.forEach((x, i) => x.review && out.push(`quotes[${i}]`));
  return out;
}
