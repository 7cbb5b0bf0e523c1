import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { DEFAULT_SEEDS_DIR } from '../seed/defaults.js';
import { buildWorkbench } from './app.js';
import { SeedsFolder } from './files.js';

/**
 * The annotate command: the workbench over a seeds folder, on this machine only unless told.
 *
 *   npm run annotate -- [--seeds DIR] [--port N] [--host ADDRESS]
 */

const USAGE = 'usage: npm run annotate -- [--seeds DIR] [--port N] [--host ADDRESS]';

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      seeds: { type: 'string', default: DEFAULT_SEEDS_DIR },
      port: { type: 'string', default: '4400' },
      host: { type: 'string', default: '127.0.0.1' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port ${values.port}: not a port`);
  const seeds = await SeedsFolder.open(values.seeds);
  const token = randomBytes(24).toString('base64url');
  // The Host names a request may give are known only once bound (a --port 0 picks one).
  const hosts: string[] = [];
  const app = await buildWorkbench({ seeds, token, hosts });
  await app.listen({ port, host: values.host });
  const bound = (app.server.address() as AddressInfo).port;
  const host = values.host.includes(':') ? `[${values.host}]` : values.host;
  hosts.push(`${host}:${bound}`);
  if (values.host === '127.0.0.1' || values.host === '::1') hosts.push(`localhost:${bound}`);
  const where =
    values.host === '127.0.0.1' ? '127.0.0.1 only (--host to change)' : `${values.host}, as --host asked`;
  console.log(`workbench over ${seeds.root}, listening on ${where}`);
  console.log(`open http://${host}:${bound}/#token=${token}`);
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  console.error(`annotate: ${(error as Error).message}`);
  console.error(USAGE);
  process.exitCode = 2;
}
