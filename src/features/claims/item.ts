import { z } from 'zod';
import { named } from '../../component.js';
import { CLAIM_PROPERTIES } from '../../domain/vocabulary.js';
import { AttributionSchema, ClaimStatusSchema, DateValueSchema, SpanSchema } from '../components.js';

/** A claim as the API serves it. */

const ids = (what: string) => z.array(z.string()).describe(what);

export const ClaimSchema = named(
  'Claim',
  "One source's statement of one property of an event, with its evidence and how it stands beside the other sources' claims about the same aspect.",
  z.object({
    id: z.string(),
    event: z.string().describe('Id of the event the claim is about.'),
    source: z.string().describe('Id of the source making the claim.'),
    property: z
      .enum(CLAIM_PROPERTIES)
      .describe(
        'Facts, compared by value: `date`, `count`, `location` (a place path, broad to narrow), `actor` (an actor id). Characterisations, compared by aspect: `characterisation`, `motive`, `cause`, `outcome`, `assessment`, `plan`, `description`.',
      ),
    about: z
      .string()
      .nullable()
      .describe(
        'The aspect: what is counted, described or characterised, where an event has several such claims.',
      ),
    value: z
      .union([z.number(), z.string(), DateValueSchema])
      .describe('The normalised value: a number for counts, a date object for dates, a string otherwise.'),
    approximate: z.boolean().describe('Whether the source gives a count as approximate ("around 20").'),
    attributed_to: AttributionSchema.nullable(),
    evidence: SpanSchema,
    status: ClaimStatusSchema,
    rivals: ids('Ids of the claims of other sources that cannot be true together with this one.'),
    supporters: ids('Ids of the claims of other sources that say the same.'),
    compatible_with: ids('Ids of the claims of other sources that fit with this one at another precision.'),
    differs_from: ids('Ids of the claims of other sources that characterise the same aspect differently.'),
  }),
);
export type Claim = z.infer<typeof ClaimSchema>;
