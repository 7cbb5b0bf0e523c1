import { copyFileSync, renameSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { LiveDataset } from '../../src/live-dataset.js';
import { tempDir, writeSynthetic } from '../helpers.js';

/**
 * The switch to a new dataset, in process: requests in flight finish on the old dataset, and one
 * log line, written once they have, says which versions and how many requests it drained.
 */

describe('a dataset switch', () => {
  it('logs one line with both versions and the requests the old dataset drained', async () => {
    const dir = tempDir();
    const served = path.join(dir, 'served.db');
    copyFileSync(writeSynthetic(dir, 100, 1), served);
    const lines: Record<string, unknown>[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    // A route that answers when told: requests held in flight across the switch.
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const server = createServer();
    const live = await LiveDataset.open(served, server, async (db, shared) => {
      const app = await buildApp({ db, server: shared, logger: { level: 'info', stream } });
      app.get('/held', async () => {
        await released;
        return { version: app.datasetVersion };
      });
      return app;
    });
    server.on('request', live.handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/held`;
    try {
      const held = [1, 2, 3].map(() => fetch(url).then((r) => r.json() as Promise<{ version: string }>));
      await until(() => lines.filter((l) => l.msg === 'incoming request').length === 3);

      copyFileSync(writeSynthetic(dir, 100, 2), `${served}.new`);
      renameSync(`${served}.new`, served);
      await live.reload('test');
      expect(live.app.datasetVersion).toBe('synthetic-100-2');
      expect(lines.filter((l) => l.msg === 'dataset switched')).toEqual([]);

      release();
      expect((await Promise.all(held)).map((a) => a.version)).toEqual(Array(3).fill('synthetic-100-1'));
      await until(() => lines.some((l) => l.msg === 'dataset switched'));
      const switched = lines.filter((l) => l.msg === 'dataset switched');
      expect(switched).toHaveLength(1);
      expect(switched[0]).toMatchObject({
        from: 'synthetic-100-1',
        to: 'synthetic-100-2',
        drained: 3,
        reason: 'test',
      });
    } finally {
      release();
      server.close();
      await live.shutdown();
    }
  });
});

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
