import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { named } from '../../http/component.js';
import { notFound, problems } from '../../http/problems.js';
import { NoQuerySchema } from '../../http/querystring.js';
import { MEDIA_TYPES } from '../../http/representations/formats.js';
import {
  DUMP_FORMATS,
  DumpFileSchema,
  type DumpManifest,
  readManifest,
  SQLITE_MEDIA_TYPE,
  versionDir,
} from './manifest.js';

/**
 * `GET /v1/dumps`: the whole-dataset files of the dataset being served, and `GET /v1/dumps/{file}`:
 * one of them, with byte ranges (a dropped download resumes) and the file's own validators. Only the
 * files the manifest lists are served; the names come from it, never from the path.
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
        DumpFileSchema.extend({ url: z.string().describe('Where to download it.') }),
      ),
    ),
  }),
);

/** What a dump can be, for the document. */
const MEDIA_TYPES_OF_DUMPS = [...DUMP_FORMATS.map((f) => MEDIA_TYPES[f]), SQLITE_MEDIA_TYPE];

const FileParamsSchema = z.strictObject({
  file: z.string().min(1).max(100).describe('A file name the dump list gives.'),
});

export const dumpRoutes: FastifyPluginAsyncZod<{ database: string; datasetVersion: string }> = async (
  app,
  { database, datasetVersion },
) => {
  const manifest: DumpManifest = readManifest(database, datasetVersion) ?? {
    dataset_version: datasetVersion,
    files: [],
  };
  const mediaTypes = new Map(
    manifest.files.map((f) => [
      f.name,
      f.format === 'sqlite' ? f.media_type : `${f.media_type}; charset=utf-8`,
    ]),
  );
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
      files: manifest.files.map((file) => ({ ...file, url: `/v1/dumps/${file.name}` })),
    }),
  );

  app.get(
    '/v1/dumps/:file',
    {
      config: { operation: 'file' },
      // Dumps are sent as they are: compressing would break byte ranges.
      compress: false,
      // The sender types a file by its extension (the database's `.db` as octet-stream): the
      // manifest's media type wins.
      onSend: async (request, reply, payload) => {
        const type = mediaTypes.get((request.params as { file: string }).file);
        if (type && reply.statusCode < 300) reply.type(type);
        return payload;
      },
      schema: {
        operationId: 'getDump',
        tags: ['sources'],
        summary: 'Download a whole-dataset file',
        description:
          'One file of the dump list, as its `media_type`, with `Content-Disposition` naming it after the dataset version. `Range` requests are answered with 206 (a dropped download resumes); `ETag` and `Last-Modified` are the file’s.',
        params: FileParamsSchema,
        querystring: NoQuerySchema,
        'x-media-types': [...new Set(MEDIA_TYPES_OF_DUMPS)],
        response: { 200: z.string().describe('The file’s bytes.'), ...problems(400, 404) },
      },
    },
    async (request, reply) => {
      const file = manifest.files.find((f) => f.name === request.params.file);
      if (!file) throw notFound('dump file', request.params.file);
      const [stem, ext] = file.format === 'sqlite' ? ['parallax', 'sqlite'] : [file.resource, file.format];
      reply
        .header('cache-control', 'public, max-age=60')
        .header('content-disposition', `attachment; filename="${stem}-${datasetVersion}.${ext}"`);
      const opts = { cacheControl: false as const, acceptRanges: true };
      return file.format === 'sqlite'
        ? reply.sendFile(path.basename(database), path.dirname(path.resolve(database)), opts)
        : reply.sendFile(file.name, opts);
    },
  );
};
