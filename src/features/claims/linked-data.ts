import { compactNode, evidence, iri, itemMapping } from '../../http/representations/jsonld.js';
import { attributionTerms, dateTerms } from '../linked-data/components.js';
import type { Resource } from '../../http/representations/respond.js';
import { type Claim, ClaimSchema } from './item.js';

/**
 * A claim as a schema.org Claim (SPEC §4.2): about its event, appearing in its source, attributed
 * (PROV) to whoever the source says made it, with its evidence as a Web Annotation and the claims of
 * the other sources it stands with or against.
 */

/** The claimed value as linked data: a date as a DateValue, an actor as the actor, else the literal. */
function valueOf(claim: Claim): unknown {
  const { value } = claim;
  if (typeof value === 'object') return compactNode({ '@type': 'DateValue', ...dateTerms(value) });
  if (claim.property === 'actor' && typeof value === 'string') return { '@id': iri.actor(value) };
  return value;
}

export const CLAIM_LD = itemMapping<Claim>((c) => ({ '@id': iri.claim(c.id), '@type': 'Claim' }), ['id'], {
  id: () => ({}),
  event: (c) => ({ about: iri.event(c.event) }),
  source: (c) => ({ appearance: iri.source(c.source) }),
  property: (c) => ({ property: c.property }),
  about: (c) => ({ aspect: c.about }),
  value: (c) => ({ value: valueOf(c) }),
  approximate: (c) => ({ approximate: c.approximate }),
  attributed_to: (c) => attributionTerms(c.attributed_to),
  evidence: (c) => evidence(c.evidence),
  status: (c) => ({ status: c.status }),
  rivals: (c) => ({ rivals: c.rivals.map(iri.claim) }),
  supporters: (c) => ({ supporters: c.supporters.map(iri.claim) }),
  compatible_with: (c) => ({ compatibleWith: c.compatible_with.map(iri.claim) }),
  differs_from: (c) => ({ differsFrom: c.differs_from.map(iri.claim) }),
});

/** The claims as a representation renders them: the item schema, and its JSON-LD mapping. */
export const CLAIMS: Resource = { item: ClaimSchema, linked: CLAIM_LD };
