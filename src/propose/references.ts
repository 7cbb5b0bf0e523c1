import type { ActorsResult, ProposedActor } from './proposed-actor.js';
import type { ArticleDoc, Token } from './document.js';
import { FEMALE_NOUNS, LEADER_TITLES, MALE_NOUNS, NOT_NAMES, PERSON_NOUNS, TITLES } from './lexicon.js';
import type { Mention } from './mentions.js';
import type { ArticleRecord } from './record.js';

/**
 * What refers to an actor without naming it, and what the text says an actor is: definite
 * descriptions that point back to the actor last named with that head ("the ministry", "the
 * spokeswoman"), the record's own descriptive names of an actor the article names ("the North’s
 * leader"), and appositions ("Leif-Eric Easley, a professor at Ewha University in Seoul").
 */

/** Every occurrence of the record's descriptive names ("the country") of the actors this article names. */
export function recordDescriptions(doc: ArticleDoc, record: ArticleRecord, builder: ActorsResult): Mention[] {
  const out: Mention[] = [];
  const owners = new Map<string, Set<string>>();
  for (const actor of record.actors.values())
    for (const form of actor.forms) {
      if (!/^\p{Ll}/u.test(form) || form.split(/\s+/u).length < 2) continue;
      owners.set(form, (owners.get(form) ?? new Set()).add(actor.id));
    }
  for (const [form, ids] of owners) {
    if (ids.size !== 1) continue;
    const [id] = ids as Set<string> & [string];
    const actor = builder.actors.find((a) => a.id === id && a.mentions.length > 0);
    if (!actor) continue;
    for (const at of occurrences(doc.text, form)) out.push(descriptionAt(doc, at, at + form.length, actor));
  }
  return out.filter((m): m is Mention => m.first >= 0);
}

/** Whole-word occurrences of `form`, also with its first letter capitalised (a sentence's start). */
function occurrences(text: string, form: string): number[] {
  const out: number[] = [];
  const capital = form.charAt(0).toUpperCase() + form.slice(1);
  for (const f of new Set([form, capital]))
    for (let i = text.indexOf(f); i !== -1; i = text.indexOf(f, i + 1)) {
      const before = text[i - 1];
      const after = text[i + f.length];
      // Not inside a longer name: "the North" is not a form of "the North Korean vice minister".
      const nextWord = /^\s+(\p{Lu})/u.test(text.slice(i + f.length, i + f.length + 3));
      if (
        (before === undefined || !/[\p{L}\p{N}]/u.test(before)) &&
        (after === undefined || !/[\p{L}\p{N}]/u.test(after)) &&
        !nextWord
      )
        out.push(i);
    }
  return out.sort((a, b) => a - b);
}

function descriptionAt(doc: ArticleDoc, start: number, end: number, actor: ProposedActor): Mention {
  const tokens = doc.tokensIn(start, end);
  return {
    start,
    end,
    text: doc.text.slice(start, end),
    kind: 'description',
    bare: doc.text.slice(start, end),
    titles: [],
    first: tokens[0]?.index ?? -1,
    last: tokens[tokens.length - 1]?.index ?? -1,
    referent: actor.id,
  };
}

/**
 * "the ministry", "The news agency", "the spokeswoman": "the", up to two lower-case modifiers and
 * a head noun by which an actor named earlier in the article is known; it refers to the one named
 * last. Not when a name follows it (then it is that name's apposition).
 */
export function definiteDescriptions(doc: ArticleDoc, builder: ActorsResult, taken: Set<number>): Mention[] {
  const out: Mention[] = [];
  for (const t of doc.tokens) {
    if (t.lower !== 'the' || taken.has(t.index)) continue;
    for (let k = 1; k <= 3; k++) {
      const head = doc.tokens[t.index + k];
      if (!head || head.sentence !== t.sentence || !/^\p{Ll}/u.test(head.text) || taken.has(head.index))
        break;
      const actor = lastDescribed(builder, head.lower, t.start);
      if (actor && !followedByName(doc, head)) {
        out.push(descriptionAt(doc, t.start, head.end, actor));
        break;
      }
      if (!(head.pos === 'ADJ' || head.pos === 'NOUN')) break;
    }
  }
  return out;
}

function lastDescribed(builder: ActorsResult, head: string, before: number): ProposedActor | undefined {
  if (NOT_NAMES.has(head)) return undefined;
  let best: ProposedActor | undefined;
  let bestAt = -1;
  for (const actor of builder.actors) {
    if (!actor.heads.has(head)) continue;
    const at = Math.max(...actor.mentions.filter((m) => m.start < before).map((m) => m.start), -1);
    if (at > bestAt) [best, bestAt] = [actor, at];
  }
  return best;
}

function followedByName(doc: ArticleDoc, head: Token): boolean {
  const comma = doc.tokens[head.index + 1];
  const next = comma?.text === ',' ? doc.tokens[head.index + 2] : comma;
  return next !== undefined && /^\p{Lu}/u.test(next.text) && next.pos === 'PROPN';
}

export interface Apposition {
  actor: ProposedActor;
  /** The described noun phrase, without its article. */
  phrase: string;
  /** The role's title: the phrase's head with its modifiers ("professor", "former US diplomat"). */
  title: string;
  /** An actor the phrase names ("Ewha University"), or the possessor ("the union’s"). */
  of: ProposedActor | undefined;
  start: number;
  end: number;
}

/**
 * "NAME, a/the … NOUN …," and "the union’s spokeswoman, NAME": a noun phrase beside a person's
 * name that says what they are. The phrase must have a noun for a person (or a title) as its head.
 */
export function appositions(doc: ArticleDoc, builder: ActorsResult): Apposition[] {
  const out: Apposition[] = [];
  for (const actor of builder.actors) {
    if (actor.kind !== 'person') continue;
    for (const m of actor.mentions) {
      if (m.kind !== 'name') continue;
      const after = appositionAfter(doc, builder, actor, m);
      const before = appositionBefore(doc, builder, actor, m);
      for (const a of [after, before]) if (a) out.push(a);
    }
  }
  return out;
}

function appositionAfter(
  doc: ArticleDoc,
  builder: ActorsResult,
  actor: ProposedActor,
  m: Mention,
): Apposition | undefined {
  const comma = doc.tokens[m.last + 1];
  const det = doc.tokens[m.last + 2];
  if (comma?.text !== ',' || !det || !/^(?:a|an|the)$/u.test(det.lower)) return undefined;
  let end = det.index;
  let head: Token | undefined;
  for (let i = det.index + 1; i < det.index + 18; i++) {
    const t = doc.tokens[i];
    if (!t || t.sentence !== det.sentence || t.text === ',' || t.text === '.' || /^[”"’;:]$/u.test(t.text))
      break;
    if (!head && (PERSON_NOUNS.has(t.lower) || TITLES.has(t.lower)) && t.pos === 'NOUN') head = t;
    end = i;
  }
  if (!head) return undefined;
  const last = doc.tokens[end] as Token;
  const phrase = doc.text.slice((doc.tokens[det.index + 1] as Token).start, last.end);
  const title = doc.text.slice((doc.tokens[det.index + 1] as Token).start, head.end);
  return {
    actor,
    phrase,
    title: roleTitle(title),
    of: firstActorIn(doc, builder, head.end, last.end, actor),
    start: m.start,
    end: last.end,
  };
}

function appositionBefore(
  doc: ArticleDoc,
  builder: ActorsResult,
  actor: ProposedActor,
  m: Mention,
): Apposition | undefined {
  const comma = doc.tokens[m.first - 1];
  const head = doc.tokens[m.first - 2];
  if (
    comma?.text !== ',' ||
    !head ||
    !(
      PERSON_NOUNS.has(head.lower) ||
      TITLES.has(head.lower) ||
      FEMALE_NOUNS.has(head.lower) ||
      MALE_NOUNS.has(head.lower)
    )
  )
    return undefined;
  let first = head.index;
  for (let i = head.index - 1; i >= head.index - 6; i--) {
    const t = doc.tokens[i];
    if (!t || t.sentence !== head.sentence) break;
    const word = t.type === 'word' || t.type === 'number' || /^['’]s?$/u.test(t.text);
    if (!word || t.pos === 'VERB' || t.pos === 'ADP' || t.pos === 'SCONJ' || t.pos === 'CCONJ') break;
    first = i;
    if (/^(?:the|a|an|his|her|its|their)$/u.test(t.lower)) break;
  }
  const a = doc.tokens[first] as Token;
  if (FEMALE_NOUNS.has(head.lower)) actor.gender ??= 'female';
  if (MALE_NOUNS.has(head.lower)) actor.gender ??= 'male';
  // "his only sister": whose, the text leaves to the reader; the phrase says only what she is.
  if (/^(?:his|her|its|their)$/u.test(a.lower)) return undefined;
  const phrase = doc.text.slice(a.start, head.end).replace(/^(?:the|a|an)\s+/iu, '');
  return {
    actor,
    phrase,
    title: head.text,
    of: firstActorIn(doc, builder, a.start, head.start, actor),
    start: a.start,
    end: m.end,
  };
}

/** The role's title without a leading article or adjectives of time ("former" stays). */
function roleTitle(title: string): string {
  return title.replace(/^(?:the|a|an)\s+/iu, '');
}

function firstActorIn(
  doc: ArticleDoc,
  builder: ActorsResult,
  start: number,
  end: number,
  not: ProposedActor,
) {
  for (const [mention, actor] of builder.actorOf)
    if (mention.start >= start && mention.end <= end && actor !== not) return actor;
  return undefined;
}

/** Whether the role leads what it is a role of. */
export function leads(title: string): boolean {
  return LEADER_TITLES.has(title.toLowerCase().replace(/^(?:former|acting|interim|deputy)\s+/u, ''));
}
