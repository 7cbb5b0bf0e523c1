/**
 * `npx tsx tools/bench/service-path.ts [--database FILE]`: the costs of one timeline page, taken
 * apart in one run, to decide where the service path should change (docs/benchmarks.md):
 *   - the repository call (its query prepared once per shape, run, with each event's stored item
 *     joined), against its main query alone, planned two ways: one index range
 *     from `from` minus the dataset's longest event, or one range per precision merged in order;
 *   - the serialisation fastify-type-provider-zod would do (zod parse, then JSON.stringify) against
 *     JSON.stringify alone and against splicing the stored items, which the service does.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseStored } from '../../src/db/items.js';
import { META, readRecorded } from '../../src/db/meta.js';
import { openReadOnly } from '../../src/db/open.js';
import { shiftDay } from '../../src/domain/dates.js';
import { TIMELINE_DEFAULTS } from '../../src/features/events/filters.js';
import { EventListSchema } from '../../src/features/events/schema.js';
import { createRepositories } from '../../src/features/repositories.js';
import { spliceItems } from '../../src/http/representations/respond.js';

const { values } = parseArgs({
  options: {
    database: { type: 'string', default: path.resolve(import.meta.dirname, '../../data/parallax.db') },
  },
});
const db = openReadOnly(values.database);
const { events } = createRepositories(db);

/** Mean microseconds per call over `n` calls, after a warm-up. */
function time(n: number, fn: () => unknown): number {
  for (let i = 0; i < Math.min(200, n); i++) fn();
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  return Number(process.hrtime.bigint() - start) / 1000 / n;
}

const filters = {
  ...TIMELINE_DEFAULTS,
  from: '2001-03-01',
  to: '2001-03-31',
};
const request = { order: 'asc' as const, limit: 50 };
const page = events.list(filters, request);
const body = { data: page.items.map(parseStored), page: { limit: 50, next_cursor: null } };
const envelope = JSON.stringify(EventListSchema.parse({ ...body, data: [] }));

const daysBefore = (days: number) => shiftDay(filters.from, -days);
const oneRange = db.$client.prepare(
  'SELECT * FROM events WHERE "end" >= ? AND start >= ? AND start <= ? ORDER BY start, "end", id LIMIT 51',
);
const byPrecision = Object.entries(readRecorded(db.$client, META.maxEventDaysByPrecision) ?? {});
const longest = Math.max(...byPrecision.map(([, days]) => days));
const merged = db.$client.prepare(
  `${byPrecision
    .map(() => 'SELECT * FROM events WHERE precision = ? AND "end" >= ? AND start >= ? AND start <= ?')
    .join(' UNION ALL ')} ORDER BY start, "end", id LIMIT 51`,
);
const mergedParams = byPrecision.flatMap(([precision, days]) => [
  precision,
  filters.from,
  daysBefore(days),
  filters.to,
]);

const rows: [string, number][] = [
  [
    'repository: one 50-event page of stored items, run on its prepared query',
    time(2000, () => events.list(filters, request)),
  ],
  [
    `main query alone: one range from \`from\` minus the longest event (${longest} days)`,
    time(2000, () => oneRange.all(filters.from, daysBefore(longest), filters.to)),
  ],
  [
    `main query alone: one range per precision (${byPrecision.length}), merged in order`,
    time(2000, () => merged.all(...mergedParams)),
  ],
  [
    'zod parse + JSON.stringify (what the type provider does)',
    time(2000, () => JSON.stringify(EventListSchema.parse(body))),
  ],
  ['JSON.stringify alone', time(2000, () => JSON.stringify(body))],
  [
    'the stored items spliced into the page (what the service does)',
    time(2000, () => spliceItems(envelope, page.items)),
  ],
];
console.log(
  `database: ${values.database}; page of ${page.items.length} events, ${JSON.stringify(body).length} bytes`,
);
console.log(
  `both plans give the same page: ${JSON.stringify(oneRange.all(filters.from, daysBefore(longest), filters.to)) === JSON.stringify(merged.all(...mergedParams))}\n`,
);
console.log('| step | µs per page |\n| --- | --- |');
for (const [name, us] of rows) console.log(`| ${name} | ${us.toFixed(0)} |`);
db.$client.close();
