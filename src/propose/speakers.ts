import type { ActorsResult, Gender, ProposedActor } from './proposed-actor.js';
import type { ArticleDoc, Token } from './document.js';
import {
  DOCUMENT_NOUNS,
  FEMALE_PRONOUNS,
  GROUP_PRONOUNS,
  MALE_PRONOUNS,
  REPORTING_VERBS,
  THING_PRONOUNS,
} from './lexicon.js';
import type { Mention } from './mentions.js';
import type { QuoteSpan } from './quotes.js';

/**
 * Who said each quotation: a sieve of attribution rules, the most certain first, after Muzny et
 * al. (2017), the basis of Stanford CoreNLP's quote attribution. Each rule finds the words that
 * name the speaker (a name, a description, a pronoun); pronouns and descriptions then resolve to
 * the actor last named that fits. A quotation paragraph that no rule attributes continues the
 * speaker of the quotation before it, as an inferred attribution with its reason. Where an agency
 * narrates what a person did, the agency is the speaker and the person the subject; where a
 * person's words reach the article through an outlet, the outlet is `reported_via`.
 */

export interface Attribution {
  quote: QuoteSpan;
  kind: 'full' | 'fragment';
  speaker: ProposedActor | undefined;
  /** How the text names the speaker near the quote ("he", "the North’s Korean Central News Agency"). */
  description: string | undefined;
  subject: ProposedActor | undefined;
  reportedVia: ProposedActor | undefined;
  inferred: string | undefined;
  confidence: number;
  rule: string;
  because: string;
}

/** A word that names an actor, or a pronoun that points to one, where a rule found it. */
interface Referrer {
  first: number;
  last: number;
  text: string;
  mention: Mention | undefined;
  pronoun: string | undefined;
}

const ORGANISED = new Set(['organisation', 'body', 'media', 'state', 'armed_force']);

export class SpeakerSieve {
  private readonly byToken = new Map<number, Mention>();
  private readonly inQuote: boolean[];
  private readonly results: Attribution[] = [];

  constructor(
    private readonly doc: ArticleDoc,
    private readonly quotes: readonly QuoteSpan[],
    private readonly found: ActorsResult,
  ) {
    for (const m of found.actorOf.keys()) for (let i = m.first; i <= m.last; i++) this.byToken.set(i, m);
    // With the marks: a reporting verb is never looked for inside them.
    this.inQuote = doc.within(quotes.map((q) => ({ start: q.open, end: (q.close ?? q.end) + 1 })));
  }

  attributeAll(): Attribution[] {
    for (const q of this.quotes) this.results.push(this.attribute(q));
    this.fillContinuations();
    return this.results;
  }

  private attribute(q: QuoteSpan): Attribution {
    const kind = quoteKind(this.doc, q);
    const base = { quote: q, kind, subject: undefined, reportedVia: undefined, inferred: undefined };
    for (const [rule, confidence, find, how] of this.rules(q)) {
      const who = find();
      if (!who) continue;
      const speaker = this.resolve(who, q);
      if (!speaker) continue;
      const sure = who.pronoun ? confidence - 0.1 : confidence;
      return {
        ...base,
        speaker,
        description: this.describe(who, speaker),
        ...this.relays(q, speaker),
        confidence: Math.round(sure * 100) / 100,
        rule,
        because: `${how}: “${who.text}”${who.pronoun ? `, read as ${speaker.name}` : ''}`,
      };
    }
    return {
      ...base,
      speaker: undefined,
      description: undefined,
      confidence: 0.3,
      rule: 'speaker.none',
      because: 'no rule found who said it',
    };
  }

  /** The rules that find a quote's speaker, the surest first: name, confidence, finder, how it reads. */
  private rules(q: QuoteSpan): [string, number, () => Referrer | undefined, string][] {
    return [
      [
        'speaker.quote-verb-name',
        0.95,
        () => this.verbThenName(q),
        'the reporting verb right after the quotation, then who',
      ],
      [
        'speaker.quote-name-verb',
        0.93,
        () => this.nameThenVerb(q),
        'who, then the reporting verb, right after the quotation',
      ],
      [
        'speaker.name-verb-quote',
        0.88,
        () => this.before(q),
        'the subject of the reporting verb that introduces the quotation',
      ],
      ['speaker.according-to', 0.85, () => this.accordingTo(q), '“according to” in its sentence'],
      [
        'speaker.same-sentence',
        0.8,
        () => this.sameSentence(q),
        'the speaker of the quotation before it in the same sentence',
      ],
      [
        'speaker.paragraph-verb',
        0.6,
        () => this.paragraphSpeaker(q),
        'the one reporting verb of its paragraph',
      ],
    ];
  }

  // --- The rules ---------------------------------------------------------------------------------

  /** “…,” said Leif-Eric Easley, a professor … */
  private verbThenName(q: QuoteSpan): Referrer | undefined {
    const after = this.after(q);
    const verb = after[0];
    if (!verb || !isReporting(verb)) return undefined;
    return this.referrerAt(after.slice(1, 8));
  }

  /** “…,” he said. / “…,” the North’s Korean Central News Agency said. */
  private nameThenVerb(q: QuoteSpan): Referrer | undefined {
    const after = this.after(q).slice(0, 14);
    const verb = after.findIndex((t) => t.pos === 'VERB' || t.pos === 'AUX');
    const at = after[verb];
    if (verb < 1 || !at) return undefined;
    const reporting = isReporting(at)
      ? at
      : after.slice(verb, verb + 3).find((t) => isReporting(t) && t.pos === 'VERB');
    if (!reporting) return undefined;
    return this.subjectBefore(after.slice(0, verb));
  }

  /** Easley said: “…” / the union said in a statement that “…” / called Mr. Moon “insane” */
  private before(q: QuoteSpan): Referrer | undefined {
    const before = this.beforeTokens(q);
    for (let v = before.length - 1; v >= 0; v--) {
      const verb = before[v] as Token;
      if (!isReporting(verb) || verb.pos !== 'VERB') continue;
      return this.subjectBefore(before.slice(0, v));
    }
    return undefined;
  }

  private accordingTo(q: QuoteSpan): Referrer | undefined {
    const sentence = [...this.beforeTokens(q), ...this.after(q)];
    const at = sentence.findIndex((t, i) => t.lower === 'according' && sentence[i + 1]?.lower === 'to');
    return at === -1 ? undefined : this.referrerAt(sentence.slice(at + 2, at + 10));
  }

  /** “insane” and his speeches “sickening.”: a second quotation of one sentence has its speaker. */
  private sameSentence(q: QuoteSpan): Referrer | undefined {
    const previous = this.results[this.results.length - 1];
    if (
      !previous?.speaker ||
      this.doc.sentenceAt(previous.quote.open)?.index !== this.doc.sentenceAt(q.open)?.index
    )
      return undefined;
    const m = previous.speaker.mentions.filter((x) => x.start < q.open).pop();
    return m ? referrer(m) : undefined;
  }

  /** A quotation with no verb beside it, in a paragraph whose one reporting verb has a subject. */
  private paragraphSpeaker(q: QuoteSpan): Referrer | undefined {
    const p = this.doc.paragraphAt(q.open);
    if (!p) return undefined;
    const tokens = this.doc.tokensIn(p.start, p.end).filter((t) => !this.inQuote[t.index]);
    const verbs = tokens.filter((t) => isReporting(t) && t.pos === 'VERB');
    if (verbs.length !== 1) return undefined;
    const v = tokens.indexOf(verbs[0] as Token);
    return (
      this.subjectBefore(tokens.slice(Math.max(0, v - 12), v)) ?? this.referrerAt(tokens.slice(v + 1, v + 6))
    );
  }

  // --- Reading the words around a quotation --------------------------------------------------------

  /** The words after the closing mark, up to the end of its sentence or the next quotation. */
  private after(q: QuoteSpan): Token[] {
    if (q.close === undefined) return [];
    const out: Token[] = [];
    const from = this.doc.tokenAtOrAfter(q.close + 1);
    const sentence = this.doc.tokens[from - 1]?.sentence;
    for (let i = from; i < this.doc.tokens.length; i++) {
      const t = this.doc.tokens[i] as Token;
      if (this.inQuote[i]) break;
      if (t.paragraph !== this.doc.tokens[from - 1]?.paragraph) break;
      if (t.sentence !== sentence && out.some((x) => x.type === 'word')) break;
      if (t.type === 'punctuation' && out.length === 0) continue;
      if (t.text === '.' || t.text === ';') break;
      out.push(t);
    }
    return out;
  }

  /** The words of its sentence before the opening mark, back to an earlier quotation. */
  private beforeTokens(q: QuoteSpan): Token[] {
    const open = this.doc.tokenAtOrAfter(q.open);
    const at = this.doc.tokens[open];
    if (!at) return [];
    const out: Token[] = [];
    for (let i = open - 1; i >= 0; i--) {
      const t = this.doc.tokens[i] as Token;
      if (t.paragraph !== at.paragraph || this.inQuote[i]) break;
      if (t.sentence !== at.sentence && t.text === '.') break;
      out.unshift(t);
    }
    return out;
  }

  /** The first name, description or pronoun among `tokens` (a name in an apposition wins). */
  private referrerAt(tokens: Token[]): Referrer | undefined {
    for (const [i, t] of tokens.entries()) {
      const mention = this.byToken.get(t.index);
      if (mention) {
        // "said a resident, Maria Ortiz, 62": the name the apposition gives.
        const next = tokens
          .slice(i)
          .find((x) => x.index > mention.last + 1 && this.byToken.get(x.index)?.kind === 'name');
        const named =
          mention.kind === 'unnamed' && next && next.index <= mention.last + 3
            ? this.byToken.get(next.index)
            : undefined;
        return referrer(named ?? mention);
      }
      if (isPronoun(t))
        return { first: t.index, last: t.index, text: t.text, mention: undefined, pronoun: t.lower };
      const document = documentAt(this.doc, t);
      if (document) return document;
      if (t.pos === 'VERB' || t.text === ';') return undefined;
    }
    return undefined;
  }

  /**
   * The subject among the words before a verb: the last name or pronoun that is not governed by
   * a preposition ("on Mr. Kim’s decision") or a possessive's owner ("Mr. Kim’s move").
   */
  private subjectBefore(tokens: Token[]): Referrer | undefined {
    for (let i = tokens.length - 1; i >= 0; i--) {
      const t = tokens[i] as Token;
      const mention = this.byToken.get(t.index);
      const document = mention ? undefined : documentAt(this.doc, t);
      if (document) return document;
      const first = mention ? mention.first : t.index;
      const last = mention ? mention.last : t.index;
      if (!mention && !isPronoun(t)) continue;
      i = tokens.findIndex((x) => x.index === first);
      const before = this.doc.tokens[first - 1];
      const after = this.doc.tokens[last + 1];
      if (before && before.pos === 'ADP' && before.lower !== 'according') continue;
      if (after && /^['’]s?$/u.test(after.text)) continue;
      if (mention) return referrer(mention);
      if (!/^(?:his|her|its|their|him|them)$/u.test(t.lower))
        return { first: t.index, last: t.index, text: t.text, mention: undefined, pronoun: t.lower };
      if (i < 0) break;
    }
    return undefined;
  }

  // --- From words to actors ------------------------------------------------------------------------

  private resolve(who: Referrer, q: QuoteSpan): ProposedActor | undefined {
    if (who.mention) return this.found.actorOf.get(who.mention);
    const p = who.pronoun ?? '';
    if (MALE_PRONOUNS.has(p))
      return this.antecedent(q, (a) => a.kind === 'person' && a.gender !== 'female', 'male');
    if (FEMALE_PRONOUNS.has(p))
      return this.antecedent(q, (a) => a.kind === 'person' && a.gender !== 'male', 'female');
    if (GROUP_PRONOUNS.has(p)) return this.antecedent(q, (a) => a.kind !== 'person' || /s$/u.test(a.name));
    if (THING_PRONOUNS.has(p)) return this.antecedent(q, (a) => ORGANISED.has(a.kind));
    return undefined;
  }

  /**
   * The actor a pronoun before `q` points to: the previous quotation's speaker when it fits and
   * spoke within the last two paragraphs (news goes on quoting the one it just quoted), else the
   * one that fits named last within three paragraphs. A person so found learns the pronoun's gender.
   */
  private antecedent(
    q: QuoteSpan,
    fits: (a: ProposedActor) => boolean,
    gender?: Gender,
  ): ProposedActor | undefined {
    const here = this.doc.paragraphAt(q.open)?.index ?? 0;
    const previous = this.results[this.results.length - 1];
    const prevParagraph = previous ? (this.doc.paragraphAt(previous.quote.open)?.index ?? -9) : -9;
    let found: ProposedActor | undefined;
    if (previous?.speaker && fits(previous.speaker) && here - prevParagraph <= 2) found = previous.speaker;
    if (!found) {
      let bestAt = -1;
      for (const [m, actor] of this.found.actorOf) {
        if (m.start >= q.open || !fits(actor)) continue;
        const paragraph = this.doc.paragraphAt(m.start)?.index ?? 0;
        if (here - paragraph > 3 || m.start <= bestAt) continue;
        [found, bestAt] = [actor, m.start];
      }
    }
    if (found && gender) found.gender ??= gender;
    return found;
  }

  /** How the text names the speaker: the words the rule found, with the apposition that follows. */
  private describe(who: Referrer, speaker: ProposedActor): string {
    const role = speaker.roles.find((r) => who.mention && r.start === who.mention.start);
    return role ? this.doc.text.slice(role.start, role.end) : who.text;
  }

  /** The person an agency's words narrate, or the outlet a person's words came through. */
  private relays(
    q: QuoteSpan,
    speaker: ProposedActor,
  ): { subject?: ProposedActor; reportedVia?: ProposedActor } {
    const sentence = [...this.beforeTokens(q), ...this.after(q)];
    if (speaker.kind !== 'person') {
      if (quoteKind(this.doc, q) !== 'fragment') return {};
      const subject = this.subjectOfClause(this.beforeTokens(q));
      return subject && subject !== speaker && subject.kind === 'person' ? { subject } : {};
    }
    for (const [i, t] of sentence.entries()) {
      const via =
        t.lower === 'according'
          ? sentence.slice(i + 2, i + 8)
          : t.lemma === 'tell' || /^(?:quote|cite|report)$/u.test(t.lemma)
            ? sentence.slice(i + 1, i + 6)
            : [];
      for (const x of via) {
        const m = this.byToken.get(x.index);
        const actor = m && this.found.actorOf.get(m);
        if (actor && actor !== speaker && actor.kind === 'media') return { reportedVia: actor };
      }
    }
    return {};
  }

  /**
   * The person the sentence before a fragment is about ("He acted … and “took stock …”",
   * "According to KCNA, Kim presided …, where he “took stock …”"): its first name or pronoun that
   * no preposition governs.
   */
  private subjectOfClause(before: Token[]): ProposedActor | undefined {
    const from = before.findIndex((t) => {
      const m = this.byToken.get(t.index);
      const prev = this.doc.tokens[(m?.first ?? t.index) - 1];
      return (m || isPronoun(t)) && !(prev && prev.pos === 'ADP');
    });
    const who = from === -1 ? undefined : this.subjectBefore(before.slice(from, from + 3));
    if (!who) return undefined;
    if (who.mention) return this.found.actorOf.get(who.mention);
    if (!MALE_PRONOUNS.has(who.pronoun ?? '') && !FEMALE_PRONOUNS.has(who.pronoun ?? '')) return undefined;
    let found: ProposedActor | undefined;
    let at = -1;
    for (const [m, actor] of this.found.actorOf)
      if (actor.kind === 'person' && m.start < (this.doc.tokens[who.first]?.start ?? 0) && m.start > at)
        [found, at] = [actor, m.start];
    return found;
  }

  /**
   * A quotation nothing attributes continues the speaker before it: a quotation paragraph after
   * another of the same speaker, or the second paragraph of a quotation whose first had no
   * closing mark. A first paragraph left open takes the speaker its continuation names.
   */
  private fillContinuations(): void {
    for (let i = this.results.length - 1; i >= 0; i--) {
      const r = this.results[i] as Attribution;
      const next = this.results[i + 1];
      if (!r.speaker && r.quote.close === undefined && next?.quote.continues && next.speaker)
        this.inherit(
          r,
          next,
          'the quotation’s paragraph ends without its closing mark and the next paragraph, which reopens it, says who speaks',
        );
    }
    for (let i = 1; i < this.results.length; i++) {
      const r = this.results[i] as Attribution;
      const prev = this.results[i - 1] as Attribution;
      if (r.speaker || !prev.speaker) continue;
      const here = this.doc.paragraphAt(r.quote.open);
      const there = this.doc.paragraphAt(prev.quote.open);
      if (!here || !there || here.index - there.index > 1) continue;
      if (r.quote.continues)
        this.inherit(
          r,
          prev,
          'the quotation reopens the previous paragraph’s, which ran to its end without a closing mark',
        );
      else if (r.quote.open === here.start)
        this.inherit(
          r,
          prev,
          `a quotation paragraph with no speech verb, directly after ${prev.speaker.name}’s quotation; by the convention that an unattributed quotation paragraph continues the previous speaker, it is theirs`,
        );
    }
  }

  private inherit(r: Attribution, from: Attribution, reason: string): void {
    r.speaker = from.speaker;
    r.description = undefined;
    r.inferred = reason.charAt(0).toUpperCase() + reason.slice(1) + '.';
    r.confidence = 0.6;
    r.rule = 'speaker.continues-previous';
    r.because = reason;
  }
}

/** "the report", "the statement": what an agency or a body published, standing for it. */
function documentAt(doc: ArticleDoc, t: Token): Referrer | undefined {
  const the = doc.tokens[t.index - 1];
  if (!DOCUMENT_NOUNS.has(t.lower) || !the || !/^the$/iu.test(the.text)) return undefined;
  return {
    first: the.index,
    last: t.index,
    text: doc.text.slice(the.start, t.end),
    mention: undefined,
    pronoun: 'it',
  };
}

function referrer(m: Mention): Referrer {
  return { first: m.first, last: m.last, text: m.text, mention: m, pronoun: undefined };
}

function isReporting(t: Token): boolean {
  return (t.pos === 'VERB' || t.lemma === 'say') && REPORTING_VERBS.has(t.lemma);
}

function isPronoun(t: Token): boolean {
  return (
    MALE_PRONOUNS.has(t.lower) ||
    FEMALE_PRONOUNS.has(t.lower) ||
    GROUP_PRONOUNS.has(t.lower) ||
    THING_PRONOUNS.has(t.lower)
  );
}

/**
 * A whole utterance, or words lifted into a sentence: full when it begins with a capital where a
 * quotation may begin one (a paragraph's start, after a colon, a full stop, or a reporting verb)
 * and has more than three words; a fragment otherwise ("called it “a monster”").
 */
export function quoteKind(doc: ArticleDoc, q: QuoteSpan): 'full' | 'fragment' {
  const words = doc.text.slice(q.start, q.end).match(/[\p{L}\p{N}’']+/gu) ?? [];
  const first = doc.text.slice(q.start, q.start + 2).replace(/^[‘'"“]/u, '');
  if (!/^\p{Lu}|^\p{N}/u.test(first)) return 'fragment';
  if (q.continues) return 'full';
  const before = doc.text.slice(Math.max(doc.paragraphAt(q.open)?.start ?? 0, q.open - 40), q.open).trimEnd();
  if (before === '' || /[:.!?—–]$/u.test(before)) return words.length > 3 ? 'full' : 'fragment';
  const lastWord = /([\p{L}]+)[,]?$/u.exec(before)?.[1]?.toLowerCase() ?? '';
  const reporting =
    /(?:said|says|say|added|told|asked|wrote|declared|stated|replied|continued|warned|insisted|explained)$/u.test(
      lastWord,
    );
  return reporting && words.length > 3 ? 'full' : 'fragment';
}
