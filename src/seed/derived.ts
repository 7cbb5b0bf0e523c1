import { META } from '../db/meta.js';
import { EVIDENCE, PARTICIPANT, QUOTE, SOURCE_DATE } from '../db/documents.js';
import { actorSearch, eventSearch, insertInto, listTerms, quoteSearch } from '../db/fts.js';
import { INTERVALS } from '../domain/periods.js';

/**
 * What the seed derives from the base tables once they are complete, in order: search indexes,
 * documents, per-actor timelines, and the counts that let a request read a total instead of
 * counting (docs/benchmarks.md). Each statement runs once, inside the seed's transaction.
 */

/** The dimensions unfiltered volumes are split by, each an events column (db/schema.ts, volumeCounts). */
export const VOLUME_DIMENSIONS = ['status', 'type', 'precision'] as const;

/** Per event, the period of each unit that holds its whole date (NULL where none does). */
const EVENT_PERIODS = `CREATE TEMP TABLE event_periods AS
  SELECT start, "end", status, type, precision,
    CASE WHEN start = "end" THEN start END AS day,
    CASE WHEN strftime('%G-W%V', start) = strftime('%G-W%V', "end") THEN strftime('%G-W%V', start) END AS week,
    CASE WHEN substr(start, 1, 7) = substr("end", 1, 7) THEN substr(start, 1, 7) END AS month,
    CASE WHEN substr(start, 1, 4) = substr("end", 1, 4) THEN substr(start, 1, 4) END AS year
  FROM events`;

/** volume_counts and volume_apart, per unit and dimension (`''`: all events, value `''`). */
function volumeSql(): string[] {
  return INTERVALS.flatMap((unit) =>
    ['', ...VOLUME_DIMENSIONS].flatMap((dim) => {
      const value = dim === '' ? "''" : dim;
      return [
        `INSERT INTO volume_counts (unit, dim, period, value, events)
           SELECT '${unit}', '${dim}', ${unit}, ${value}, count(*) FROM event_periods
           WHERE ${unit} IS NOT NULL GROUP BY ${unit}, ${value}`,
        `INSERT INTO volume_apart (unit, dim, start, "end", value, events)
           SELECT '${unit}', '${dim}', start, "end", ${value}, count(*) FROM event_periods
           WHERE ${unit} IS NULL GROUP BY start, "end", ${value}`,
      ];
    }),
  );
}

/** Derived tables, filled from the base tables once they are complete. */
export const DERIVED_SQL = [
  // Names and aliases of an actor in one searchable document.
  // Each search row has the rowid of the row it indexes: a match is an integer-key lookup.
  `${insertInto(actorSearch)}
     SELECT a.rowid, a.id, a.name || coalesce(' | ' || (SELECT group_concat(alias, ' | ') FROM actor_aliases WHERE actor_id = a.id), '')
     FROM actors a`,
  `${insertInto(eventSearch)}
     SELECT e.rowid, e.id, e.title, e.summary, coalesce((SELECT group_concat(text, ' | ') FROM event_evidence WHERE event_id = e.id), '')
     FROM events e`,
  // What a page shows of each event besides its row, one document per event (db/documents.ts).
  `INSERT INTO event_documents (event_rowid, participants, evidence, dates)
     SELECT e.rowid,
       (SELECT json_group_array(${PARTICIPANT.sql} ORDER BY p.role, a.id)
          FROM event_participants p JOIN actors a ON a.id = p.actor_id WHERE p.event_id = e.id),
       (SELECT json_group_array(${EVIDENCE.sql} ORDER BY v.source_id, v.start, v.id)
          FROM event_evidence v WHERE v.event_id = e.id),
       -- "+c.property": the planner has no statistics yet (they are gathered after this), and on
       -- a tie it may read claims_property, every date claim for each event: quadratic.
       (SELECT json_group_array(${SOURCE_DATE.sql} ORDER BY c.source_id)
          FROM claims c LEFT JOIN actors aa ON aa.id = c.attributed_actor_id
          WHERE c.event_id = e.id AND +c.property = 'date')
     FROM events e`,
  // Each distinct date a source gives a contested event: what a date range matches it by.
  `INSERT INTO contested_dates (event_rowid, start, "end")
     SELECT DISTINCT e.rowid, c.value ->> '$.start', c.value ->> '$.end'
     FROM events e JOIN claims c ON c.event_id = e.id AND c.property = 'date'
     WHERE e.date_status = 'contested'`,
  // Quotes are numbered in reading order, and searched under that number: matches come out of the
  // search index already in reading order, so a page of a search costs O(page), not O(matches).
  `UPDATE quotes SET reading_rank = ranked.n
     FROM (SELECT id, row_number() OVER (ORDER BY source_id, ordinal) AS n FROM quotes) AS ranked
     WHERE quotes.id = ranked.id`,
  `${insertInto(quoteSearch)} SELECT reading_rank, id, text FROM quotes`,
  // Its terms, so that a search's last word is asked as the terms it begins (db/fts.ts).
  ...listTerms(quoteSearch),
  // Each quote as a page shows it, under the same number (db/documents.ts).
  `INSERT INTO quote_documents (reading_rank, document)
     SELECT q.reading_rank, ${QUOTE.sql}
     FROM quotes q LEFT JOIN actors s ON s.id = q.speaker_id LEFT JOIN actors v ON v.id = q.reported_via_id
       LEFT JOIN actors j ON j.id = q.subject_id`,
  // Each actor's events in timeline order, so an actor's timeline is one index range at any depth,
  // with each event's type (a type filter rejects rows before their event is looked up, and the
  // counts below need not look every event up again) and rowid (a page reads its stored items
  // without looking its events up at all).
  `INSERT INTO actor_timeline (actor_id, start, "end", event_id, type, event_rowid)
     SELECT DISTINCT p.actor_id, e.start, e."end", e.id, e.type, e.rowid
     FROM event_participants p JOIN events e ON e.id = p.event_id`,
  // The longest event of each precision, in days: a range query needs look no further back than
  // this before `from`, a day for day events, a year for year events.
  `INSERT INTO meta (key, value)
     SELECT '${META.maxEventDaysByPrecision.key}', json_group_object(precision, days)
     FROM (SELECT precision, CAST(max(julianday("end") - julianday(start)) AS INTEGER) AS days
           FROM events GROUP BY precision ORDER BY precision)`,
  // The same per range a date query reads (features/events/timeline-query.ts): each precision's
  // events whose sources agree, and the contested ones, whose hulls can be far longer.
  `INSERT INTO meta (key, value)
     SELECT '${META.maxEventDaysByRange.key}', json_group_object(range, days)
     FROM (SELECT CASE WHEN date_status = 'contested' THEN 'contested' ELSE precision END AS range,
             CAST(max(julianday("end") - julianday(start)) AS INTEGER) AS days
           FROM events GROUP BY range ORDER BY range = 'contested', range)`,
  `INSERT INTO actor_quote_counts (actor_id, quotes)
     SELECT speaker_id, count(*) FROM quotes WHERE speaker_id IS NOT NULL GROUP BY speaker_id`,
  // NOT INDEXED: the key's index gives the actors in order but not the type, which each of the
  // 2.9 million rows on 1M events would then look up in the table; one pass over the table and a
  // sort take half as long (8.6 against 4.3 s).
  `INSERT INTO actor_event_counts (actor_id, type, events, first_start, last_end)
     SELECT actor_id, type, count(*), min(start), max("end")
     FROM actor_timeline NOT INDEXED
     GROUP BY actor_id, type`,
  // The range of every event's dates (an unbounded volume's periods), and how many there are (how
  // densely they lie in it, for the timeline's plan).
  `INSERT INTO meta (key, value)
     SELECT '${META.eventsExtent.key}', json_object('start', min(start), 'end', max("end"), 'events', count(*))
     FROM events`,
  EVENT_PERIODS,
  ...volumeSql(),
  'DROP TABLE event_periods',
];
