import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { META, readRecorded } from './db/meta.js';
import { type Db, openReadOnly, type ReadOptions } from './db/open.js';
import { pruneDumps } from './features/dumps/retention.js';

/**
 * The dataset being served, and the switch to a new one without a restart. The seed swaps a new
 * database in with a rename; the server keeps the old file open, so without this it would go on
 * serving a deleted dataset. Each dataset gets its own app (its repositories, caches, ETags, dumps
 * and examples all follow from the database); one HTTP server hands each request to the app of the
 * current dataset, so a switch happens between requests: those in flight finish on the old app,
 * which is closed, with its database, when the last of them ends. A new file that cannot be used
 * (not a database, another schema, no version) is refused and the old dataset kept.
 */

type Listener = (...args: unknown[]) => void;

interface Mounted {
  app: FastifyInstance;
  db: Db;
  inFlight: number;
  retiring: boolean;
  /** Once retiring: what replaced it, when, and how many requests it still had to finish. */
  switch?: { to: string; at: number; inFlight: number; reason: string };
  /** What the app added to the shared server (its client-error handler), removed when replaced. */
  listeners: Listener[];
}

/** Builds the app of a dataset on the shared server (src/app.ts `buildApp({ db, server })`). */
export type Mount = (db: Db, server: Server) => Promise<FastifyInstance>;

export class LiveDataset {
  /** Switches run one at a time, in the order they were asked for. */
  private queue: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string,
    private readonly server: Server,
    private readonly mount: Mount,
    private readonly options: ReadOptions,
    private current: Mounted,
  ) {}

  /**
   * Opens `file` (with `options`, for it and every dataset after it) and builds its app; a
   * database that cannot be used throws, as at any start.
   */
  static async open(
    file: string,
    server: Server,
    mount: Mount,
    options: ReadOptions = {},
  ): Promise<LiveDataset> {
    const current = await mountOn(server, mount, openReadOnly(file, options));
    return new LiveDataset(file, server, mount, options, current);
  }

  get app(): FastifyInstance {
    return this.current.app;
  }

  /** The shared server's request handler: the current app answers, and is held until it has. */
  readonly handle = (request: IncomingMessage, response: ServerResponse): void => {
    const mounted = this.current;
    mounted.inFlight++;
    response.once('close', () => {
      mounted.inFlight--;
      if (mounted.retiring && mounted.inFlight === 0) void this.close(mounted);
    });
    mounted.app.routing(request, response);
  };

  /** Looks at the file again and switches to it if it holds another dataset; `reason` is logged. */
  reload(reason: string): Promise<void> {
    this.queue = this.queue.then(() => this.switchTo(reason));
    return this.queue;
  }

  /** For shutdown: the current app stops (draining is the server's), then its database. */
  async shutdown(): Promise<void> {
    await this.queue;
    await this.current.app.close();
    this.current.db.$client.close();
  }

  private async switchTo(reason: string): Promise<void> {
    const old = this.current;
    const log = old.app.log.child({ reason, path: this.file });
    let db: Db;
    try {
      db = openReadOnly(this.file, this.options);
    } catch (error) {
      log.error(
        { err: error, version: old.app.datasetVersion },
        'new dataset refused; still serving the old one',
      );
      return;
    }
    const version = datasetVersionOf(db);
    if (version === old.app.datasetVersion) {
      db.$client.close();
      log.info({ version }, 'dataset unchanged');
      return;
    }
    try {
      this.current = await mountOn(this.server, this.mount, db);
    } catch (error) {
      db.$client.close();
      log.error(
        { err: error, version: old.app.datasetVersion },
        'new dataset refused; still serving the old one',
      );
      return;
    }
    // Client errors (bad request lines, timeouts) concern connections, not datasets: only the
    // current app answers them.
    for (const listener of old.listeners) this.server.off('clientError', listener);
    old.retiring = true;
    old.switch = { to: version, at: performance.now(), inFlight: old.inFlight, reason };
    if (old.inFlight === 0) await this.close(old);
  }

  private async close(mounted: Mounted): Promise<void> {
    await mounted.app.close();
    mounted.db.$client.close();
    if (!mounted.switch) return;
    // One line per switch, once the old dataset has finished what it had: the operator's record.
    const { to, at, inFlight, reason } = mounted.switch;
    this.current.app.log.info(
      {
        from: mounted.app.datasetVersion,
        to,
        drained: inFlight,
        drainMs: Math.round(performance.now() - at),
        reason,
        path: this.file,
      },
      'dataset switched',
    );
    // The old version's dumps go when nothing serves them any more (features/dumps/retention.ts).
    try {
      const removed = pruneDumps(this.file);
      if (removed.length > 0) this.current.app.log.info({ removed }, 'old dumps removed');
    } catch (error) {
      this.current.app.log.warn({ err: error }, 'old dumps not removed');
    }
  }
}

function datasetVersionOf(db: Db): string {
  return readRecorded(db.$client, META.datasetVersion) ?? 'unknown';
}

/** Builds and readies `db`'s app on `server`, noting the listeners it adds there. */
async function mountOn(server: Server, mount: Mount, db: Db): Promise<Mounted> {
  const before = new Set(server.listeners('clientError'));
  try {
    const app = await mount(db, server);
    await app.ready();
    const listeners = server.listeners('clientError').filter((l) => !before.has(l)) as Listener[];
    return { app, db, inFlight: 0, retiring: false, listeners };
  } catch (error) {
    for (const listener of server.listeners('clientError'))
      if (!before.has(listener)) server.off('clientError', listener as Listener);
    throw error;
  }
}
