import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { draftOf, type DraftJson } from '../../src/propose/draft.js';
import { propose } from '../../src/propose/propose.js';
import { loadRecord } from '../../src/propose/record.js';
import { validateDraft } from '../../src/propose/validate.js';
import { type AnnotationFile, AnnotationFileSchema } from '../../src/seed/annotation-schema.js';

/**
 * The articles the proposer is measured on: every annotation of a folder held out in turn, the rest
 * of its folder being the record it joins (the seeds; each story folder of the fixtures).
 */

export interface Case {
  folder: string;
  /** The held-out annotation's file name. */
  file: string;
}

export interface CaseResult extends Case {
  text: string;
  gold: AnnotationFile;
  draft: DraftJson;
  recordEvents: Set<string>;
  ms: number;
}

export function casesIn(folder: string): Case[] {
  return readdirSync(folder)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((file) => ({ folder, file }));
}

/** Proposes the held-out article's draft from its text and source alone, as the command would. */
export async function runCase({ folder, file }: Case): Promise<CaseResult> {
  const gold = AnnotationFileSchema.parse(JSON.parse(readFileSync(path.join(folder, file), 'utf8')));
  const text = readFileSync(path.join(folder, gold.source.text), 'utf8');
  const started = performance.now();
  const record = await loadRecord(folder, file);
  const { id, outlet, published, timezone, title, authors, url, language } = gold.source;
  const proposal = propose(
    text,
    { id, text: gold.source.text, outlet, published, timezone, title, authors, url, language },
    record,
  );
  const { draft } = validateDraft(
    draftOf(proposal, text, record),
    text,
    path.join(folder, file),
    record.files,
  );
  const ms = performance.now() - started;
  return { folder, file, text, gold, draft, recordEvents: new Set(record.events.map((e) => e.id)), ms };
}
