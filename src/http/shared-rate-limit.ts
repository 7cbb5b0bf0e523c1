import cluster from 'node:cluster';

/**
 * The rate limit's counts when several worker processes serve one port: kept by the primary, so a
 * client is limited once whichever worker its connections reach (a client on one keep-alive
 * connection stays on one worker, so splitting the limit between workers would not do). A worker
 * asks the primary for each request over the cluster's IPC channel; the primary answers from one
 * table of fixed windows. The store follows @fastify/rate-limit's store contract (`incr`, `child`).
 */

/** One client's window: how many requests since it began. */
interface Window {
  current: number;
  startedMs: number;
}

export interface Count {
  current: number;
  /** Milliseconds left in the window. */
  ttl: number;
}

/** Fixed windows per key, the oldest keys dropped beyond `capacity` (as the plugin's own store). */
export class WindowCounts {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly capacity = 5000) {}

  hit(key: string, timeWindow: number, nowMs: number): Count {
    let window = this.windows.get(key);
    if (!window || window.startedMs + timeWindow <= nowMs) window = { current: 0, startedMs: nowMs };
    window.current++;
    // Re-inserted last: a Map iterates in insertion order, so the first key is the least recent.
    this.windows.delete(key);
    this.windows.set(key, window);
    if (this.windows.size > this.capacity) this.windows.delete(this.windows.keys().next().value as string);
    return { current: window.current, ttl: window.startedMs + timeWindow - nowMs };
  }
}

interface Ask {
  parallax: 'rate-limit';
  id: number;
  key: string;
  timeWindow: number;
}
interface Answer extends Count {
  parallax: 'rate-limit';
  id: number;
}

const isAsk = (message: unknown): message is Ask =>
  (message as Ask | undefined)?.parallax === 'rate-limit' && typeof (message as Ask).key === 'string';

/** In the primary: answers every worker's asks from one table. */
export function serveRateCounts(counts = new WindowCounts()): void {
  cluster.on('message', (worker, message: unknown) => {
    if (!isAsk(message)) return;
    const answer: Answer = {
      parallax: 'rate-limit',
      id: message.id,
      ...counts.hit(message.key, message.timeWindow, Date.now()),
    };
    worker.send(answer);
  });
}

type Callback = (error: Error | null, count?: Count) => void;

/**
 * The asks in flight from this worker, by id: one table and one listener for the process, whatever
 * number of apps (a new one per dataset) and stores it builds.
 */
const waiting = new Map<number, Callback>();
let nextId = 0;
let listening = false;

function ask(key: string, timeWindow: number, callback: Callback): void {
  if (!process.send) {
    callback(new Error('a shared rate limit needs a cluster primary'));
    return;
  }
  if (!listening) {
    listening = true;
    process.on('message', (message: unknown) => {
      const answer = message as Answer | undefined;
      if (answer?.parallax !== 'rate-limit') return;
      const done = waiting.get(answer.id);
      waiting.delete(answer.id);
      done?.(null, { current: answer.current, ttl: answer.ttl });
    });
  }
  const id = nextId++;
  waiting.set(id, callback);
  const message: Ask = { parallax: 'rate-limit', id, key, timeWindow };
  process.send(message);
}

/** In a worker: a @fastify/rate-limit store whose counts are the primary's. */
export class SharedRateStore {
  incr(key: string, callback: Callback, timeWindow: number): void {
    ask(key, timeWindow, callback);
  }

  child(): SharedRateStore {
    return this;
  }
}
