import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { generateSynthetic, type SyntheticOptions, type SyntheticRow } from './generate.js';

/**
 * The synthetic generator on a thread of its own, so that on two cores it makes the next rows while
 * the main thread writes the last ones into SQLite (on 1M events each side takes about half of the
 * row phase). Rows come in batches, in exactly the order `generateSynthetic` yields them, and at
 * most `inFlight` batches wait at a time: memory stays bounded however fast either side is.
 */

const BATCH_ROWS = 4096;
const TAG = 'parallax:synthetic-generator';

interface WorkerInput {
  tag: typeof TAG;
  options: SyntheticOptions;
  inFlight: number;
}

type WorkerMessage = { rows: SyntheticRow[] } | { done: true };

/** This module, started as the worker. Under tsx the source is TypeScript, which the worker must load through tsx too. */
function startWorker(input: WorkerInput): Worker {
  const self = import.meta.url;
  if (!self.endsWith('.ts')) return new Worker(new URL(self), { workerData: input });
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(self)}); })`;
  return new Worker(bootstrap, { eval: true, workerData: input });
}

/** The rows of `generateSynthetic(options)`, in batches made on another thread. */
export async function* generateOnThread(
  options: SyntheticOptions,
  inFlight = 4,
): AsyncGenerator<SyntheticRow[]> {
  const worker = startWorker({ tag: TAG, options, inFlight });
  const queue: SyntheticRow[][] = [];
  let done = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  worker.on('message', (message: WorkerMessage) => {
    if ('rows' in message) queue.push(message.rows);
    else done = true;
    wake?.();
  });
  worker.on('error', (error) => {
    failure = error;
    wake?.();
  });
  worker.on('exit', (code) => {
    if (!done) failure ??= new Error(`the generator thread stopped (exit code ${code})`);
    wake?.();
  });
  try {
    for (;;) {
      const batch = queue.shift();
      if (batch) {
        yield batch;
        worker.postMessage('more'); // one more batch may be made
      } else if (failure) throw failure;
      else if (done) return;
      else await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    await worker.terminate();
  }
}

/** The worker's side: generate, and send a batch whenever the main thread has room for one. */
async function runWorker({ options, inFlight }: WorkerInput): Promise<void> {
  const port = parentPort;
  if (!port) return;
  let credits = inFlight;
  let wake: (() => void) | undefined;
  port.on('message', () => {
    credits++;
    wake?.();
  });
  let batch: SyntheticRow[] = [];
  const send = async () => {
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
    credits--;
    port.postMessage({ rows: batch } satisfies WorkerMessage);
    batch = [];
  };
  for (const row of generateSynthetic(options)) {
    batch.push(row);
    if (batch.length === BATCH_ROWS) await send();
  }
  if (batch.length > 0) await send();
  port.postMessage({ done: true } satisfies WorkerMessage);
}

if (!isMainThread && (workerData as Partial<WorkerInput> | null)?.tag === TAG)
  await runWorker(workerData as WorkerInput);
