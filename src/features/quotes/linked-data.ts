import { annotation, type FieldTerms, iri, itemMapping } from '../../http/representations/jsonld.js';
import { actorNode } from '../linked-data/components.js';
import type { Resource } from '../../http/representations/respond.js';
import { type Quote, QuoteSchema } from './item.js';

/**
 * A quote as a schema.org Quotation (SPEC §4.2): its words, spoken by its speaker, part of its
 * article, about its event (and the person it narrates); in PROV terms attributed to the speaker
 * and, when someone relayed the words (a news agency relaying a statement), derived from a report
 * attributed to the relaying actor. Where the words stand in the text is a Web Annotation with both
 * selectors, the prefix and suffix included.
 */

/**
 * `span`, `prefix` and `suffix` are one annotation: its position selector, and its quote selector's
 * context. Whichever of them is kept renders it, once (the first kept of the three).
 */
const located =
  (field: 'span' | 'prefix' | 'suffix'): FieldTerms<Quote> =>
  (q, kept) => {
    const first = (['span', 'prefix', 'suffix'] as const).find((f) => kept(f));
    if (first !== field) return {};
    const span = { source: q.source, start: q.span.start, end: q.span.end, text: q.text };
    return { evidence: [annotation(span, 'identifying', { prefix: q.prefix, suffix: q.suffix })] };
  };

export const QUOTE_LD = itemMapping<Quote>(
  (q) => ({ '@id': iri.quote(q.id), '@type': 'Quotation' }),
  ['id'],
  {
    id: () => ({}),
    text: (q) => ({ text: q.text }),
    speaker: (q) => ({
      spokenByCharacter: q.speaker && actorNode(q.speaker),
      wasAttributedTo: q.speaker && iri.actor(q.speaker.id),
    }),
    speaker_description: (q) => ({ speakerDescription: q.speaker_description }),
    source: (q) => ({ isPartOf: iri.source(q.source) }),
    span: located('span'),
    prefix: located('prefix'),
    suffix: located('suffix'),
    kind: (q) => ({ quoteKind: q.kind }),
    event: (q) => ({ about: q.event && iri.event(q.event) }),
    reported_via: (q) => ({
      wasDerivedFrom: q.reported_via && {
        '@type': 'Entity',
        wasAttributedTo: actorNode(q.reported_via),
      },
    }),
    subject: (q) => ({ about: q.subject && actorNode(q.subject) }),
    attribution: (q) => ({ attribution: q.attribution }),
    attribution_reason: (q) => ({ attributionReason: q.attribution_reason }),
  },
);

/** The quotes as a representation renders them: the item schema, and its JSON-LD mapping. */
export const QUOTES: Resource = { item: QuoteSchema, linked: QUOTE_LD };
