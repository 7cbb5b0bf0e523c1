import type { Dataset } from '../../db/dataset.js';
import { localDate } from '../../domain/dates.js';
import { type AnnotationFile, AnnotationFileSchema } from '../annotation-schema.js';
import { jsonPath, type SeedIssue } from '../issues.js';
import type { SeedFile } from '../read.js';
import { finishActors, resolveActors } from './actors.js';
import { finishClaims, resolveClaims } from './claims.js';
import { createContext, fileContext, type ResolveContext } from './context.js';
import { finishDates } from './dates.js';
import { finishEvents, resolveEvents } from './events.js';
import { resolveQuotes } from './quotes.js';
import { warnAboutAnnotations } from './warnings.js';

export { QUOTE_CONTEXT_LENGTH } from './context.js';

/**
 * Turns validated annotation files into the rows of the database: locates every evidence
 * reference, resolves dates, merges actors and events shared across sources by id, and judges
 * claims. Pure: no I/O. Every problem is collected, so one run reports them all.
 */
export function resolveDataset(files: readonly SeedFile[]): { dataset: Dataset; issues: SeedIssue[] } {
  const ctx = createContext();
  const annotated = files.filter(
    (f): f is SeedFile & { annotation: AnnotationFile } => f.annotation !== undefined,
  );
  ctx.everyIdKnown = annotated.length === files.length;
  ctx.everyFileResolved = annotated.every((f) => f.text !== undefined) && annotated.length === files.length;
  const clashing = declareIds(ctx, annotated);

  for (const { file, annotation, text } of annotated) {
    if (text === undefined || clashing.has(file)) continue;
    let reference: string;
    try {
      reference = localDate(annotation.source.published, annotation.source.timezone);
    } catch (error) {
      // The schema checks the date in UTC; this catches what only the source's zone makes invalid.
      ctx.issues.push({ file, path: 'source.published', message: (error as Error).message });
      ctx.everyFileResolved = false;
      continue;
    }
    const fc = fileContext(ctx, file, annotation, text, reference);
    resolveSource(fc.ctx, annotation, text);
    resolveActors(fc);
    resolveEvents(fc);
    resolveClaims(fc);
    resolveQuotes(fc);
  }

  // See ResolveContext.everyFileResolved: what spans files waits until every file is resolved.
  if (ctx.everyFileResolved) {
    finishActors(ctx);
    finishDates(ctx);
  }
  finishClaims(ctx);
  if (ctx.everyFileResolved) {
    finishEvents(ctx);
    warnAboutAnnotations(ctx);
  }
  return { dataset: ctx.dataset, issues: ctx.issues };
}

/**
 * Pass 1: what ids exist, so references can be checked in any order and across files (a file whose
 * text is missing still declares its actors). Returns the files whose source id an earlier file
 * has: they are not resolved, as every row of theirs would clash.
 */
function declareIds(ctx: ResolveContext, annotated: readonly { file: string; annotation: AnnotationFile }[]) {
  const sourceIdFiles = new Map<string, string>();
  const clashing = new Set<string>();
  for (const { file, annotation } of annotated) {
    const previous = sourceIdFiles.get(annotation.source.id);
    if (previous) {
      ctx.issues.push({
        file,
        path: 'source.id',
        message: `source id "${annotation.source.id}" is also used by ${previous}`,
      });
      clashing.add(file);
      ctx.everyFileResolved = false;
    } else sourceIdFiles.set(annotation.source.id, file);
    for (const a of annotation.actors) ctx.actorIds.add(a.id);
  }
  return clashing;
}

function resolveSource(ctx: ResolveContext, annotation: AnnotationFile, text: string): void {
  const src = annotation.source;
  ctx.dataset.sources.push({
    id: src.id,
    title: src.title,
    outlet: src.outlet,
    authors: src.authors,
    published: src.published,
    timezone: src.timezone,
    dateline: src.dateline,
    language: src.language,
    url: src.url,
    textFile: src.text,
    body: text,
  });
}

/**
 * Every problem the seed would report for one annotation, given as parsed JSON of any shape, beside
 * the other files of its record: the schema's, else the resolver's. For the tools that check a file
 * before it is written (the proposer, the workbench).
 */
export function issuesOfFile(
  document: unknown,
  text: string,
  file: string,
  others: readonly SeedFile[],
): SeedIssue[] {
  const parsed = AnnotationFileSchema.safeParse(document);
  if (!parsed.success)
    return parsed.error.issues.map((i) => ({ file, path: jsonPath(i.path), message: i.message }));
  const { issues } = resolveDataset([...others, { file, annotation: parsed.data, text }]);
  return issues.filter((i) => i.file === file);
}
