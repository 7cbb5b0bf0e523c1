import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { type AnnotationFile, AnnotationFileSchema } from './annotation-schema.js';
import { jsonPath, type SeedIssue } from './issues.js';

/** One annotation file, validated, with the text it indexes into. */
export interface SeedFile {
  /** Path as shown in messages (relative to the working directory when possible). */
  file: string;
  annotation: AnnotationFile;
  /** Undefined when the text file could not be read (an issue says why). */
  text: string | undefined;
}

export interface ReadResult {
  files: SeedFile[];
  issues: SeedIssue[];
  /** sha256 over every annotation and text file read, in name order. */
  contentHash: string;
}

function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

/** Reads and validates every `*.json` annotation in `dir`. Never throws for bad content. */
export async function readSeeds(dir: string): Promise<ReadResult> {
  const issues: SeedIssue[] = [];
  const files: SeedFile[] = [];
  const hash = createHash('sha256');
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      files,
      issues: [{ file: displayPath(dir), path: '$', message: `cannot read the seeds folder: ${reason}` }],
      contentHash: '',
    };
  }
  if (names.length === 0)
    issues.push({ file: displayPath(dir), path: '$', message: 'no annotation files (*.json) found' });

  for (const name of names) {
    const full = path.join(dir, name);
    const file = displayPath(full);
    const raw = await readFile(full, 'utf8');
    hash.update(`${name}\0${raw}\0`);
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      issues.push({ file, path: '$', message: `not valid JSON: ${(error as Error).message}` });
      continue;
    }
    const parsed = AnnotationFileSchema.safeParse(json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        issues.push({ file, path: jsonPath(issue.path), message: issue.message });
      continue;
    }
    const annotation = parsed.data;
    let text: string | undefined;
    try {
      text = await readFile(path.join(dir, annotation.source.text), 'utf8');
      hash.update(`${annotation.source.text}\0${text}\0`);
    } catch {
      issues.push({
        file,
        path: 'source.text',
        message: `the text file ${annotation.source.text} is missing beside ${name}`,
      });
    }
    files.push({ file, annotation, text });
  }
  return { files, issues, contentHash: hash.digest('hex') };
}
