import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSeededApp } from '../helpers.js';

/**
 * The README's "A typed client", as a newcomer follows it: for each generator, its command and its
 * code exactly as written (the server's address aside), in a project `tsc --init` made, compiled
 * there and run against a live server. And the claim that openapi-fetch needs its one type
 * argument: without it, the same code does not compile.
 */

const run = promisify(execFile);
const HERE = import.meta.dirname;
const ROOT = path.resolve(HERE, '../..');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');
/** The address the README's code uses, and the only thing changed in it. */
const README_ORIGIN = 'http://127.0.0.1:3000';

const ctx = useSeededApp();
let baseUrl: string;
beforeAll(async () => {
  await ctx.app.listen({ host: '127.0.0.1', port: 0 });
  const address = ctx.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  baseUrl = `http://127.0.0.1:${address.port}`;
});

/** The shell command and the TypeScript after `<!-- readme-sdk: NAME -->`. */
function readmeBlocks(name: string): { command: string; code: string } {
  const start = README.indexOf(`<!-- readme-sdk: ${name} -->`);
  expect(start, `README has no <!-- readme-sdk: ${name} -->`).toBeGreaterThanOrEqual(0);
  const after = README.slice(start);
  const command = /```sh\n([\s\S]*?)```/.exec(after)?.[1]?.trim();
  const code = /```ts\n([\s\S]*?)```/.exec(after)?.[1];
  if (!command || !code) throw new Error(`README's ${name} section lacks a sh or a ts block`);
  return { command, code };
}

/**
 * A fresh project folder (inside the repository, so that its packages resolve), set up by
 * tsc --init, with the options the README says to change.
 */
async function project(name: string, changes: Record<string, boolean> = {}): Promise<string> {
  const dir = path.join(HERE, 'generated', `readme-${name}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await run(process.execPath, [TSC, '--init'], { cwd: dir });
  const file = path.join(dir, 'tsconfig.json');
  let tsconfig = readFileSync(file, 'utf8');
  for (const [option, value] of Object.entries(changes)) {
    const set = tsconfig.replace(new RegExp(`"${option}": (true|false)`), `"${option}": ${value}`);
    expect(set, `tsc --init sets ${option}`).not.toBe(tsconfig);
    tsconfig = set;
  }
  writeFileSync(file, tsconfig);
  return dir;
}

const here = (text: string) => text.replaceAll(README_ORIGIN, baseUrl);

async function compile(dir: string): Promise<string> {
  const result = await run(process.execPath, [TSC, '-p', '.'], { cwd: dir }).catch(
    (error: { stdout: string }) => ({ stdout: error.stdout }),
  );
  return result.stdout;
}

/** Generates, compiles and runs the README's code for `name`; what it printed. */
async function followReadme(
  name: string,
  changes: Record<string, boolean> = {},
): Promise<{ dir: string; code: string; printed: string[] }> {
  const { command, code } = readmeBlocks(name);
  const dir = await project(name, changes);
  await run('sh', ['-c', here(command)], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
  writeFileSync(path.join(dir, 'main.ts'), here(code));
  expect(await compile(dir)).toBe('');
  const { stdout } = await run(process.execPath, ['main.js'], { cwd: dir });
  return { dir, code, printed: stdout.trim().split('\n') };
}

/** The first page the README's code asks for, from the API itself. */
async function expectedPage(): Promise<{ lines: string[]; cursor: string }> {
  const res = await fetch(`${baseUrl}/v1/events?from=2020-06-15&to=2020-06-24&limit=5`);
  const page = (await res.json()) as {
    data: { id: string; title: string; date: { start: string } }[];
    page: { next_cursor: string | null };
  };
  expect(page.data).toHaveLength(5);
  return {
    lines: page.data.map((e) => `${e.id} ${e.date.start} ${e.title}`),
    cursor: String(page.page.next_cursor),
  };
}

describe('the README’s typed client', () => {
  it('with @hey-api/openapi-ts: generates, compiles under tsc --init and reads the page', async () => {
    // The one option the README says to change (hey-api/hey-api#2236).
    const { printed } = await followReadme('hey-api', { exactOptionalPropertyTypes: false });
    const { lines, cursor } = await expectedPage();
    expect(printed).toEqual([...lines, cursor]);
  });

  it('with openapi-fetch: generates, compiles under tsc --init and reads the page', async () => {
    const { dir, code, printed } = await followReadme('openapi-fetch');
    const { lines, cursor } = await expectedPage();
    expect(printed).toEqual([...lines, cursor]);

    // The README says the type argument is needed: without it, `data` is every representation.
    const bare = code.replace(
      "createClient<paths, 'application/json' | 'application/problem+json'>(",
      'createClient<paths>(',
    );
    expect(bare).not.toBe(code);
    writeFileSync(path.join(dir, 'main.ts'), here(bare));
    expect(await compile(dir)).toMatch(/main\.ts\(\d+,\d+\): error TS2339: Property 'data' does not exist/);
  });
});
