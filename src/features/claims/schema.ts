import { z } from 'zod';
import { CLAIM_STATUSES } from '../../domain/vocabulary.js';
import { named } from '../../http/component.js';
import { listOf, pageParams } from '../../http/pagination.js';
import { ActorRefSchema, DateValueSchema, SpanSchema } from '../components.js';

export const ClaimStatusSchema = named(
  'ClaimStatus',
  '`corroborated`: two or more sources agree; `single_source`: one source says so; `contested`: sources disagree.',
  z.enum(CLAIM_STATUSES),
);

export const ClaimSchema = named(
  'Claim',
  "One source's statement of one property of an event.",
  z.object({
    id: z.string(),
    event: z.string().describe('Id of the event the claim is about.'),
    source: z.string().describe('Id of the source making the claim.'),
    property: z.string().describe('`date`, `count`, `location`, `actor`, `description`, …'),
    about: z
      .string()
      .nullable()
      .describe('What is counted or described, where an event has several such claims.'),
    value: z
      .union([z.number(), z.string(), DateValueSchema])
      .describe('The normalised value: a number for counts, a date object for dates, a string otherwise.'),
    attributed_to: z
      .object({ actor: ActorRefSchema.nullable(), description: z.string().nullable() })
      .nullable()
      .describe('Who the source says made the statement; null when the outlet states it itself.'),
    evidence: SpanSchema,
    status: ClaimStatusSchema,
    rivals: z.array(z.string()).describe('Ids of the claims of other sources that contradict this one.'),
    supporters: z.array(z.string()).describe('Ids of the claims of other sources that agree with this one.'),
  }),
);
export type Claim = z.infer<typeof ClaimSchema>;

export const ClaimListSchema = listOf('Claim', ClaimSchema);

export const ClaimListQuerySchema = z.strictObject({
  event: z.string().min(1).max(200).optional().describe('Event id.'),
  source: z.string().min(1).max(200).optional().describe('Source id.'),
  property: z
    .string()
    .regex(/^[a-z_]+$/, 'must be a property name such as "date" or "count"')
    .optional()
    .describe('`date`, `count`, `location`, …'),
  status: z.enum(CLAIM_STATUSES).optional(),
  ...pageParams,
});
export type ClaimListQuery = z.infer<typeof ClaimListQuerySchema>;

/** What a claim list is filtered by: its query, but the paging. */
export type ClaimFilters = Omit<ClaimListQuery, 'order' | 'limit' | 'cursor'>;
