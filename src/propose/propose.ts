import { localDate } from '../domain/dates.js';
import { proposeActors } from './actors.js';
import type { ActorsResult } from './proposed-actor.js';
import { proposeCounts, type ProposedCount } from './claims.js';
import { findDates } from './dates.js';
import { ArticleDoc } from './document.js';
import { proposeEvents } from './events.js';
import { type LinkedEvent, linkEvents } from './linking.js';
import { datelineOf } from './mentions.js';
import { findQuotes } from './quotes.js';
import type { ArticleRecord } from './record.js';
import { slug, uniqueId } from './slug.js';
import { type Attribution, SpeakerSieve } from './speakers.js';

/**
 * The proposer's passes over one article, in order: quotes, actors (joined to the record), speakers,
 * dates, events (linked to the record's), counts. Pure: the article, what the caller says of its
 * source, and the record in; what it proposes out.
 */

export interface SourceMeta {
  id: string;
  /** The text's file name beside the annotation. */
  text: string;
  outlet: string;
  published: string;
  timezone: string;
  title?: string;
  authors?: string[];
  url?: string | null;
  language?: string;
}

export interface Proposal {
  source: Required<Omit<SourceMeta, 'url'>> & { url: string | null; dateline: string | null };
  reference: string;
  actors: ActorsResult;
  quotes: Attribution[];
  events: LinkedEvent[];
  counts: ProposedCount[];
  /** Event ids chosen for new events, by event. */
  eventIds: Map<LinkedEvent, string>;
}

export function propose(text: string, meta: SourceMeta, record: ArticleRecord): Proposal {
  const reference = localDate(meta.published, meta.timezone);
  const doc = new ArticleDoc(text);
  const quoteSpans = findQuotes(text, doc.paragraphs);
  const inQuote = doc.within(quoteSpans);
  const actors = proposeActors(doc, record, meta.id);
  const quotes = new SpeakerSieve(doc, quoteSpans, actors).attributeAll();
  const dates = findDates(text, reference);
  const events = linkEvents(proposeEvents(doc, actors, dates, inQuote, reference), record);
  const counts = proposeCounts(doc, events, dates, inQuote, actors.actorOf);
  const taken = new Set([...record.ids, ...actors.actors.map((a) => a.id)]);
  const eventIds = new Map<LinkedEvent, string>();
  for (const e of events) eventIds.set(e, e.link?.id ?? uniqueId(slug(e.title, 50) || 'event', taken));
  const dateline = datelineOf(doc).text;
  return {
    source: {
      ...meta,
      title: meta.title ?? headline(text),
      authors: meta.authors ?? byline(text),
      url: meta.url ?? null,
      language: meta.language ?? 'en',
      dateline: dateline === '' ? null : dateline,
    },
    reference,
    actors,
    quotes,
    events,
    counts,
    eventIds,
  };
}

/** The first line of the text, where articles keep their headline. */
export function headline(text: string): string {
  const first = text.split(/\r?\n/u).find((l) => l.trim() !== '') ?? '';
  return first.trim().slice(0, 300) || 'Untitled';
}

/** The authors of a "By A and B" line among the first lines, else none. */
export function byline(text: string): string[] {
  for (const line of text.split(/\r?\n/u).slice(0, 6)) {
    const m = /^\s*By\s+(.+?)\s*$/u.exec(line);
    if (!m?.[1] || m[1].length > 120) continue;
    return m[1]
      .split(/\s*(?:,|\band\b|&)\s*/u)
      .map((a) => a.trim())
      .filter((a) => a !== '' && /^\p{Lu}/u.test(a));
  }
  return [];
}
