import { createHash, type Hash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { type AnnotationFile, AnnotationFileSchema, proposedItems } from './annotation-schema.js';
import { jsonPath, type SeedIssue } from './issues.js';
import { findJsonSyntaxError, type JsonSyntaxError } from './json-syntax.js';

/** One annotation file, validated, with the text it indexes into. */
export interface SeedFile {
  /** Path as shown in messages (relative to the working directory when possible). */
  file: string;
  /** Undefined when the file is unreadable, not JSON or not in the format (issues say why). */
  annotation: AnnotationFile | undefined;
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

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * `at line L, column C: reason`, one line. Falls back to JSON.parse's own message (flattened) should
 * the scanner disagree with it or give up (a pathologically deep file).
 */
function syntaxError(raw: string, error: unknown): string {
  let found: JsonSyntaxError | undefined;
  try {
    found = findJsonSyntaxError(raw);
  } catch {
    // Only a stack overflow on absurd nesting gets here; JSON.parse's message will do.
  }
  if (found) return `at line ${found.line}, column ${found.column}: ${found.reason}`;
  return `(${reason(error).replace(/\s+/g, ' ')})`;
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
    return {
      files,
      issues: [
        { file: displayPath(dir), path: '$', message: `cannot read the seeds folder: ${reason(error)}` },
      ],
      contentHash: '',
    };
  }
  if (names.length === 0)
    issues.push({ file: displayPath(dir), path: '$', message: 'no annotation files (*.json) found' });

  for (const name of names) files.push(await readSeedFile(dir, name, hash, issues));
  return { files, issues, contentHash: hash.digest('hex') };
}

/**
 * One annotation file and the text beside it, its problems added to `issues` and its bytes to
 * `hash`. A broken file is returned all the same, without its annotation, so the resolver knows
 * the set is incomplete.
 */
async function readSeedFile(dir: string, name: string, hash: Hash, issues: SeedIssue[]): Promise<SeedFile> {
  const full = path.join(dir, name);
  const file = displayPath(full);
  const broken: SeedFile = { file, annotation: undefined, text: undefined };
  let raw: string;
  try {
    raw = await readFile(full, 'utf8');
  } catch (error) {
    issues.push({ file, path: '$', message: `cannot read the annotation file: ${reason(error)}` });
    return broken;
  }
  hash.update(`${name}\0${raw}\0`);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    issues.push({ file, path: '$', message: `not valid JSON ${syntaxError(raw, error)}` });
    return broken;
  }
  const parsed = AnnotationFileSchema.safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      issues.push({ file, path: jsonPath(issue.path), message: issue.message });
    return broken;
  }
  const annotation = parsed.data;
  for (const item of proposedItems(annotation))
    issues.push({ file, path: item, message: 'proposed, not reviewed', proposed: true });
  let text: string | undefined;
  try {
    text = await readFile(path.join(dir, annotation.source.text), 'utf8');
    hash.update(`${annotation.source.text}\0${text}\0`);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    issues.push({
      file,
      path: 'source.text',
      message: missing
        ? `the text file ${annotation.source.text} is missing beside ${name}`
        : `cannot read the text file ${annotation.source.text}: ${reason(error)}`,
    });
  }
  return { file, annotation, text };
}
