import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type Arguments, UsageError } from './arguments.js';
import { draftOf, type DraftJson } from './draft.js';
import { propose } from './propose.js';
import { loadRecord } from './record.js';
import { validateDraft } from './validate.js';

/**
 * One run of the propose command, from checked arguments to the draft and its report; everything
 * but writing the files. Refusals are UsageErrors (one line for the caller).
 */

export interface DraftResult {
  draft: DraftJson;
  /** The annotation file to write. */
  target: string;
  /** Where to copy the article's text, when it is not in the seeds folder yet. */
  copyText: string | undefined;
  report: string[];
}

export async function proposeDraft(
  args: Arguments,
  text: string,
  bytes: Buffer,
  seeds: string,
): Promise<DraftResult> {
  const textName = path.basename(args.article);
  if (!textName.endsWith('.txt'))
    throw new UsageError(
      `${args.article}: the article must be a .txt file (the seed reads texts by that name)`,
    );
  const jsonName = `${textName.slice(0, -'.txt'.length)}.json`;
  const target = path.join(seeds, jsonName);
  if (existsSync(target) && !args.force) throw new UsageError(`${target} exists; --force replaces it`);
  const copyText = await textCopy(args.article, bytes, path.join(seeds, textName));
  const record = await loadRecord(seeds, jsonName);
  const other = record.sourceIds.get(args.id);
  if (other) throw new UsageError(`--id ${args.id} is already used by ${path.join(seeds, other)}`);
  const started = performance.now();
  const proposal = propose(
    text,
    {
      id: args.id,
      text: textName,
      outlet: args.outlet,
      published: args.published,
      timezone: args.timezone,
      ...(args.title ? { title: args.title } : {}),
      ...(args.authors ? { authors: args.authors } : {}),
      ...(args.url ? { url: args.url } : {}),
      ...(args.language ? { language: args.language } : {}),
    },
    record,
  );
  const { draft, dropped } = validateDraft(draftOf(proposal, text, record), text, target, record.files);
  const ms = Math.round(performance.now() - started);
  return { draft, target, copyText, report: reportOf(draft, target, dropped, ms) };
}

/** The text's copy in the seeds folder: none when it is there already, refused when another text has its name. */
async function textCopy(article: string, bytes: Buffer, destination: string): Promise<string | undefined> {
  if (path.resolve(article) === destination) return undefined;
  if (!existsSync(destination)) return destination;
  const there = await readFile(destination);
  if (there.equals(bytes)) return undefined;
  throw new UsageError(`${destination} exists with other text; rename the article or remove that file`);
}

interface Marked {
  path: string;
  confidence: number;
  rule: string;
  because: string;
}

/** What the draft proposes: counts per kind, then the least confident items first. */
export function reportOf(draft: DraftJson, target: string, dropped: readonly string[], ms: number): string[] {
  const marked: Marked[] = [];
  for (const kind of ['actors', 'events', 'claims', 'quotes'] as const)
    draft[kind].forEach((item: DraftJson, i: number) => {
      if (item.review) marked.push({ path: `${kind}[${i}]`, ...item.review });
      if (item.date?.review) marked.push({ path: `${kind}[${i}].date`, ...item.date.review });
    });
  const linked = draft.events.filter((e: DraftJson) => e.review?.rule === 'event.link').length;
  const lines = [
    `wrote ${target} in ${ms} ms: ${draft.actors.length} actors, ${draft.events.length} events (${linked} linked to the record), ${draft.claims.length} claims, ${draft.quotes.length} quotes; ${marked.length} items to review`,
  ];
  if (dropped.length > 0)
    lines.push(`left out ${dropped.length} item(s) the seed would refuse:`, ...dropped.map((d) => `  ${d}`));
  lines.push('least confident first:');
  const order = [...marked].sort((a, b) => a.confidence - b.confidence || (a.path < b.path ? -1 : 1));
  for (const m of order.slice(0, 15))
    lines.push(`  ${m.confidence.toFixed(2)}  ${m.path}  ${m.rule}: ${m.because}`);
  if (order.length > 15)
    lines.push(
      `  … and ${order.length - 15} more; review with npm run seed -- --check --allow-proposed --seeds ${path.dirname(target)}`,
    );
  return lines;
}
