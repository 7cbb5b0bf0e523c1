import { z } from 'zod';
import { DATE_PRECISIONS } from '../domain/vocabulary.js';
import { named } from '../http/component.js';

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
  'A resolved date: the inclusive interval the phrase implies, with what the article said.',
  z.object({
    start: z.iso.date(),
    end: z.iso.date(),
    precision: z.enum(DATE_PRECISIONS),
    edtf: z.string().describe('Extended Date/Time Format (ISO 8601-2) form.'),
    approximate: z.boolean(),
    phrase: z.string().describe('The words of the article that date it.'),
    source: z.string().describe('Id of the source the phrase came from.'),
  }),
);

export const ActorRefSchema = named(
  'ActorRef',
  'A short reference to an actor.',
  z.object({ id: z.string(), name: z.string(), kind: z.string() }),
);
