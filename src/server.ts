import cluster from 'node:cluster';
import { existsSync, watch } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { buildApp } from './app.js';
import { type Config, ConfigError, DEFAULT_DATABASE_PATH, loadConfig } from './config.js';
import { DatabaseUnusableError, type ReadOptions, recordedVersion } from './db/open.js';
import { type ConnectionOptions, createHttpServer } from './http/connection.js';
import { LiveDataset, type Mount } from './live-dataset.js';
import { clusterScrape, createPrimaryMetrics, serveMetrics, serverMetrics } from './metrics.js';
import { tracingFromEnvironment } from './tracing.js';
import { runWorkers, workerCount } from './workers.js';
import { DEFAULT_SEEDS_DIR } from './seed/defaults.js';
import { formatIssue, SeedError } from './seed/issues.js';
import { seed, seedsVersion, staleNotice } from './seed/load.js';
import { DUMPS } from './features/dumps/beside.js';

const MB = 1024 * 1024;

/** Errors from listen() that are the environment's, not a bug: one line is enough. */
const LISTEN_ERRORS = new Set(['EADDRINUSE', 'EADDRNOTAVAIL', 'EACCES']);

/** A start-up failure already phrased for the operator. */
class StartupError extends Error {
  override name = 'StartupError';
}

/**
 * The only file that listens: config → database (seeded when missing) → app → listen. With more
 * than one worker (WORKERS) this process is the cluster's primary (src/workers.ts) and each worker
 * runs `serve`.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (cluster.isWorker) return serve(config);
  if (!existsSync(config.DATABASE_PATH)) {
    const result = await seed(DEFAULT_SEEDS_DIR, config.DATABASE_PATH, { beside: DUMPS });
    for (const warning of result.warnings) console.error(formatIssue(warning));
    for (const notice of result.notices) console.error(notice);
    console.log(
      `created ${config.DATABASE_PATH} from ${DEFAULT_SEEDS_DIR} (dataset ${result.datasetVersion})`,
    );
  } else if (path.resolve(config.DATABASE_PATH) === path.resolve(DEFAULT_DATABASE_PATH)) {
    // The database npm start made once: the seeds may have changed since.
    const notice = staleNotice(
      config.DATABASE_PATH,
      DEFAULT_SEEDS_DIR,
      recordedVersion(config.DATABASE_PATH),
      await seedsVersion(DEFAULT_SEEDS_DIR),
    );
    if (notice) console.error(notice);
  }
  const workers = workerCount(config.WORKERS);
  if (workers > 1) {
    const primary = config.METRICS_PORT === undefined ? undefined : createPrimaryMetrics();
    if (primary) await listenForMetrics(config, clusterScrape(primary));
    return runWorkers(workers, { logging: config.LOG_LEVEL !== 'silent', metrics: primary });
  }
  return serve(config);
}

/** The rate limit (shared by the workers, when there are several) and the load-shedding thresholds. */
function limitsOf(config: Config) {
  return {
    rateLimit: { max: config.RATE_LIMIT_MAX, timeWindow: config.RATE_LIMIT_WINDOW, shared: cluster.isWorker },
    pressure: {
      maxEventLoopDelay: config.MAX_EVENT_LOOP_DELAY_MS,
      maxEventLoopUtilization: config.MAX_EVENT_LOOP_UTILIZATION,
      maxHeapUsedBytes: config.MAX_HEAP_USED_MB * MB,
      maxRssBytes: config.MAX_RSS_MB * MB,
    },
  };
}

/** One server process: the dataset's app on the port, drained on SIGTERM, reloaded on SIGHUP. */
async function serve(config: Config): Promise<void> {
  const connection = connectionOf(config);
  const server = createHttpServer(connection, (request, response) => live.handle(request, response));
  const pageCache = { pageCacheBytes: config.SQLITE_CACHE_MB * MB };
  // A worker's metrics are scraped by the primary (cluster messages); a lone server serves its own.
  const metrics = config.METRICS_PORT === undefined ? undefined : serverMetrics();
  if (metrics && !cluster.isWorker) await listenForMetrics(config, () => metrics.registry.metrics());
  const tracing = tracingFromEnvironment();
  const live = await openDataset(config.DATABASE_PATH, pageCache, server, (db, shared) =>
    buildApp({
      db,
      server: shared,
      logger: { level: config.LOG_LEVEL },
      limits: limitsOf(config),
      responseCacheBytes: config.RESPONSE_CACHE_MB * MB,
      connection,
      metrics,
      tracing,
      embedFrameAncestors: config.EMBED_FRAME_ANCESTORS,
    }),
  );
  watchDataset(config.DATABASE_PATH, live);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    const { log } = live.app;
    log.info({ signal }, 'draining in-flight requests, then exiting');
    // A client that never reads its response would hold the drain open until the connection
    // timeout; past the deadline its connection is cut and the exit code says the drain was forced.
    let forced = false;
    const deadline =
      config.SHUTDOWN_TIMEOUT_MS > 0
        ? setTimeout(() => {
            forced = true;
            log.error(
              { timeoutMs: config.SHUTDOWN_TIMEOUT_MS },
              'in-flight requests did not finish in time; closing their connections',
            );
            server.closeAllConnections();
          }, config.SHUTDOWN_TIMEOUT_MS)
        : undefined;
    // No new connections; idle ones close now, busy ones as their last response ends (the app's
    // graceful drain, which closing the app turns on).
    const drained = new Promise<void>((resolve) => server.close(() => resolve()));
    await live.shutdown();
    await drained;
    clearTimeout(deadline);
    // The spans still buffered go out before the process does (bounded by the exporter's timeout).
    await tracing
      ?.shutdown()
      .catch((error: unknown) => log.warn({ err: error }, 'could not send the last traces'));
    process.exit(forced ? 1 : 0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGHUP', () => void live.reload('SIGHUP'));

  await listen(server, config.PORT, config.HOST);
  live.app.log.info(`Server listening at http://${formatHost(server)}`);
}

/** The dataset at DATABASE_PATH; a file that cannot be used stops the start, naming the variable. */
async function openDataset(
  file: string,
  options: ReadOptions,
  server: Server,
  mount: Mount,
): Promise<LiveDataset> {
  try {
    return await LiveDataset.open(file, server, mount, options);
  } catch (error) {
    if (error instanceof DatabaseUnusableError) throw new StartupError(`DATABASE_PATH: ${error.message}`);
    throw error;
  }
}

/** The metrics port, or a start-up failure naming it. */
async function listenForMetrics(config: Config, scrape: () => Promise<string>): Promise<void> {
  const port = config.METRICS_PORT as number;
  const host = config.METRICS_HOST ?? config.HOST;
  let address;
  try {
    address = (await serveMetrics(scrape, port, host)).address() as AddressInfo;
  } catch (error) {
    throw new StartupError(`METRICS_PORT: cannot listen on ${host}:${port}: ${(error as Error).message}`);
  }
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}/metrics`;
  if (config.LOG_LEVEL !== 'silent')
    console.log(JSON.stringify({ level: 30, time: Date.now(), pid: process.pid, msg: `metrics at ${url}` }));
}

function connectionOf(config: Config): ConnectionOptions {
  return {
    trustProxy: config.TRUST_PROXY,
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    headersTimeout: config.HEADERS_TIMEOUT_MS,
    keepAliveTimeout: config.KEEP_ALIVE_TIMEOUT_MS,
    connectionTimeout: config.CONNECTION_TIMEOUT_MS,
  };
}

/**
 * The seed swaps a new database in by renaming it over the old name: watching the folder (a watch
 * on the file would follow the old, deleted one) catches that, and the burst of events one swap
 * makes is read once. SIGHUP asks for the same check where watching does not reach (some network
 * and bind-mounted file systems).
 */
function watchDataset(file: string, live: LiveDataset): void {
  const name = path.basename(file);
  let timer: NodeJS.Timeout | undefined;
  const watcher = watch(path.dirname(path.resolve(file)), (_event, changed) => {
    if (changed !== name) return;
    clearTimeout(timer);
    timer = setTimeout(() => void live.reload('the database file changed'), 200);
  });
  watcher.unref();
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code && LISTEN_ERRORS.has(error.code))
        reject(new StartupError(`cannot listen on ${host}:${port}: ${error.message}`));
      else reject(error);
    });
    server.listen(port, host, () => resolve());
  });
}

function formatHost(server: Server): string {
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `${host}:${address.port}`;
}

main().catch((error: unknown) => {
  // Known start-up failures get one clear line, not a stack trace in a crash loop.
  if (error instanceof ConfigError || error instanceof DatabaseUnusableError || error instanceof StartupError)
    console.error(error.message);
  else if (error instanceof SeedError) console.error(error.issues.map(formatIssue).join('\n'));
  else console.error(error);
  process.exit(1);
});
