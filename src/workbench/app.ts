import { timingSafeEqual } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { STATUS_CODES } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SourceText } from '../domain/spans.js';
import { EvidenceWriter } from '../propose/evidence.js';
import { loadRecord } from '../propose/record.js';
import { AnnotationFileSchema } from '../seed/annotation-schema.js';
import { formatIssue, jsonPath, SeedError } from '../seed/issues.js';
import { seed } from '../seed/load.js';
import { issuesOfFile } from '../seed/resolve/index.js';
import type { SeedsFolder } from './files.js';
import { type Revisioned, WorkbenchFileError } from './files.js';
import { workbenchPage } from './page.js';
import { reviewQueue, spansOf } from './review.js';

/**
 * The annotation workbench's server: the seeds folder's annotation files, read with their revision,
 * checked by the seed's own code and saved atomically. It writes, so it trusts only its own page:
 * every /api/ request must carry the token the page was served with, name this server in `Host`
 * (no DNS rebinding), and, where the browser says, come from the same origin.
 */

export interface WorkbenchOptions {
  seeds: SeedsFolder;
  /** The secret every /api/ request carries in `X-Workbench-Token`. */
  token: string;
  /** The `host:port` values a request may name (the address it is bound to). */
  hosts: readonly string[];
}

/** A draft of a 5 kB article is about 50 kB; a 1 MB article's annotation stays well under this. */
const BODY_LIMIT = 4 * 1024 * 1024;

const Name = z.object({ name: z.string() });
const Save = z.object({ document: z.unknown() });
const Selection = z.object({ start: z.number().int().min(0), end: z.number().int().min(1) });

class Problem extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues?: string[],
  ) {
    super(message);
  }
}

export async function buildWorkbench({ seeds, token, hosts }: WorkbenchOptions): Promise<FastifyInstance> {
  const app = Fastify({ bodyLimit: BODY_LIMIT, logger: false });
  const page = await workbenchPage();
  app.addHook('onRequest', async (request) => guard(request, token, hosts));
  app.setErrorHandler((error, request, reply) => sendProblem(request, reply, error));
  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, new Problem(404, `no ${request.method} ${request.url} here`)),
  );
  page.register(app);

  app.get('/api/files', async () => ({ files: await seeds.annotations() }));
  app.get('/api/files/:name', async (request) => {
    const file = await seeds.read(param(request));
    const document = parseJson(file);
    return { ...(await viewOf(seeds, file.name, document)), revision: file.revision, document };
  });
  app.post('/api/files/:name/check', async (request) => {
    const { document } = body(Save, request);
    return viewOf(seeds, param(request), document);
  });
  app.put('/api/files/:name', async (request) => {
    const name = param(request);
    const { document } = body(Save, request);
    refuseInvalid(document);
    const expected = request.headers['if-match'];
    if (typeof expected !== 'string')
      throw new Problem(428, 'a save needs If-Match: the revision the file was opened at');
    const saved = await seeds.write(name, formatted(document), unquote(expected));
    return { ...(await viewOf(seeds, name, document)), revision: saved.revision };
  });
  app.post('/api/files/:name/evidence', async (request) => {
    const { start, end } = body(Selection, request);
    const text = await textOf(seeds, param(request));
    return { ref: evidenceRef(text, start, end) };
  });
  app.post('/api/finish', async () => finish(seeds));
  return app;
}

/** What the page shows for a document: its spans, its review queue and the seed's problems. */
async function viewOf(seeds: SeedsFolder, name: string, document: unknown) {
  const text = await textOf(seeds, name);
  const record = await loadRecord(seeds.root, name);
  const issues = issuesOfFile(document, text, name, record.files).map((i) => ({
    path: i.path,
    message: i.message,
    ...(i.warning ? { warning: true } : {}),
    ...(i.proposed ? { proposed: true } : {}),
  }));
  return { text, spans: spansOf(document, text), queue: reviewQueue(document, record), issues };
}

/** The article an annotation file indexes into: the `.txt` of the same base name. */
async function textOf(seeds: SeedsFolder, name: string): Promise<string> {
  if (!name.endsWith('.json')) throw new WorkbenchFileError(404, `${name}: not an annotation file`);
  return (await seeds.read(`${name.slice(0, -'.json'.length)}.txt`)).body;
}

/** The reference the seed resolves to exactly these words (code points `start`–`end`). */
function evidenceRef(text: string, start: number, end: number) {
  const body = new SourceText(text);
  if (end <= start || end > body.length)
    throw new Problem(
      422,
      `the selection ${start}–${end} is not within the article (${body.length} characters)`,
    );
  const ref = new EvidenceWriter(text).ref(body.toCodeUnit(start), body.toCodeUnit(end));
  if (ref === undefined)
    throw new Problem(
      422,
      'these words recur with the same 200 characters around them; select a longer passage',
    );
  return ref;
}

/** The seeds folder built into a scratch database with `--strict`: done, or what remains. */
async function finish(seeds: SeedsFolder) {
  const dir = await mkdtemp(path.join(tmpdir(), 'parallax-finish-'));
  try {
    const result = await seed(seeds.root, path.join(dir, 'check.db'), { strict: true });
    return { passed: true, counts: result.counts, remaining: [] };
  } catch (error) {
    if (!(error instanceof SeedError)) throw error;
    const remaining = error.issues.map((i) => formatIssue({ ...i, file: path.basename(i.file) }));
    return { passed: false, remaining };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The file as it is written: two-space JSON and a final newline, keys in the order the page keeps. */
export function formatted(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

function refuseInvalid(document: unknown): void {
  const parsed = AnnotationFileSchema.safeParse(document);
  if (!parsed.success)
    throw new Problem(
      422,
      'the document is not an annotation file; nothing was written',
      parsed.error.issues.map((i) => `${jsonPath(i.path)}: ${i.message}`),
    );
}

function parseJson(file: Revisioned): unknown {
  try {
    return JSON.parse(file.body);
  } catch (error) {
    throw new Problem(422, `${file.name} is not JSON (${(error as Error).message}); fix it in an editor`);
  }
}

function param(request: FastifyRequest): string {
  return Name.parse(request.params).name;
}

function body<T>(schema: z.ZodType<T>, request: FastifyRequest): T {
  const parsed = schema.safeParse(request.body);
  if (!parsed.success)
    throw new Problem(
      400,
      'the request body is not what this operation takes',
      parsed.error.issues.map((i) => `${jsonPath(i.path)}: ${i.message}`),
    );
  return parsed.data;
}

/** `"abc"` or `W/"abc"` → `abc`; `*` never matches (a save names the revision it replaces). */
function unquote(tag: string): string {
  return tag.replace(/^W\//u, '').replace(/^"(.*)"$/u, '$1');
}

/**
 * Refuses a request not from this server's own page: an unknown `Host` (a rebound DNS name), and,
 * on /api/, a missing or wrong token, a cross-site `Sec-Fetch-Site` or a foreign `Origin`.
 */
function guard(request: FastifyRequest, token: string, hosts: readonly string[]): void {
  const host = request.headers.host ?? '';
  if (!hosts.includes(host)) throw new Problem(421, `this workbench does not answer for host "${host}"`);
  if (!request.url.startsWith('/api/')) return;
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none')
    throw new Problem(403, `a ${site} request may not use the workbench`);
  const origin = request.headers.origin;
  if (origin !== undefined && !hosts.some((h) => origin === `http://${h}`))
    throw new Problem(403, `requests from ${origin} may not use the workbench`);
  const given = request.headers['x-workbench-token'];
  if (typeof given !== 'string' || !sameSecret(given, token))
    throw new Problem(403, 'the request lacks the workbench token; reload the page the workbench printed');
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function sendProblem(request: FastifyRequest, reply: FastifyReply, error: unknown) {
  const { status, detail, issues } = problemOf(error);
  return reply
    .code(status)
    .type('application/problem+json')
    .send({
      type: 'about:blank',
      title: STATUS_CODES[status] ?? 'Error',
      status,
      detail,
      instance: request.url,
      ...(issues ? { issues } : {}),
    });
}

function problemOf(error: unknown): { status: number; detail: string; issues?: string[] | undefined } {
  if (error instanceof Problem) return { status: error.status, detail: error.message, issues: error.issues };
  if (error instanceof WorkbenchFileError) return { status: error.status, detail: error.message };
  const { statusCode, message } = error as { statusCode?: number; message?: string };
  if (statusCode !== undefined && statusCode >= 400 && statusCode < 500)
    return { status: statusCode, detail: message ?? 'bad request' };
  console.error(error);
  return { status: 500, detail: 'the workbench failed; its console says why' };
}
