import { z } from 'zod';
import { CLAIM_PROPERTIES, CLAIM_STATUSES } from '../../domain/vocabulary.js';
import { listOf, pageParams } from '../../http/pagination.js';
import { ClaimSchema } from './item.js';

export const ClaimListSchema = listOf('Claim', ClaimSchema);

/** Claims in every representation. */

export const ClaimListQuerySchema = z.strictObject({
  event: z.string().min(1).max(200).optional().describe('Event id.'),
  source: z.string().min(1).max(200).optional().describe('Source id.'),
  property: z
    .enum(CLAIM_PROPERTIES)
    .optional()
    .describe('`date`, `count`, `location`, `characterisation`, …'),
  status: z.enum(CLAIM_STATUSES).optional(),
  attributed_to: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('Actor id: the claims the sources attribute to this actor.'),
  ...pageParams,
});
export type ClaimListQuery = z.infer<typeof ClaimListQuerySchema>;

/** What a claim list is filtered by: its query, but the paging. */
export type ClaimFilters = Omit<ClaimListQuery, 'order' | 'limit' | 'cursor'>;
