import { parseArgs } from 'node:util';
import { datasetCounts } from '../db/dataset.js';
import { DEFAULT_SEEDS_DIR } from './defaults.js';
import { formatIssue, SeedError, type SeedIssue } from './issues.js';
import { prepareSeeds, seed } from './load.js';
import { DUMPS } from '../features/dumps/beside.js';

/**
 * The seed command: `npm run seed [-- --check] [--strict] [--allow-proposed] [--seeds DIR]
 * [--database FILE]`. Problems and warnings go to stderr, one `file: json.path: message` a line;
 * warnings do not stop the seed unless `--strict` makes them errors. Items a draft still marks as
 * proposed are errors unless `--allow-proposed` asks for a preview (never with `--strict`).
 */

const USAGE =
  'usage: npm run seed [-- --check] [--strict] [--allow-proposed] [--seeds DIR] [--database FILE]';

function options() {
  return parseArgs({
    options: {
      check: { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      'allow-proposed': { type: 'boolean', default: false },
      seeds: { type: 'string', default: DEFAULT_SEEDS_DIR },
      database: { type: 'string', default: process.env.DATABASE_PATH ?? './data/parallax.db' },
    },
  }).values;
}

async function main(): Promise<number> {
  let values: ReturnType<typeof options>;
  try {
    values = options();
  } catch (error) {
    // A mistyped option is the caller's mistake, not a crash: say so without a stack trace.
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  try {
    if (values.strict && values['allow-proposed'])
      console.error('--strict never accepts proposed items: --allow-proposed is ignored');
    const options = { strict: values.strict, allowProposed: values['allow-proposed'] };
    if (values.check) {
      const { dataset, version, warnings } = await prepareSeeds(values.seeds, options);
      report(warnings);
      console.log(`seeds are valid: ${summary(datasetCounts(dataset))} (dataset ${version})`);
      return 0;
    }
    const result = await seed(values.seeds, values.database, { ...options, beside: DUMPS });
    report(result.warnings);
    for (const notice of result.notices) console.error(notice);
    console.log(`seeded ${values.database}: ${summary(result.counts)} (dataset ${result.datasetVersion})`);
    return 0;
  } catch (error) {
    if (error instanceof SeedError) {
      for (const issue of error.issues) console.error(formatIssue(issue));
      console.error(`seed failed: ${error.issues.length} problem(s); the database was not changed`);
      return 1;
    }
    throw error;
  }
}

function report(warnings: readonly SeedIssue[]): void {
  for (const warning of warnings) console.error(formatIssue(warning));
  if (warnings.length > 0) console.error(`${warnings.length} warning(s); --strict makes them errors`);
}

function summary(counts: Record<string, number>): string {
  const n = (k: string) => counts[k] ?? 0;
  return `${n('sources')} sources, ${n('events')} events, ${n('actors')} actors, ${n('claims')} claims, ${n('quotes')} quotes`;
}

process.exitCode = await main();
