import { asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/open.js';
import { actors, quotes } from '../db/schema.js';
import type { Quote } from '../schemas/quotes.js';

const speaker = alias(actors, 'speaker');
const via = alias(actors, 'via');

export function createQuoteRepository(db: Db) {
  const base = () =>
    db
      .select({
        quote: quotes,
        speaker: { id: speaker.id, name: speaker.name, kind: speaker.kind },
        via: { id: via.id, name: via.name, kind: via.kind },
      })
      .from(quotes)
      .leftJoin(speaker, eq(speaker.id, quotes.speakerId))
      .leftJoin(via, eq(via.id, quotes.reportedViaId));

  type Row = ReturnType<ReturnType<typeof base>['all']>[number];
  const toQuote = ({ quote: q, speaker: s, via: v }: Row): Quote => ({
    id: q.id,
    text: q.text,
    speaker: s,
    speaker_description: q.speakerDescription,
    source: q.sourceId,
    span: { start: q.start, end: q.end },
    prefix: q.prefix,
    suffix: q.suffix,
    kind: q.kind as Quote['kind'],
    event: q.eventId,
    reported_via: v,
  });

  return {
    listByEvent(eventId: string): Quote[] {
      return base()
        .where(eq(quotes.eventId, eventId))
        .orderBy(asc(quotes.sourceId), asc(quotes.ordinal))
        .all()
        .map(toQuote);
    },
    findById(id: string): Quote | undefined {
      const row = base().where(eq(quotes.id, id)).get();
      return row ? toQuote(row) : undefined;
    },
  };
}

export type QuoteRepository = ReturnType<typeof createQuoteRepository>;
