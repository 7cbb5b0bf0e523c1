import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** The dumps' manifest: what the seed wrote for a dataset version, and where it lives. */

/** Each resource is dumped in these formats (besides the SQLite file). */
export const DUMP_FORMATS = ['ndjson', 'csv'] as const;

export const SQLITE_MEDIA_TYPE = 'application/vnd.sqlite3';

/** The database's own file among the dumps. */
export const DATABASE_DUMP = 'parallax.sqlite';

/** One file as the manifest records it; the dump list adds where to download it. */
export const DumpFileSchema = z.object({
  name: z.string().describe('The file name: download it at `/v1/dumps/{name}`.'),
  resource: z
    .string()
    .nullable()
    .describe('The list it holds (`events`, `actors`, …); null for the database.'),
  format: z.enum([...DUMP_FORMATS, 'sqlite']),
  media_type: z.string(),
  size: z.number().int().nonnegative().describe('Bytes.'),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .describe('SHA-256 of the bytes, hex.'),
});
export type DumpFile = z.infer<typeof DumpFileSchema>;

/** What the seed writes as `manifest.json` beside the dumps. */
export const DumpManifestSchema = z.object({
  dataset_version: z.string(),
  files: z.array(DumpFileSchema),
});
export type DumpManifest = z.infer<typeof DumpManifestSchema>;

/** The folder of a database's dumps: `data/parallax.db` → `data/parallax.dumps/`. */
export function dumpsDirOf(database: string): string {
  const { dir, name } = path.parse(path.resolve(database));
  return path.join(dir, `${name}.dumps`);
}

/** The folder of one version's dumps. */
export function versionDir(database: string, version: string): string {
  return path.join(dumpsDirOf(database), version);
}

/** The manifest of `version`'s dumps beside `database`, or undefined when none were built. */
export function readManifest(database: string, version: string): DumpManifest | undefined {
  const file = path.join(versionDir(database, version), 'manifest.json');
  if (!existsSync(file)) return undefined;
  return DumpManifestSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}
