import { z } from 'zod';
import { CLAIM_STATUSES, DATE_PRECISIONS } from '../domain/vocabulary.js';
import { named } from '../component.js';

/** Component schemas that several resources share. */

export const SpanSchema = named(
  'Span',
  'Code-point offsets into the source text (W3C TextPositionSelector): `end` is exclusive.',
  z.object({
    source: z.string().describe('Id of the source whose text the span indexes.'),
    start: z.number().int().min(0),
    end: z.number().int().min(0),
    text: z.string().describe('The exact words at the span.'),
  }),
);

export const DateValueSchema = named(
  'DateValue',
  'A resolved date: the inclusive interval the words imply, with what the article said (SPEC §3).',
  z.object({
    start: z.iso.date(),
    end: z.iso.date(),
    precision: z.enum(DATE_PRECISIONS),
    edtf: z.string().describe('Extended Date/Time Format (ISO 8601-2) form.'),
    approximate: z.boolean(),
    phrase: z
      .string()
      .nullable()
      .describe('The temporal expression of the article that dates it; null for an inferred date.'),
    reason: z
      .string()
      .nullable()
      .describe(
        'Why an inferred date is what it is (or why an event’s date is no single source’s); null when a phrase gives it.',
      ),
    source: z
      .string()
      .nullable()
      .describe(
        'Id of the source the date comes from; null when it is no single source’s (a contested date spans them all).',
      ),
  }),
);

export const ActorRefSchema = named(
  'ActorRef',
  'A short reference to an actor.',
  z.object({ id: z.string(), name: z.string(), kind: z.string() }),
);

export const ClaimStatusSchema = named(
  'ClaimStatus',
  'How a claim stands beside the other sources’ claims about the same aspect: `corroborated` (another source gives the same value at the same precision), `compatible` (the values fit together but one is coarser: a month that contains another source’s day, "around 20" beside 20; or a date one source does not state but the annotator worked out, with its reason, beside the same date stated by another), `contested` (the values cannot both be true), `differing_characterisation` (free text that frames the aspect differently: shown side by side, not a contradiction of fact), `single_source` (no other source speaks to it).',
  z.enum(CLAIM_STATUSES),
);

export const AttributionSchema = named(
  'Attribution',
  'Who the source says made a statement: an actor, or a description such as "unnamed military sources". Null when the outlet states it itself.',
  z.object({ actor: ActorRefSchema.nullable(), description: z.string().nullable() }),
);
