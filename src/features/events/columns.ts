import { type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { listKey } from '../../db/keyset.js';
import { actorTimeline, events } from '../../db/schema.js';

/** The timeline's order (SPEC §3), and the columns a timeline is sorted and filtered on. */

/** A timeline row: the event's sort key, whichever table the query is driven from. */
export interface TimelineKeyRow {
  start: string;
  end: string;
  id: string;
}

/** The timeline's order: start, then end, then id (SPEC §3). */
export const TIMELINE_KEY = listKey<TimelineKeyRow>(
  [events.start, (r) => r.start],
  [events.end, (r) => r.end],
  [events.id, (r) => r.id],
);

/**
 * The columns a timeline is sorted and filtered on: the events table's, or actor_timeline's, whose
 * rows can then be rejected before their event is looked up.
 */
export interface TimelineColumns {
  /** The sort key, in order: start, end, id. */
  key: readonly SQLiteColumn[];
  start: SQLiteColumn;
  end: SQLiteColumn;
  type: SQLiteColumn;
  /** The event's rowid, the key of its document and stored item, as this table holds it. */
  rowid: SQL<number>;
}

export const EVENT_COLUMNS: TimelineColumns = {
  key: TIMELINE_KEY.columns,
  start: events.start,
  end: events.end,
  type: events.type,
  rowid: sql<number>`${events}.rowid`,
};

export const ACTOR_TIMELINE_COLUMNS: TimelineColumns = {
  key: [actorTimeline.start, actorTimeline.end, actorTimeline.eventId],
  start: actorTimeline.start,
  end: actorTimeline.end,
  type: actorTimeline.type,
  rowid: sql<number>`${actorTimeline.eventRowid}`,
};
