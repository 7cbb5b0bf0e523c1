/**
 * The JSON-LD 1.1 context of every JSON-LD answer (SPEC §4.2), served at CONTEXT_PATH, and the
 * API's own vocabulary for what schema.org, the W3C Web Annotation vocabulary and PROV-O lack.
 *
 * Every term a document uses is mapped here, and nothing else: there is no `@vocab` left in force,
 * so a processor in safe mode rejects any term this context does not define (test/http/jsonld.test.ts
 * holds every representation to that).
 *
 * Our own terms live in the namespace `px:`, which is `/ns/v1#` resolved against the document's URL
 * (`https://<host>/ns/v1#status`): this document, wherever the service is reached. A term definition
 * cannot hold a relative IRI, so the first context object sets a relative `@vocab` (JSON-LD 1.1
 * resolves it against the base IRI) only to define `px` from it, and the second one removes it again.
 */

const SCHEMA = 'https://schema.org/';
const OA = 'http://www.w3.org/ns/oa#';
const PROV = 'http://www.w3.org/ns/prov#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';

type TermDefinition =
  string | { '@id'?: string; '@reverse'?: string; '@type'?: string; '@container'?: string };

const ref = (id: string): TermDefinition => ({ '@id': id, '@type': '@id' });
const typed = (id: string, type: string): TermDefinition => ({ '@id': id, '@type': type });

/** Terms of schema.org, the W3C Web Annotation vocabulary and PROV-O. */
const STANDARD_TERMS: Record<string, TermDefinition> = {
  // schema.org: what things are
  ItemList: 'schema:ItemList',
  Event: 'schema:Event',
  NewsArticle: 'schema:NewsArticle',
  Claim: 'schema:Claim',
  Quotation: 'schema:Quotation',
  Person: 'schema:Person',
  Organization: 'schema:Organization',
  Country: 'schema:Country',
  GovernmentOrganization: 'schema:GovernmentOrganization',
  NewsMediaOrganization: 'schema:NewsMediaOrganization',
  Place: 'schema:Place',
  Role: 'schema:Role',
  MediaObject: 'schema:MediaObject',
  // schema.org: what is said of them
  itemListElement: { '@id': 'schema:itemListElement', '@container': '@list' },
  name: 'schema:name',
  alternateName: 'schema:alternateName',
  description: 'schema:description',
  sameAs: ref('schema:sameAs'),
  headline: 'schema:headline',
  author: 'schema:author',
  publisher: 'schema:publisher',
  datePublished: 'schema:datePublished',
  dateline: 'schema:dateline',
  inLanguage: 'schema:inLanguage',
  url: ref('schema:url'),
  encoding: ref('schema:encoding'),
  encodingFormat: 'schema:encodingFormat',
  startDate: typed('schema:startDate', 'xsd:date'),
  endDate: typed('schema:endDate', 'xsd:date'),
  location: 'schema:location',
  roleName: 'schema:roleName',
  subjectOf: ref('schema:subjectOf'),
  appearance: ref('schema:appearance'),
  about: ref('schema:about'),
  text: 'schema:text',
  spokenByCharacter: ref('schema:spokenByCharacter'),
  isPartOf: ref('schema:isPartOf'),
  // W3C Web Annotation: evidence, as the W3C's own context names its terms
  Annotation: 'oa:Annotation',
  SpecificResource: 'oa:SpecificResource',
  TextPositionSelector: 'oa:TextPositionSelector',
  TextQuoteSelector: 'oa:TextQuoteSelector',
  evidence: { '@reverse': 'oa:hasBody', '@type': '@id' },
  motivation: ref('oa:motivatedBy'),
  target: ref('oa:hasTarget'),
  source: ref('oa:hasSource'),
  selector: ref('oa:hasSelector'),
  start: typed('oa:start', 'xsd:nonNegativeInteger'),
  end: typed('oa:end', 'xsd:nonNegativeInteger'),
  exact: 'oa:exact',
  prefix: 'oa:prefix',
  suffix: 'oa:suffix',
  // PROV-O: who said, who relayed
  Entity: 'prov:Entity',
  Agent: 'prov:Agent',
  wasAttributedTo: ref('prov:wasAttributedTo'),
  wasDerivedFrom: ref('prov:wasDerivedFrom'),
};

interface OwnTerm {
  comment: string;
  /** A class (capitalised terms) or a property. */
  coerce?: '@id' | 'xsd:date';
}

/** The API's own vocabulary (`px:`): each term with what it means. */
export const OWN_TERMS: Record<string, OwnTerm> = {
  EventDate: {
    comment:
      'An event’s date: the narrowest date its sources agree on, or, where they contradict each other, the span of every date a source gives.',
  },
  SourceDate: { comment: 'One source’s date of an event, with the words that date it.' },
  DateValue: {
    comment: 'A resolved date: the inclusive interval the words imply, with what the article said.',
  },
  Aspect: { comment: 'One aspect of an event two or more sources speak to, with each source’s claim.' },
  Dispute: { comment: 'An aspect of an event the sources contradict each other on.' },
  Relation: { comment: 'A relation between two actors that a source states.' },
  Mention: { comment: 'A name a source calls an actor by, with every occurrence.' },
  EventTypeCount: { comment: 'How many of an actor’s events are of one type.' },
  ArmedForce: { comment: 'An armed force.' },
  Group: { comment: 'A group of people a source speaks of without naming them.' },
  eventType: { comment: 'The kind of event: meeting, decision, statement, threat, … (SPEC §2).' },
  tense: { comment: '`reported` (it happened by its sources’ publication), `planned` or `expected`.' },
  status: {
    comment:
      'How an event or claim stands beside the other sources: corroborated, compatible, contested, differing_characterisation, single_source.',
  },
  date: { comment: 'The event’s date in detail (an EventDate).' },
  bySource: { comment: 'Each source’s date of the event (SourceDate).' },
  precision: { comment: 'The precision of a date: day, week, month or year.' },
  edtf: { comment: 'The date in the Extended Date/Time Format (ISO 8601-2).' },
  approximate: { comment: 'Whether the source gives the date or count as approximate.' },
  phrase: { comment: 'The temporal expression of the article that dates it.' },
  reason: { comment: 'Why an inferred date is what it is, or why it is no single source’s.' },
  participant: { comment: 'An actor taking part in the event, in a role (a schema:Role).' },
  actor: { comment: 'The actor a participation or relation is about.', coerce: '@id' },
  claim: { comment: 'A claim of a source about the event, or compared in an aspect.', coerce: '@id' },
  comparedAspect: { comment: 'An aspect two or more sources speak to (an Aspect).' },
  dispute: { comment: 'An aspect the sources contradict each other on (a Dispute).' },
  quotation: { comment: 'A quotation about the event.' },
  property: {
    comment: 'What a claim states of its event: date, count, location, actor, characterisation, …',
  },
  aspect: { comment: 'What is counted, described or characterised, where an event has several such claims.' },
  value: {
    comment: 'The normalised value of a claim: a number, a text, a DateValue, or an actor.',
  },
  rivals: { comment: 'Claims of other sources that cannot be true together with this one.', coerce: '@id' },
  supporters: { comment: 'Claims of other sources that say the same.', coerce: '@id' },
  compatibleWith: {
    comment: 'Claims of other sources that fit with this one at another precision.',
    coerce: '@id',
  },
  differsFrom: {
    comment: 'Claims of other sources that characterise the same aspect differently.',
    coerce: '@id',
  },
  attributedAs: { comment: 'How the source names whoever it attributes a statement to.' },
  speakerDescription: { comment: 'How the article names the speaker of a quotation.' },
  quoteKind: { comment: '`full` (a whole utterance) or `fragment` (words lifted into a sentence).' },
  attribution: { comment: '`explicit` (the text says who spoke) or `inferred` (it implies it).' },
  attributionReason: { comment: 'Why an inferred attribution is what it is.' },
  timezone: { comment: 'The IANA time zone in which the article’s relative dates are resolved.' },
  eventCount: { comment: 'How many events.' },
  actorCount: { comment: 'How many actors.' },
  claimCount: { comment: 'How many claims.' },
  quoteCount: { comment: 'How many quotations.' },
  characterCount: { comment: 'The length of a text in Unicode code points.' },
  role: { comment: 'A title or office a source gives the actor (a schema:Role).' },
  roleOf: { comment: 'The organisation a role is held in.', coerce: '@id' },
  relation: { comment: 'A relation to another actor (a Relation).' },
  relationType: { comment: 'sibling_of, leader_of, member_of, part_of, spokesperson_for, …' },
  direction: { comment: '`outgoing`: this actor <type> the other; `incoming`: the other <type> this actor.' },
  eventsByType: { comment: 'How many of the actor’s events are of each type (EventTypeCount).' },
  mention: { comment: 'A name a source calls the actor by (a Mention).' },
  mentionCount: { comment: 'How many times the source uses the name.' },
  firstEventDate: { comment: 'Start of the earliest event the actor takes part in.', coerce: 'xsd:date' },
  lastEventDate: { comment: 'End of the latest event the actor takes part in.', coerce: 'xsd:date' },
  next: { comment: 'The next page of a list (its `Link: rel="next"`).', coerce: '@id' },
};

const ownDefinition = (term: string, { coerce }: OwnTerm): TermDefinition =>
  coerce ? { '@id': `px:${term}`, '@type': coerce } : `px:${term}`;

/** The context: the `@context` value of every JSON-LD answer, served at CONTEXT_PATH. */
export const CONTEXT = [
  { '@version': 1.1, '@vocab': '/ns/v1#', px: '' },
  {
    '@vocab': null,
    '@protected': true,
    schema: SCHEMA,
    oa: OA,
    prov: PROV,
    xsd: XSD,
    rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
    rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
    ...STANDARD_TERMS,
    ...Object.fromEntries(Object.entries(OWN_TERMS).map(([term, own]) => [term, ownDefinition(term, own)])),
  },
];

/**
 * The document at CONTEXT_PATH: the context, and the vocabulary its `px:` terms resolve to (the
 * terms are IRIs of this very document, `/ns/v1#<term>`), each an rdfs:Class or rdf:Property with
 * its meaning.
 */
export function contextDocument() {
  return {
    '@context': CONTEXT,
    '@graph': Object.entries(OWN_TERMS).map(([term, { comment }]) => ({
      '@id': `px:${term}`,
      '@type': /^[A-Z]/.test(term) ? 'rdfs:Class' : 'rdf:Property',
      'rdfs:comment': comment,
    })),
  };
}
