import { existsSync } from 'node:fs';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { DatabaseUnusableError, openReadOnly } from './db/open.js';
import { DEFAULT_SEEDS_DIR } from './seed/defaults.js';
import { formatIssue, SeedError } from './seed/issues.js';
import { seed } from './seed/load.js';

const MB = 1024 * 1024;

/** Errors from listen() that are the environment's, not a bug: one line is enough. */
const LISTEN_ERRORS = new Set(['EADDRINUSE', 'EADDRNOTAVAIL', 'EACCES']);

/** A start-up failure already phrased for the operator. */
class StartupError extends Error {
  override name = 'StartupError';
}

/** The only file that listens: config → database (seeded when missing) → app → listen. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!existsSync(config.DATABASE_PATH)) {
    const result = await seed(DEFAULT_SEEDS_DIR, config.DATABASE_PATH);
    for (const warning of result.warnings) console.error(formatIssue(warning));
    console.log(
      `created ${config.DATABASE_PATH} from ${DEFAULT_SEEDS_DIR} (dataset ${result.datasetVersion})`,
    );
  }
  const db = openReadOnly(config.DATABASE_PATH);
  const app = await buildApp({
    db,
    logger: { level: config.LOG_LEVEL },
    limits: {
      rateLimit: { max: config.RATE_LIMIT_MAX, timeWindow: config.RATE_LIMIT_WINDOW },
      pressure: {
        maxEventLoopDelay: config.MAX_EVENT_LOOP_DELAY_MS,
        maxEventLoopUtilization: config.MAX_EVENT_LOOP_UTILIZATION,
        maxHeapUsedBytes: config.MAX_HEAP_USED_MB * MB,
        maxRssBytes: config.MAX_RSS_MB * MB,
      },
    },
    responseCacheBytes: config.RESPONSE_CACHE_MB * MB,
    connection: {
      trustProxy: config.TRUST_PROXY,
      requestTimeout: config.REQUEST_TIMEOUT_MS,
      headersTimeout: config.HEADERS_TIMEOUT_MS,
      keepAliveTimeout: config.KEEP_ALIVE_TIMEOUT_MS,
      connectionTimeout: config.CONNECTION_TIMEOUT_MS,
    },
  });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'draining in-flight requests, then exiting');
    // A client that never reads its response would hold the drain open until the connection
    // timeout; past the deadline its connection is cut and the exit code says the drain was forced.
    let forced = false;
    const deadline =
      config.SHUTDOWN_TIMEOUT_MS > 0
        ? setTimeout(() => {
            forced = true;
            app.log.error(
              { timeoutMs: config.SHUTDOWN_TIMEOUT_MS },
              'in-flight requests did not finish in time; closing their connections',
            );
            app.server.closeAllConnections();
          }, config.SHUTDOWN_TIMEOUT_MS)
        : undefined;
    await app.close();
    clearTimeout(deadline);
    db.$client.close();
    process.exit(forced ? 1 : 0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  try {
    await app.listen({ port: config.PORT, host: config.HOST });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code && LISTEN_ERRORS.has(code))
      throw new StartupError(`cannot listen on ${config.HOST}:${config.PORT}: ${(error as Error).message}`);
    throw error;
  }
}

main().catch((error: unknown) => {
  // Known start-up failures get one clear line, not a stack trace in a crash loop.
  if (error instanceof ConfigError || error instanceof DatabaseUnusableError || error instanceof StartupError)
    console.error(error.message);
  else if (error instanceof SeedError) console.error(error.issues.map(formatIssue).join('\n'));
  else console.error(error);
  process.exit(1);
});
