import type { SeedIssue } from '../seed/issues.js';
import type { SeedFile } from '../seed/read.js';
import { issuesOfFile } from '../seed/resolve/index.js';
import type { DraftJson } from './draft.js';

/**
 * A draft checked by the seed's own code, beside the record it joins: an item the seed would refuse
 * is dropped (with what referred to it), and a warning is added to its item's `because`, so that
 * everything but the review marks already passes `npm run seed -- --check --allow-proposed`.
 */

export interface Validated {
  draft: DraftJson;
  /** What was dropped, as `json.path: message`, for the command's report. */
  dropped: string[];
}

const MAX_ROUNDS = 8;

export function validateDraft(
  draft: DraftJson,
  text: string,
  file: string,
  record: readonly SeedFile[],
): Validated {
  const dropped: string[] = [];
  let current = draft;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const issues = issuesOfFile(current, text, file, record);
    const errors = issues.filter((i) => !i.warning);
    if (errors.length === 0) {
      for (const w of issues) noteWarning(current, w);
      return { draft: current, dropped };
    }
    const items = new Set(errors.map((e) => itemPath(e.path)));
    for (const e of errors) dropped.push(`${e.path}: ${e.message}`);
    current = without(current, items);
  }
  throw new Error(
    `the draft still fails the seed's checks after ${MAX_ROUNDS} rounds: ${dropped.slice(-3).join('; ')}`,
  );
}

/** `quotes[3].text` → `quotes[3]`; `events[2].date.phrase` → `events[2].date`; else `$`. */
function itemPath(path: string): string {
  const date = /^events\[\d+\]\.date/u.exec(path);
  if (date) return date[0];
  return /^(?:actors|events|claims|quotes)\[\d+\]/u.exec(path)?.[0] ?? '$';
}

/** The draft without the items at `paths`, and without every reference to a dropped actor or event. */
function without(draft: DraftJson, paths: Set<string>): DraftJson {
  if (paths.has('$')) throw new Error(`the draft's source fails the seed's checks: ${[...paths].join(', ')}`);
  const keep = (kind: string) => (_: unknown, i: number) => !paths.has(`${kind}[${i}]`);
  const goneActors = new Set<string>(
    draft.actors.filter((_: unknown, i: number) => !keep('actors')(_, i)).map((a: DraftJson) => a.id),
  );
  const goneEvents = new Set<string>(
    draft.events.filter((_: unknown, i: number) => !keep('events')(_, i)).map((e: DraftJson) => e.id),
  );
  const actors = draft.actors.filter(keep('actors')).map((a: DraftJson) => ({
    ...a,
    roles: a.roles.filter((r: DraftJson) => !goneActors.has(r.of)),
  }));
  const events = draft.events
    .map((e: DraftJson, i: number) => {
      const out: DraftJson = {
        ...e,
        participants: e.participants.filter((p: DraftJson) => !goneActors.has(p.actor)),
      };
      if (paths.has(`events[${i}].date`)) delete out.date;
      return out;
    })
    .filter(keep('events'));
  const claims = draft.claims
    .filter(keep('claims'))
    .filter((c: DraftJson) => !goneEvents.has(c.event))
    .map((c: DraftJson) => (goneActors.has(c.attributed_to?.actor) ? withoutKey(c, 'attributed_to') : c));
  const quotes = draft.quotes.filter(keep('quotes')).map((q: DraftJson) => ({
    ...q,
    speaker: goneActors.has(q.speaker) ? null : q.speaker,
    ...(goneActors.has(q.subject) ? { subject: null } : {}),
    event: goneEvents.has(q.event) ? null : q.event,
    reported_via: goneActors.has(q.reported_via) ? null : q.reported_via,
  }));
  return { ...draft, actors, events, claims, quotes };
}

function withoutKey(o: DraftJson, key: string): DraftJson {
  const { [key]: _gone, ...rest } = o;
  return rest;
}

/** A warning of the seed, added to the review mark of the item it is about. */
function noteWarning(draft: DraftJson, w: SeedIssue): void {
  const m = /^(actors|events|claims|quotes)\[(\d+)\](\.date)?/u.exec(w.path);
  if (!m) return;
  const item = draft[m[1] as string]?.[Number(m[2])];
  const target = m[3] ? item?.date : item;
  if (target?.review) target.review.because = `${target.review.because} The seed warns: ${w.message}`;
}
