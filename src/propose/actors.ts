import type { ActorKind } from '../domain/vocabulary.js';
import type { ArticleDoc } from './document.js';
import type { ActorsResult, Gender, ProposedActor } from './proposed-actor.js';
import {
  CAPITALS,
  GOVERNMENT_NOUNS,
  STATE_NAMES,
  FEMALE_HONORIFICS,
  HONORIFICS,
  KIND_HEADS,
  MALE_HONORIFICS,
  NOT_NAMES,
  STATES,
  TITLES,
} from './lexicon.js';
import { findMentions, type Mention } from './mentions.js';
import { type Apposition, appositions, definiteDescriptions, recordDescriptions } from './references.js';
import { type ArticleRecord, nameKey } from './record.js';
import { slug, uniqueId } from './slug.js';

/**
 * The article's actors: its mentions merged across surface forms (a surname joins the full name
 * it ends or begins, an acronym its expansion, "the ministry" the ministry last named), each
 * joined to the record's actor where one of its names is already known, with a kind, and the
 * descriptions and roles its appositions give ("Leif-Eric Easley, a professor at Ewha University").
 */

/** The article's actors, from every mention of them. */
export function proposeActors(doc: ArticleDoc, record: ArticleRecord, sourcePrefix: string): ActorsResult {
  const builder = new ActorBuilder(doc, record, sourcePrefix);
  for (const m of findMentions(doc, (key) => record.byForm.has(key))) builder.assign(m);
  for (const a of appositions(doc, builder)) applyApposition(a);
  const taken = new Set<number>();
  for (const m of builder.actorOf.keys()) for (let i = m.first; i <= m.last; i++) taken.add(i);
  const described = [
    ...recordDescriptions(doc, record, builder),
    ...definiteDescriptions(doc, builder, taken),
  ];
  for (const m of described) {
    const actor = builder.actors.find((a) => a.id === m.referent);
    if (actor) builder.attach(actor, m);
  }
  return dropOverlaps(builder);
}

function applyApposition(a: Apposition): void {
  a.actor.description ??= a.phrase.charAt(0).toUpperCase() + a.phrase.slice(1);
  a.actor.roles.push({ title: a.title, of: a.of?.id, start: a.start, end: a.end });
  const head = a.title.split(/\s+/u).pop()?.toLowerCase();
  if (head) a.actor.heads.add(head);
}

/** Where two mentions overlap, the longer stands ("the North’s leader" over "North"). */
function dropOverlaps(builder: ActorBuilder): ActorsResult {
  const all = [...builder.actorOf.keys()].sort((a, b) => a.start - b.start || b.end - a.end);
  const dropped = new Set<Mention>();
  let reach: Mention | undefined;
  for (const m of all) {
    if (reach && m.start < reach.end) {
      const loser = m.end - m.start > reach.end - reach.start ? reach : m;
      dropped.add(loser);
      if (loser === reach) reach = m;
      continue;
    }
    reach = m;
  }
  const actorOf = new Map([...builder.actorOf].filter(([m]) => !dropped.has(m)));
  for (const actor of builder.actors)
    actor.mentions = actor.mentions.filter((m) => !dropped.has(m)).sort((a, b) => a.start - b.start);
  return { actors: builder.actors.filter((a) => a.mentions.length > 0), actorOf };
}

const wordsOf = (s: string) =>
  nameKey(s)
    .split(' ')
    .filter((w) => w !== '');

export class ActorBuilder {
  readonly actors: ProposedActor[] = [];
  readonly actorOf = new Map<Mention, ProposedActor>();
  private readonly byKey = new Map<string, ProposedActor>();
  private readonly ids: Set<string>;

  constructor(
    private readonly doc: ArticleDoc,
    private readonly record: ArticleRecord,
    private readonly sourcePrefix: string,
  ) {
    this.ids = new Set(record.ids);
  }

  /** The actor a mention names, created when no known one fits. */
  assign(mention: Mention): ProposedActor {
    const actor = this.find(mention) ?? this.create(mention);
    this.attach(actor, mention);
    return actor;
  }

  attach(actor: ProposedActor, mention: Mention): void {
    actor.mentions.push(mention);
    this.actorOf.set(mention, actor);
    if (mention.kind === 'name' || mention.kind === 'acronym') this.byKey.set(keyOf(mention.text), actor);
    for (const title of mention.titles) {
      if (MALE_HONORIFICS.has(title)) actor.gender ??= 'male';
      if (FEMALE_HONORIFICS.has(title)) actor.gender ??= 'female';
    }
  }

  private find(m: Mention): ProposedActor | undefined {
    if (m.kind === 'acronym' && m.expands) return this.actorOf.get(m.expands) ?? this.find(m.expands);
    if (m.kind === 'unnamed') return this.byKey.get(unnamedKey(m));
    const key = keyOf(m.bare);
    const same = this.byKey.get(keyOf(m.text)) ?? (m.titles.length === 0 ? this.byKey.get(key) : undefined);
    if (same) return same;
    const exact = this.fromRecord(nameKey(m.text), m);
    if (exact) return exact;
    const state = CAPITALS.get(key);
    if (state) return this.byKey.get(keyOf(state)) ?? this.fromRecord(nameKey(state), m);
    const surname = wordsOf(m.bare).length <= 2 ? this.bySurname(m) : undefined;
    return surname ?? this.fromRecord(key, m) ?? this.fromRecord(nameKey(m.bare), m);
  }

  /** The record's actor one of whose names this is, when exactly one actor has it. */
  private fromRecord(key: string, m: Mention): ProposedActor | undefined {
    const ids = this.record.byForm.get(key) ?? this.record.byForm.get(STATE_NAMES.get(key) ?? '');
    if (!ids || ids.size !== 1) return undefined;
    const [id] = ids as Set<string> & [string];
    const wanted = genderOf(m.titles);
    const known = this.record.actors.get(id);
    // "Ms. Kim" is not the "Kim" the record knows as "Mr. Kim".
    if (wanted && known && recordGender(known.forms) && recordGender(known.forms) !== wanted)
      return undefined;
    return this.actors.find((a) => a.id === id) ?? this.joinRecord(id, key, m);
  }

  private joinRecord(id: string, key: string, m: Mention): ProposedActor | undefined {
    const known = this.record.actors.get(id);
    if (!known) return undefined;
    const actor: ProposedActor = {
      id,
      existing: true,
      name: known.name,
      kind: known.kind ?? kindOf(m),
      description: undefined,
      mentions: [],
      gender: recordGender(known.forms),
      roles: [],
      heads: new Set([headOf(known.name)]),
      confidence: 0.9,
      rule: 'actor.record-alias',
      because: `“${key}” names ${id} (${known.name}) in the record`,
    };
    this.actors.push(actor);
    return actor;
  }

  /**
   * "Mr. Kim", "Easley", "de Vries": a surname (or a Korean family name, which comes first) of a
   * person the article named in full, the one whose gender fits and who was named last.
   */
  private bySurname(m: Mention): ProposedActor | undefined {
    const words = wordsOf(m.bare);
    const wanted = genderOf(m.titles);
    const wantedKey = words.join(' ');
    const fits = this.actors.filter((a) => {
      if (a.kind !== 'person' || (wanted && a.gender && a.gender !== wanted)) return false;
      return namesOf(a, this.record).some((form) => {
        const name = wordsOf(form);
        if (name.length < words.length || (name.length === words.length && m.titles.length === 0))
          return false;
        return (
          name.slice(-words.length).join(' ') === wantedKey ||
          name.slice(0, words.length).join(' ') === wantedKey
        );
      });
    });
    return fits.sort((a, b) => lastAt(b) - lastAt(a))[0];
  }

  private create(m: Mention): ProposedActor {
    const unnamed = m.kind === 'unnamed';
    const state = STATE_TITLES.get(keyOf(m.bare)) ?? CAPITALS.get(keyOf(m.bare));
    const name = unnamed ? unnamedName(m) : (state ?? m.bare.replace(/^the\s+/iu, ''));
    const kind = unnamed ? (isPlural(m.head ?? '') ? 'group' : 'person') : kindOf(m);
    const base = unnamed
      ? `${this.sourcePrefix}-${slug(m.bare.replace(/^(?:the|a|an)\s+/iu, ''))}`
      : slug(name);
    const id = uniqueId(base || 'actor', this.ids);
    const actor: ProposedActor = {
      id,
      existing: false,
      name,
      kind,
      description: unnamed ? undefined : undefined,
      mentions: [],
      gender: genderOf(m.titles),
      roles: [],
      heads: new Set(unnamed ? [m.head ?? ''] : [headOf(name)]),
      ...confidenceOf(m, kind),
    };
    this.actors.push(actor);
    this.byKey.set(unnamed ? unnamedKey(m) : keyOf(m.bare), actor);
    return actor;
  }
}

/** Every name an actor goes by: the article's and, for one the record knows, the record's. */
function namesOf(a: ProposedActor, record: ArticleRecord): string[] {
  const forms = a.mentions.filter((m) => m.kind === 'name').map((m) => m.bare);
  const known = record.actors.get(a.id);
  // Only the record's forms that are a person's name ("Kim Jong-un"), not "North Korea’s leader".
  const named =
    known && a.existing
      ? [known.name, ...known.forms].filter((f) => /^(?:\p{Lu}[\p{L}.-]*\s?)+$/u.test(f))
      : [];
  return [...forms, ...named];
}

/** The gender the record's forms of an actor tell by their honorifics, if any. */
function recordGender(forms: Set<string>): Gender | undefined {
  for (const form of forms) {
    const first = form.split(/\s+/u)[0]?.toLowerCase() ?? '';
    if (MALE_HONORIFICS.has(first)) return 'male';
    if (FEMALE_HONORIFICS.has(first)) return 'female';
  }
  return undefined;
}

/** A name's key, states folded to one name ("the US", "U.S." and "United States" are one). */
function keyOf(name: string): string {
  const key = nameKey(name);
  return STATE_NAMES.get(key) ?? key;
}

/** The names states are created under when the article uses a short form. */
const STATE_TITLES: ReadonlyMap<string, string> = new Map([
  ['united states', 'United States'],
  ['united kingdom', 'United Kingdom'],
  ['netherlands', 'Netherlands'],
  ['european union', 'European Union'],
]);

function lastAt(a: ProposedActor): number {
  return a.mentions[a.mentions.length - 1]?.start ?? -1;
}

function confidenceOf(m: Mention, kind: ActorKind): { confidence: number; rule: string; because: string } {
  if (m.kind === 'unnamed')
    return {
      confidence: 0.55,
      rule: 'actor.unnamed-speaker',
      because: `an unnamed ${kind} that speaks: “${m.text}”`,
    };
  if (m.titles.length > 0)
    return { confidence: 0.8, rule: 'actor.titled-name', because: `a name with a title: “${m.text}”` };
  const words = wordsOf(m.bare).length;
  if (kind !== 'person')
    return {
      confidence: 0.7,
      rule: `actor.${kind.replace('_', '-')}-name`,
      because: `“${m.bare}” reads as the name of ${article(kind)} ${kind.replace('_', ' ')}`,
    };
  if (words >= 2)
    return { confidence: 0.7, rule: 'actor.proper-name', because: `a proper name: “${m.bare}”` };
  return {
    confidence: 0.35,
    rule: 'actor.single-word-name',
    because: `one capitalised word, “${m.bare}”: check it names an actor`,
  };
}

function genderOf(titles: readonly string[]): Gender | undefined {
  if (titles.some((t) => MALE_HONORIFICS.has(t))) return 'male';
  if (titles.some((t) => FEMALE_HONORIFICS.has(t))) return 'female';
  return undefined;
}

function isPlural(head: string): boolean {
  return (
    /s$/u.test(head) ||
    ['people', 'men', 'women', 'some', 'others', 'many', 'several', 'police'].includes(head)
  );
}

function unnamedKey(m: Mention): string {
  return `unnamed:${m.head ?? m.bare.toLowerCase()}`;
}

function unnamedName(m: Mention): string {
  const text = m.bare.replace(/^(?:the|a|an)\s+/iu, '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A name's head: its last word, lower case ("ministry" of "Unification Ministry"). */
function headOf(name: string): string {
  return (name.split(/\s+/u).pop() ?? name).toLowerCase();
}

/** The kind of a name: a state, a body or organisation by its words, else (with a title) a person. */
export function kindOf(m: Mention): ActorKind {
  const lower = m.bare.toLowerCase().replace(/[’]/gu, "'");
  if (STATES.has(lower) || STATES.has(lower.replace(/^the /u, '')) || CAPITALS.has(keyOf(lower)))
    return 'state';
  const words = lower.split(/[\s-]+/u);
  if (m.titles.some((t) => HONORIFICS.has(t) || TITLES.has(t))) return 'person';
  // A news agency is media whatever its last word; otherwise the last word decides, then any.
  if (words.some((w) => w === 'news' || w === 'press')) return 'media';
  const last = words[words.length - 1] ?? '';
  if (GOVERNMENT_NOUNS.has(last)) return 'body';
  for (const [kind, heads] of KIND_HEADS) if (heads.has(last)) return kind;
  for (const [kind, heads] of KIND_HEADS) if (words.some((w) => heads.has(w))) return kind;
  if (/^\p{Lu}{2,}$/u.test(m.bare)) return 'organisation';
  return 'person';
}

/** The lower-case words of a definite description's head that may refer to `actor`. */
export function describes(actor: ProposedActor, head: string): boolean {
  return actor.heads.has(head) && !NOT_NAMES.has(head);
}

const article = (word: string) => (/^[aeiou]/u.test(word) ? 'an' : 'a');
