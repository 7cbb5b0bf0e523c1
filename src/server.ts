import { existsSync } from 'node:fs';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { DatabaseUnusableError, openReadOnly } from './db/open.js';
import { DEFAULT_SEEDS_DIR } from './ingest/defaults.js';
import { formatIssue, SeedError } from './ingest/issues.js';
import { seed } from './ingest/load.js';

/** The only file that listens: config → database (seeded when missing) → app → listen. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!existsSync(config.DATABASE_PATH)) {
    const result = await seed(DEFAULT_SEEDS_DIR, config.DATABASE_PATH);
    console.log(
      `created ${config.DATABASE_PATH} from ${DEFAULT_SEEDS_DIR} (dataset ${result.datasetVersion})`,
    );
  }
  const db = openReadOnly(config.DATABASE_PATH);
  const app = await buildApp({ db, logger: { level: config.LOG_LEVEL } });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'draining in-flight requests, then exiting');
    await app.close();
    db.$client.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.PORT, host: config.HOST });
}

main().catch((error: unknown) => {
  // Known start-up failures get one clear line, not a stack trace in a crash loop.
  if (error instanceof ConfigError || error instanceof DatabaseUnusableError) console.error(error.message);
  else if (error instanceof SeedError) console.error(error.issues.map(formatIssue).join('\n'));
  else console.error(error);
  process.exit(1);
});
