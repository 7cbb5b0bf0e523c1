/**
 * Prints the SQLite query plan of every statement a request runs: `npm run explain -- URL… [--database FILE]`.
 * The same capture drives test/db/query-plans.test.ts.
 */
import { parseArgs } from 'node:util';
import { captureQueryPlans } from './query-plans.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { database: { type: 'string', default: './data/parallax.db' } },
});
const plans = await captureQueryPlans(values.database, positionals);
for (const { url, statements } of plans) {
  console.log(`\n${url}`);
  for (const s of statements) {
    console.log(`  ${s.sql.replace(/\s+/g, ' ').slice(0, 160)}`);
    for (const line of s.plan) console.log(`    ${line}`);
  }
}
