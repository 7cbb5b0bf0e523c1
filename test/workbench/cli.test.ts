import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../seed/seed-helpers.js';
import { copySeeds, tempDir } from '../helpers.js';

/** `npm run annotate` as a newcomer starts it: on loopback, saying so, with the link that carries the token. */

let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill();
  child = undefined;
});

/** The command's first two lines of output. */
async function started(args: string[]): Promise<string[]> {
  child = spawn(process.execPath, ['--import', 'tsx', 'src/workbench/cli.ts', ...args], { cwd: ROOT });
  let out = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => (out += chunk));
  while (out.split('\n').length < 3) await once(child.stdout ?? child, 'data');
  return out.trim().split('\n');
}

describe('npm run annotate', () => {
  const parent = tempDir();

  it('binds 127.0.0.1, says so, and prints a link whose token opens the API', async () => {
    const seeds = copySeeds(parent);
    const [where, link] = await started(['--seeds', seeds, '--port', '0']);
    expect(where).toMatch(/^workbench over .*seeds, listening on 127\.0\.0\.1 only \(--host to change\)$/u);
    const url = new URL(/^open (\S+)$/u.exec(link ?? '')?.[1] ?? '');
    expect(url.hostname).toBe('127.0.0.1');
    const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
    expect(token).toMatch(/^[\w-]{32}$/u);
    const files = await fetch(new URL('/api/files', url), { headers: { 'x-workbench-token': token } });
    expect(files.status).toBe(200);
    expect((await fetch(new URL('/api/files', url))).status).toBe(403);
  });

  it('refuses a bad port in one line with the usage', async () => {
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) =>
      execFile(
        process.execPath,
        ['--import', 'tsx', 'src/workbench/cli.ts', '--port', 'many'],
        { cwd: ROOT },
        (error, _out, stderr) =>
          resolve({ code: error && typeof error.code === 'number' ? error.code : 0, stderr }),
      ),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^annotate: --port many: not a port\nusage: npm run annotate/u);
  });
});
