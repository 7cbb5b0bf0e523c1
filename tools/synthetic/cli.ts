import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { datasetVersion } from '../../src/seed/load.js';
import { GENERATOR_VERSION, OUTLETS, isOutletCount } from './generate.js';
import { generateOnThread } from './thread.js';
import { DatasetWriter } from '../../src/seed/writer.js';

/**
 * `npm run seed:synthetic -- --events 1000000 --seed 42 [--outlets N] [--database FILE] [--timings]`: a
 * synthetic corpus through the same writer as the real seeds (one transaction, atomic swap), for
 * benchmarks; `--timings` lists how long each step of the commit took.
 */

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '42' },
    /** Sources each week, each its own outlet, telling overlapping events (2 to 10). */
    outlets: { type: 'string', default: '2' },
    database: { type: 'string', default: './data/synthetic.db' },
    /** Also list how long each step of the commit took (indexes, derived tables, items). */
    timings: { type: 'boolean', default: false },
  },
});
const events = Number(values.events);
const seed = Number(values.seed);
const outlets = Number(values.outlets);
if (!Number.isSafeInteger(events) || events < 1 || !Number.isSafeInteger(seed) || !isOutletCount(outlets)) {
  console.error(
    `usage: seed:synthetic -- --events N (≥ 1) --seed S (an integer) [--outlets 2…${OUTLETS.length}] [--database FILE]`,
  );
  process.exit(2);
}

const began = performance.now();
let peakRss = 0;
const counts: Record<string, number> = {};
const writer = DatasetWriter.open(values.database);
try {
  for await (const batch of generateOnThread({ events, seed, outlets })) {
    for (const item of batch) {
      writer.insertItem(item);
      counts[item.table] = (counts[item.table] ?? 0) + 1;
    }
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const loaded = performance.now();
  // Pairs keep the name they always had, so their dataset versions stay as recorded.
  const shape = outlets === 2 ? '' : `:outlets-${outlets}`;
  const content = createHash('sha256').update(
    `synthetic:${events}:${seed}${shape}:generator-${GENERATOR_VERSION}`,
  );
  const steps = new Map<string, number>();
  writer.commit(datasetVersion(content.digest('hex')), {
    onStep: (step, ms) => steps.set(step, (steps.get(step) ?? 0) + ms),
  });
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const seconds = (ms: number) => (ms / 1000).toFixed(1);
  console.log(
    `wrote ${values.database}: ${Object.entries(counts)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}`,
  );
  console.log(
    `in ${seconds(performance.now() - began)} s (rows ${seconds(loaded - began)} s, indexes and search ${seconds(performance.now() - loaded)} s); peak RSS ${Math.round(peakRss / 2 ** 20)} MiB`,
  );
  if (values.timings)
    for (const [step, ms] of [...steps].sort((a, b) => b[1] - a[1]))
      console.log(`  ${seconds(ms).padStart(6)} s  ${step}`);
} catch (error) {
  writer.abort();
  console.error(`synthetic seed failed, nothing was written: ${(error as Error).message}`);
  process.exit(1);
}
