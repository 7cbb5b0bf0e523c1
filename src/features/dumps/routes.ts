import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { named } from '../../component.js';
import type { ZodApp } from '../../http/zod-app.js';
import { HttpProblem, notFound, problems } from '../../http/problems.js';
import { NoQuerySchema } from '../../http/querystring.js';
import { MEDIA_TYPES } from '../../http/representations/formats.js';
import {
  DUMP_FORMATS,
  type DumpFile,
  DumpFileSchema,
  type DumpManifest,
  readManifest,
  SQLITE_MEDIA_TYPE,
  versionDir,
} from './manifest.js';
import { leaseVersion } from './retention.js';

/**
 * `GET /v1/dumps`: the whole-dataset files of the dataset being served, and `GET /v1/dumps/{file}`:
 * one of them, with byte ranges (a dropped download resumes) and the file's own validators. Only the
 * files a manifest lists are served; the names come from it, never from the path. Every file,
 * the database included, is read from its version's own folder, so a download is the bytes of the
 * version it is listed under even while a new dataset is swapped in; a listed URL names its version,
 * and stays good as long as that version is kept (retention.ts), whichever dataset is being served.
 */

const DumpListSchema = named(
  'DumpList',
  'The whole-dataset files of the dataset being served (built by the seed command with the database; none for a database built without them).',
  z.object({
    dataset_version: z.string(),
    files: z.array(
      named(
        'DumpFile',
        'One whole-dataset file: a resource’s whole list (NDJSON or CSV, as its export gives it) or the SQLite database itself.',
        DumpFileSchema.extend({
          url: z
            .string()
            .describe(
              'Where to download it: `/v1/dumps/{name}?version={dataset_version}`, these very bytes while the version is kept.',
            ),
        }),
      ),
    ),
  }),
);

/** A download's body, named like every other answer's schema. */
const DumpContentSchema = named(
  'DumpContent',
  'The bytes of one whole-dataset file, as its `media_type` says: NDJSON or CSV text (UTF-8), or the SQLite database; the whole file (200) or the range asked for (206).',
  z.string(),
);

/** What a dump can be, for the document. */
const MEDIA_TYPES_OF_DUMPS = [...DUMP_FORMATS.map((f) => MEDIA_TYPES[f]), SQLITE_MEDIA_TYPE];

const FileParamsSchema = z.strictObject({
  file: z.string().min(1).max(100).describe('A file name the dump list gives.'),
});

const FileQuerySchema = z.strictObject({
  version: z
    .string()
    .regex(/^[0-9A-Za-z][0-9A-Za-z._-]{0,99}$/)
    .optional()
    .describe(
      'The dataset version the file was listed under (the list’s `url` carries it); the version being served when absent. A version no longer kept answers 404.',
    ),
});

/** How long a download may be reused: a versioned URL's bytes never change. */
const CACHE_CONTROL = { current: 'public, max-age=60', versioned: 'public, max-age=31536000, immutable' };

/** The media type a file is sent as. */
const contentTypeOf = (f: DumpFile) =>
  f.format === 'sqlite' ? f.media_type : `${f.media_type}; charset=utf-8`;

export const dumpRoutes: FastifyPluginAsyncZod<{ database: string; datasetVersion: string }> = async (
  app,
  { database, datasetVersion },
) => {
  // Leased before the files are looked at, so that no other process retires them in between.
  holdLease(app, database, datasetVersion);
  const manifest = servedManifest(database, datasetVersion);
  await app.register(fastifyStatic, { root: versionDir(database, datasetVersion), serve: false });

  app.get(
    '/v1/dumps',
    {
      config: { operation: 'item' },
      schema: {
        operationId: 'listDumps',
        tags: ['sources'],
        summary: 'List the whole-dataset files',
        description:
          'Every resource’s whole list as NDJSON and CSV (the same bytes as its export without filters) and the SQLite database itself, each with its size and SHA-256, for the dataset version being served.',
        querystring: NoQuerySchema,
        response: { 200: DumpListSchema, ...problems(400) },
      },
    },
    async () => ({
      dataset_version: manifest.dataset_version,
      files: manifest.files.map((file) => ({
        ...file,
        url: `/v1/dumps/${file.name}?version=${encodeURIComponent(datasetVersion)}`,
      })),
    }),
  );

  dumpFileRoute(app, { database, datasetVersion, manifest });
};

/**
 * Holds a lease on the version's dumps while `app` is open (retention.ts); a database built without
 * dumps has none to hold, and a folder that cannot be written is served without one.
 */
function holdLease(app: FastifyInstance, database: string, version: string): void {
  if (!existsSync(versionDir(database, version))) return;
  try {
    const release = leaseVersion(database, version);
    app.addHook('onClose', async () => release());
  } catch (error) {
    app.log.warn({ err: error }, 'the dumps folder cannot be written: no lease on this version’s dumps');
  }
}

/**
 * What this app lists: the files of its version's manifest that are in its folder (a database
 * built by an earlier release has no copy of itself there, and lists none).
 */
function servedManifest(database: string, version: string): DumpManifest {
  const manifest = readManifest(database, version) ?? { dataset_version: version, files: [] };
  const dir = versionDir(database, version);
  return { ...manifest, files: manifest.files.filter((f) => existsSync(path.join(dir, f.name))) };
}

/** Another version's manifest while its dumps are kept. */
function keptManifest(database: string, version: string): DumpManifest | undefined {
  try {
    return readManifest(database, version);
  } catch {
    return undefined;
  }
}

/** The dumps a process serves: its database, the version it serves, and that version's manifest. */
interface ServedDumps {
  database: string;
  datasetVersion: string;
  manifest: DumpManifest;
}

/** One file of the dumps: of the version served, or of another still kept. */
function dumpFileRoute(app: ZodApp, { database, datasetVersion, manifest }: ServedDumps) {
  const sentAs = new WeakMap<object, string>();
  app.get(
    '/v1/dumps/:file',
    {
      config: { operation: 'file' },
      // Dumps are sent as they are: compressing would break byte ranges.
      compress: false,
      // The sender types a file by its extension: the manifest's media type wins.
      onSend: async (request, reply, payload) => {
        const type = sentAs.get(request);
        if (type && reply.statusCode < 300) reply.type(type);
        return payload;
      },
      schema: {
        operationId: 'getDump',
        tags: ['sources'],
        summary: 'Download a whole-dataset file',
        description:
          'One file of the dump list, as its `media_type`, with `Content-Disposition` naming it after its dataset version. `Range` requests are answered with 206 (a dropped download resumes); `ETag` and `Last-Modified` are the file’s. With `version` (as the list’s `url` gives it) the answer is that version’s bytes, cacheable for good, for as long as the version is kept: the one being served, the one before it, and any other that a server process sharing the folder still serves.',
        params: FileParamsSchema,
        querystring: FileQuerySchema,
        'x-media-types': [...new Set(MEDIA_TYPES_OF_DUMPS)],
        response: { 200: DumpContentSchema, ...problems(400, 404) },
      },
    },
    async (request, reply) => {
      const name = request.params.file;
      const version = request.query.version ?? datasetVersion;
      const listed = version === datasetVersion ? manifest : keptManifest(database, version);
      if (!listed)
        throw new HttpProblem(
          404,
          `the dumps of dataset version "${version}" are no longer kept; GET /v1/dumps lists those of the version being served`,
        );
      const file = listed.files.find((f) => f.name === name);
      if (!file) throw notFound('dump file', name);
      const [stem, ext] = file.format === 'sqlite' ? ['parallax', 'sqlite'] : [file.resource, file.format];
      sentAs.set(request, contentTypeOf(file));
      reply
        .header('cache-control', request.query.version ? CACHE_CONTROL.versioned : CACHE_CONTROL.current)
        .header('content-disposition', `attachment; filename="${stem}-${version}.${ext}"`);
      const opts = { cacheControl: false as const, acceptRanges: true };
      return version === datasetVersion
        ? reply.sendFile(file.name, opts)
        : reply.sendFile(file.name, versionDir(database, version), opts);
    },
  );
}
