import { z } from 'zod';
import { ACTOR_KINDS } from '../../domain/vocabulary.js';
import { listOf, pageParams } from '../../http/pagination.js';
import { ActorSchema } from './item.js';

export const ActorListSchema = listOf('Actor', ActorSchema);

/** Actors in every representation: in a list, and as a profile. */

export const ActorListQuerySchema = z.strictObject({
  q: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('Name or alias; case-, accent- and hyphen-insensitive (`kim jong un` finds `Kim Jong-un`).'),
  kind: z.enum(ACTOR_KINDS).optional(),
  ...pageParams,
});
export type ActorListQuery = z.infer<typeof ActorListQuerySchema>;

/** What an actor list is filtered by: its query, but the paging. */
export type ActorFilters = Omit<ActorListQuery, 'order' | 'limit' | 'cursor'>;
