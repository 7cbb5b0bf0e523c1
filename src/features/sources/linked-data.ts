import { dateLiteral, iri, itemMapping } from '../../http/representations/jsonld.js';
import type { Resource } from '../../http/representations/respond.js';
import { type Source, SourceSchema } from './item.js';

/**
 * A source as a schema.org NewsArticle (SPEC §4.2): its headline, outlet, authors, publication date
 * and language, and its exact text (`encoding`: the plain text every evidence span selects from).
 */
export const SOURCE_LD = itemMapping<Source>(
  (s) => ({ '@id': iri.source(s.id), '@type': 'NewsArticle' }),
  ['id'],
  {
    id: (s) => ({
      encoding: {
        '@id': iri.text(s.id),
        '@type': 'MediaObject',
        encodingFormat: 'text/plain; charset=utf-8',
      },
    }),
    title: (s) => ({ headline: s.title }),
    outlet: (s) => ({ publisher: { '@type': 'NewsMediaOrganization', name: s.outlet } }),
    authors: (s) => ({ author: s.authors.map((name) => ({ '@type': 'Person', name })) }),
    published: (s) => ({ datePublished: dateLiteral(s.published) }),
    timezone: (s) => ({ timezone: s.timezone }),
    dateline: (s) => ({ dateline: s.dateline }),
    language: (s) => ({ inLanguage: s.language }),
    url: (s) => ({ url: s.url }),
    counts: ({ counts }) => ({
      eventCount: counts.events,
      actorCount: counts.actors,
      claimCount: counts.claims,
      quoteCount: counts.quotes,
      characterCount: counts.characters,
    }),
  },
);

/** The sources as a representation renders them: the item schema, and its JSON-LD mapping. */
export const SOURCES: Resource = { item: SourceSchema, linked: SOURCE_LD };
