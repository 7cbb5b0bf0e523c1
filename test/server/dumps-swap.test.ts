import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { dumpsDirOf } from '../../src/features/dumps/manifest.js';
import { DEFAULT_SEEDS_DIR } from '../../src/seed/defaults.js';
import { seed } from '../../src/seed/load.js';
import { DUMPS } from '../../src/features/dumps/beside.js';
import { retitledSeeds } from '../helpers.js';
import { seededDatabase, startServer } from './process.js';

/**
 * Downloads while datasets are swapped in under a running server, with real processes (one, then
 * two workers): every file `/v1/dumps` lists answers 200 at its URL, with the bytes its `sha256`
 * says, named after the version it was listed under, however many swaps happen between the list
 * and the download. Old versions' dumps are retired by the server once nothing serves them.
 */

type Server = Awaited<ReturnType<typeof startServer>>;

interface Listed {
  dataset_version: string;
  files: { name: string; url: string; sha256: string }[];
}

const SWAPS = 4;

let file: string;
/** The seeds, and two copies with one event retitled: three dataset versions to swap between. */
let variants: string[];
beforeAll(async () => {
  let dir: string;
  ({ dir, file } = await seededDatabase());
  variants = [DEFAULT_SEEDS_DIR, retitledSeeds(dir, 'Variant one'), retitledSeeds(dir, 'Variant two')];
});

const sha256 = (bytes: ArrayBuffer) => createHash('sha256').update(Buffer.from(bytes)).digest('hex');

/** Clients that list the dumps and download one listed file after another, checking each. */
function keepDownloading(server: Server, clients = 3) {
  const failures: string[] = [];
  const versions = new Set<string>();
  let downloads = 0;
  let running = true;
  const loops = Array.from({ length: clients }, async (_, c) => {
    for (let i = c; running; i++) {
      try {
        const list = (await (await fetch(`${server.url}/v1/dumps`)).json()) as Listed;
        versions.add(list.dataset_version);
        // Each round downloads two files, the database every third round.
        const picks = [list.files[i % (list.files.length - 1)], i % 3 === 0 ? list.files.at(-1) : undefined];
        for (const listed of picks) {
          if (!listed) continue;
          const res = await fetch(`${server.url}${listed.url}`, { signal: AbortSignal.timeout(10_000) });
          const body = await res.arrayBuffer();
          downloads++;
          const where = `${listed.url} (listed under ${list.dataset_version})`;
          if (res.status !== 200) failures.push(`${where}: ${res.status}`);
          else if (sha256(body) !== listed.sha256) failures.push(`${where}: other bytes`);
          else if (!res.headers.get('content-disposition')?.includes(`-${list.dataset_version}.`))
            failures.push(`${where}: named ${res.headers.get('content-disposition')}`);
        }
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
  });
  return {
    failures,
    versions,
    downloads: () => downloads,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

async function servedVersion(server: Server): Promise<string> {
  return ((await (await fetch(`${server.url}/readyz`)).json()) as { dataset_version: string })
    .dataset_version;
}

/** Polls (bounded) until `check` holds. */
async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const versionFolders = () => readdirSync(dumpsDirOf(file)).filter((e) => !e.startsWith('.'));

describe.each([
  ['one process', {}],
  ['two workers', { WORKERS: '2' }],
])('dumps under repeated hot swaps, %s', (_name, env: Record<string, string>) => {
  it('never 404 a listed file, and always send the listed version’s bytes', async () => {
    await seed(DEFAULT_SEEDS_DIR, file, { beside: DUMPS });
    const server = await startServer({ DATABASE_PATH: file, RATE_LIMIT_MAX: '0', ...env });
    const load = keepDownloading(server);
    await until(() => load.downloads() >= 10, 'first downloads');
    let version = await servedVersion(server);
    for (let swap = 1; swap <= SWAPS; swap++) {
      const next = (
        await seed(variants[swap % variants.length] ?? DEFAULT_SEEDS_DIR, file, { beside: DUMPS })
      ).datasetVersion;
      expect(next).not.toBe(version);
      // With two workers the other may not have switched yet: what it lists stays good (it holds
      // its version's lease), which is the point.
      await until(async () => (await servedVersion(server)) === next, `serving ${next}`);
      const seen = load.downloads();
      await until(() => load.downloads() >= seen + 10, 'downloads after the swap');
      version = next;
    }
    await load.stop();

    expect(load.failures).toEqual([]);
    expect(load.versions.size).toBe(variants.length);
    // Nothing serves the versions before the last two any more: the server has retired them.
    await until(() => versionFolders().length === 2, `two versions kept (have ${versionFolders()})`);
    expect(versionFolders()).toContain(version);
    server.child.kill('SIGTERM');
  });
});
