import type { ActorKind, EventType } from '../domain/vocabulary.js';

/**
 * The words the proposer's rules are written in: reporting verbs (the quote-attribution sieve of
 * Muzny et al. 2017 keys on them), titles and honorifics, the head words that tell an
 * organisation's kind, countries and their demonyms, hedges on counts, and the verbs that tell an
 * event with the type they suggest. Every entry is lower case with straight apostrophes.
 */

const words = (list: string): Set<string> => new Set(list.trim().split(/\s*\n\s*|\s*,\s*/u));

/** Lemmas of the verbs that attribute words to a speaker. */
export const REPORTING_VERBS = words(`
  say, tell, add, state, note, explain, argue, claim, insist, warn, write, announce, declare, report,
  reply, respond, ask, urge, describe, vow, pledge, promise, acknowledge, admit, confirm, deny,
  suggest, estimate, predict, recall, tweet, post, comment, complain, conclude, continue, emphasize,
  emphasise, stress, caution, maintain, assert, contend, observe, mention, remark, concede, boast,
  lament, charge, accuse, allege, quote, cite, testify, recount, agree, counter, protest, plead,
  demand, threaten, call, brand, dub, label, term, blast, criticize, criticise, praise, welcome,
  reiterate, signal, hint, indicate, predict, speculate, suspect, believe, think, fear, expect, told,
  shout, chant, cry, joke, quip, wonder, muse, whisper, yell, scream, sing, read, answer`);

/** Verbs of opinion: their subject is an unnamed group's mention ("Several experts suspect"). */
export const OPINION_VERBS = words(
  `suspect, believe, think, fear, expect, argue, say, warn, predict, note, doubt`,
);

/** Titles written before a name: part of the mention ("President Moon Jae-in", "Mr. Kim"). */
export const HONORIFICS = words(
  `mr, mr., mrs, mrs., ms, ms., miss, dr, dr., prof, prof., sir, dame, lord, lady, cllr, cllr.`,
);
export const MALE_HONORIFICS = words(`mr, mr., sir, lord, king, prince`);
export const FEMALE_HONORIFICS = words(`mrs, mrs., ms, ms., miss, dame, lady, queen, princess`);
export const TITLES = words(`
  president, vice, prime, minister, secretary, chancellor, premier, governor, gov., mayor, senator,
  sen., representative, rep., congressman, congresswoman, councillor, councilor, judge, justice,
  general, gen., lt., col., colonel, major, maj., capt., captain, admiral, adm., sgt., sergeant,
  commander, chief, director, chairman, chairwoman, chair, king, queen, prince, princess, pope,
  bishop, archbishop, rev., father, sheriff, inspector, superintendent, ambassador, envoy, deputy,
  speaker, leader, spokesman, spokeswoman, spokesperson, professor, officer, detective, constable,
  marshal, attorney`);

/** Lower-case particles inside names ("Anna de Vries", "Ludwig van Beethoven"). */
export const NAME_PARTICLES = words(
  `de, van, von, der, den, da, di, du, la, le, bin, ibn, al, el, ter, dos, das, del, st.`,
);

/** Collective nouns before a possessive inside a name ("Workers’ Party", "People’s Army"). */
export const NAME_POSSESSORS = words(`
  people, workers, women, children, citizens, farmers, veterans, teachers, nurses, doctors, students,
  employers, peoples, workmen, miners, soldiers, nations, men, st, martyrs, saints, traders`);

/** Head words that continue a name over "of"/"for" ("Ministry of Foreign Affairs"). */
export const OF_HEADS = words(`
  ministry, department, university, bank, council, commission, office, agency, bureau, institute,
  court, republic, kingdom, federation, union, board, society, church, league, academy, school,
  college, museum, association, organisation, organization, committee, secretary, minister,
  chamber, house, party, center, centre, foundation, fund, corps, army, navy, mayor, governor,
  department, confederation, alliance, coalition, federation, club, state, states, province,
  city, county, emirate, emirates, people, friends, sisters, brothers, daughters, sons`);

/** The kind an organisation's name tells by one of its words, checked in this order. */
export const KIND_HEADS: readonly [ActorKind, Set<string>][] = [
  [
    'media',
    words(`news, press, times, post, journal, herald, tribune, gazette, broadcasting, broadcaster,
      television, tv, radio, reuters, afp, ap, bbc, cnn, nhk, yonhap, kyodo, xinhua, bloomberg,
      insight, ledger, courier, wire, telegraph, guardian, observer, chronicle, daily, weekly,
      magazine, channel, network, nos, abc, nbc, cbs, fox, sky, itv, kbs, mbc, sbs, tass, ria,
      interfax, anadolu, efe, dpa, ansa, pti, kcna, cpa, pws, alw, newswire, media, pravda, izvestia`),
  ],
  [
    'armed_force',
    words(`army, navy, force, forces, marines, military, corps, guard, militia, brigade, battalion,
      regiment, division, fleet, troops, command`),
  ],
  [
    'body',
    words(`ministry, commission, council, parliament, assembly, congress, senate, court, department,
      agency, office, committee, administration, government, police, service, authority, bureau,
      cabinet, secretariat, board, directorate, inspectorate, prosecutors, prosecutor, tribunal,
      legislature, diet, bundestag, duma, knesset, cortes, municipality, fire, sheriff, sheriff's,
      embassy, consulate, mission, regulator, reserve, treasury, presidency, kremlin, pentagon,
      whitehall, downing, elysee`),
  ],
  [
    'organisation',
    words(`party, university, union, company, inc, inc., corp, corp., corporation, ltd, ltd., plc,
      llc, group, foundation, institute, bank, association, federation, league, club, church,
      hospital, school, college, fund, coalition, alliance, network, trust, society, center, centre,
      organisation, organization, movement, front, federation, co, co., holdings, airlines, airways,
      motors, electric, energy, gas, utilities, utility, port, railways, railway, council's, fnv,
      unison, greenpeace, komeito, caucus, chamber, academy, lab, labs, laboratory, institute`),
  ],
];

/**
 * Countries and other states as articles name them, lower case; a name is a state when it is one
 * of these, with or without "the".
 */
export const STATES = words(`
  afghanistan, albania, algeria, andorra, angola, argentina, armenia, australia, austria,
  azerbaijan, bahamas, bahrain, bangladesh, barbados, belarus, belgium, belize, benin, bhutan,
  bolivia, bosnia, botswana, brazil, brunei, bulgaria, burkina faso, burundi, cambodia, cameroon,
  canada, chad, chile, china, colombia, congo, costa rica, croatia, cuba, cyprus, czech republic,
  czechia, denmark, djibouti, dominica, ecuador, egypt, el salvador, eritrea, estonia, eswatini,
  ethiopia, fiji, finland, france, gabon, gambia, georgia, germany, ghana, greece, grenada,
  guatemala, guinea, guyana, haiti, honduras, hungary, iceland, india, indonesia, iran, iraq,
  ireland, israel, italy, jamaica, japan, jordan, kazakhstan, kenya, kiribati, kosovo, kuwait,
  kyrgyzstan, laos, latvia, lebanon, lesotho, liberia, libya, liechtenstein, lithuania, luxembourg,
  madagascar, malawi, malaysia, maldives, mali, malta, mauritania, mauritius, mexico, micronesia,
  moldova, monaco, mongolia, montenegro, morocco, mozambique, myanmar, burma, namibia, nauru,
  nepal, netherlands, the netherlands, new zealand, nicaragua, niger, nigeria, north korea,
  north macedonia, norway, oman, pakistan, palau, palestine, panama, papua new guinea, paraguay,
  peru, philippines, the philippines, poland, portugal, qatar, romania, russia, rwanda, samoa,
  san marino, saudi arabia, senegal, serbia, seychelles, sierra leone, singapore, slovakia,
  slovenia, somalia, south africa, south korea, south sudan, spain, sri lanka, sudan, suriname,
  sweden, switzerland, syria, taiwan, tajikistan, tanzania, thailand, togo, tonga, trinidad,
  tunisia, turkey, turkiye, turkmenistan, tuvalu, uganda, ukraine, united arab emirates, uae,
  united kingdom, the united kingdom, uk, the uk, britain, great britain, united states,
  the united states, us, the us, u.s., the u.s., usa, america, uruguay, uzbekistan, vanuatu,
  vatican, venezuela, vietnam, yemen, zambia, zimbabwe, scotland, wales, england, european union, the european union, eu, the eu`);

/** Adjectives of nationality: a name that is one of these modifies a noun, it names no one. */
export const DEMONYMS = words(`
  afghan, albanian, algerian, american, argentine, argentinian, armenian, australian, austrian,
  bangladeshi, belgian, bolivian, brazilian, british, bulgarian, burmese, cambodian, canadian,
  chilean, chinese, colombian, croatian, cuban, czech, danish, dutch, egyptian, emirati, english,
  estonian, ethiopian, european, filipino, finnish, french, georgian, german, ghanaian, greek,
  hungarian, indian, indonesian, iranian, iraqi, irish, israeli, italian, japanese, jordanian,
  kenyan, korean, north korean, south korean, kurdish, kuwaiti, latvian, lebanese, libyan,
  lithuanian, malaysian, mexican, mongolian, moroccan, nepalese, new zealand, nigerian, norwegian,
  pakistani, palestinian, peruvian, polish, portuguese, qatari, romanian, russian, saudi, scottish,
  serbian, singaporean, slovak, somali, south african, spanish, sri lankan, sudanese, swedish,
  swiss, syrian, taiwanese, thai, tunisian, turkish, ukrainian, uruguayan, venezuelan, vietnamese,
  welsh, yemeni, western, eastern, northern, southern, asian, african, arab, latin, nordic,
  inter-korean, californian, texan, anti-kim, anti-south, pro-government, soviet, communist`);

/** Words that hedge a count: "about 3,000", "at least 12", "more than 20,000". */
export const HEDGES = words(`
  about, around, roughly, approximately, nearly, almost, some, over, more than, at least, up to,
  at most, fewer than, less than, an estimated, estimated, close to, upwards of, as many as,
  more then, just over, just under, under, an approximate, circa, c., nigh, well over`);

/** Spelled-out numbers a count may use. */
export const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ['two', 2],
  ['three', 3],
  ['four', 4],
  ['five', 5],
  ['six', 6],
  ['seven', 7],
  ['eight', 8],
  ['nine', 9],
  ['ten', 10],
  ['eleven', 11],
  ['twelve', 12],
  ['dozen', 12],
  ['fifteen', 15],
  ['twenty', 20],
  ['thirty', 30],
  ['forty', 40],
  ['fifty', 50],
  ['hundred', 100],
  ['thousand', 1000],
  ['dozens', 24],
  ['hundreds', 200],
  ['thousands', 2000],
]);

export const MULTIPLIERS: ReadonlyMap<string, number> = new Map([
  ['hundred', 100],
  ['thousand', 1_000],
  ['million', 1_000_000],
  ['billion', 1_000_000_000],
  ['trillion', 1_000_000_000_000],
  ['bn', 1_000_000_000],
  ['m', 1_000_000],
  ['k', 1_000],
]);

/** Nouns a count of which is a duration or a unit, not a count of things an event involves. */
export const NOT_COUNTED = words(`
  year, years, month, months, week, weeks, day, days, hour, hours, minute, minutes, second,
  seconds, time, times, decade, decades, century, centuries, o'clock, a.m., p.m., am, pm, percent,
  per, cent, point, points, of, th, st, nd, rd, year-old, years-old`);

/** Verb lemmas that tell an event, with the type they suggest (the vocabulary of seeds/README.md). */
export const EVENT_VERBS: ReadonlyMap<string, EventType> = new Map(
  (
    [
      ['meeting', 'meet convene preside gather host attend summon assemble confer'],
      [
        'decision',
        `decide order suspend overrule approve reject cancel halt end stop lift impose choose appoint
        dismiss fire resign quit elect vote sack name nominate rule scrap drop postpone delay call
        dissolve veto withdraw pardon sentence convict acquit grant award sign ratify`,
      ],
      [
        'statement',
        `say state confirm announce declare tell deny admit comment respond stress warn express vow
        pledge promise apologise apologize claim insist acknowledge criticise criticize condemn
        praise welcome urge demand appeal call`,
      ],
      ['threat', 'threaten warn menace ultimatum'],
      [
        'military_activity',
        `deploy install remove patrol mobilise mobilize exercise drill launch test fire station
        withdraw advance retreat march fly sail dispatch redeploy evacuate rescue`,
      ],
      [
        'attack',
        `attack bomb blow strike shell kill destroy raid invade storm shoot burn wound injure damage
        demolish explode assault ambush torch loot`,
      ],
      ['diplomacy', 'negotiate talk agree mediate sanction visit ally reconcile broker normalise normalize'],
      ['propaganda', 'broadcast leaflet propagandize'],
      [
        'policy',
        `ban pass raise cut revise introduce implement legislate budget regulate reform fund tax
        spend invest close open build expand reduce increase restrict allow require plan propose`,
      ],
      ['report', 'report publish release reveal disclose leak document record survey poll'],
      ['war', 'war fight'],
      ['commemoration', 'commemorate mark celebrate honour honor mourn remember'],
    ] as const
  ).flatMap(([type, verbs]) => verbs.split(/\s+/u).map((verb) => [verb, type as EventType] as const)),
);

/** Verbs that tell a state of affairs or an opinion, not something that happened. */
export const STATIVE_VERBS = words(`
  be, have, seem, appear, remain, become, consider, know, think, believe, suspect, want, need, like,
  include, mean, reflect, refer, involve, contain, represent, belong, depend, deserve, exist, feel,
  hope, wish, look, sound, matter, own, possess, prefer, realise, realize, recognise, recognize,
  understand, doubt, expect, fear, imagine, suppose, tend, lack, let, get, make, go, come, do, use,
  try, begin, start, keep, help, see, put, take, give, find, leave, show, hold, bring, set, run,
  turn, move, play, live, stand, face, seek, gain, hobble, imperil, elevate, peak, consider`);

export const MALE_PRONOUNS = words(`he, him, his, himself`);
export const FEMALE_PRONOUNS = words(`she, her, hers, herself`);
export const GROUP_PRONOUNS = words(`they, them, their, theirs, themselves`);
export const THING_PRONOUNS = words(`it, its, itself`);

/** Nouns for people named by what they are ("a resident", "the spokeswoman", "officials"). */
export const PERSON_NOUNS = words(`
  spokesman, spokeswoman, spokesperson, official, officials, resident, residents, analyst, analysts,
  expert, experts, witness, witnesses, source, sources, observer, observers, critic, critics,
  diplomat, diplomats, activist, activists, worker, workers, officer, officers, minister, ministers,
  lawmaker, lawmakers, legislator, legislators, protester, protesters, protestor, protestors,
  organiser, organisers, organizer, organizers, investigator, investigators, researcher,
  researchers, scientist, scientists, economist, economists, leader, leaders, member, members,
  representative, representatives, negotiator, negotiators, voter, voters, evacuee, evacuees,
  firefighter, firefighters, survivor, survivors, victim, victims, parent, parents, student,
  students, teacher, teachers, doctor, doctors, nurse, nurses, driver, drivers, owner, owners,
  man, woman, men, women, people, person, some, others, many, several, councillor, councillors,
  dockworker, dockworkers, docker, dockers, employee, employees, executive, executives, manager,
  managers, chairman, chairwoman, director, aide, aides, adviser, advisers, advisor, advisors,
  commentator, commentators, reporter, reporters, journalist, journalists, campaigner,
  campaigners, opponent, opponents, supporter, supporters, candidate, candidates, mp, mps`);

/** Nouns of the relations that tie a person to someone else ("his only sister, Kim Yo-jong"). */
export const FEMALE_NOUNS = words(
  `sister, mother, daughter, wife, widow, aunt, niece, spokeswoman, chairwoman, congresswoman, woman, girl, queen, princess, grandmother, businesswoman`,
);
export const MALE_NOUNS = words(
  `brother, father, son, husband, widower, uncle, nephew, spokesman, chairman, congressman, man, boy, king, prince, grandfather, businessman`,
);

/** Nouns by which an article refers back to a document an agency or body published. */
export const DOCUMENT_NOUNS = words(
  `report, statement, announcement, dispatch, communique, bulletin, release, notice, post, letter, memo, filing, ruling`,
);

/** Words that are never a name, capitalised or not (a sentence may begin with them). */
export const NOT_NAMES = words(`
  the, a, an, this, that, these, those, it, its, he, she, they, we, i, you, his, her, their, our,
  my, your, and, or, but, if, when, while, after, before, since, although, though, as, at, on, in,
  by, for, from, to, of, with, without, under, over, about, against, between, during, until,
  there, here, what, which, who, whom, whose, where, why, how, all, some, many, most, several,
  each, every, both, either, neither, no, not, yes, also, however, meanwhile, still, yet, then,
  now, today, yesterday, tomorrow, earlier, later, last, next, this, such, other, another, one,
  image, credit, photo, source, sources, updated, read, more, share, advertisement, getty, images,
  monday, tuesday, wednesday, thursday, friday, saturday, sunday, january, february, march,
  april, may, june, july, august, september, october, november, december, jan., feb., mar.,
  apr., jun., jul., aug., sep., sept., oct., nov., dec., have, tip, story, christmas, easter,
  ramadan, eid, hanukkah, diwali, thanksgiving, halloween,
  get, touch, neither, under, despite, among, across, amid, instead, because, so, thus, even,
  only, just, already, again, once, twice, unlike, like, please, thank, thanks, dear, oh, o`);

/** Capitals that stand for their state ("Pyongyang couldn’t later gain leverage"). */
export const CAPITALS: ReadonlyMap<string, string> = new Map([
  ['seoul', 'South Korea'],
  ['pyongyang', 'North Korea'],
  ['washington', 'United States'],
  ['beijing', 'China'],
  ['moscow', 'Russia'],
  ['the kremlin', 'Russia'],
  ['tokyo', 'Japan'],
  ['kyiv', 'Ukraine'],
  ['kiev', 'Ukraine'],
  ['tehran', 'Iran'],
  ['berlin', 'Germany'],
  ['paris', 'France'],
  ['ankara', 'Turkey'],
  ['new delhi', 'India'],
  ['islamabad', 'Pakistan'],
  ['kabul', 'Afghanistan'],
  ['damascus', 'Syria'],
  ['baghdad', 'Iraq'],
  ['riyadh', 'Saudi Arabia'],
  ['taipei', 'Taiwan'],
  ['hanoi', 'Vietnam'],
  ['havana', 'Cuba'],
  ['caracas', 'Venezuela'],
  ['ottawa', 'Canada'],
  ['canberra', 'Australia'],
  ['warsaw', 'Poland'],
  ['minsk', 'Belarus'],
  ['brussels', 'European Union'],
]);

/** Titles of a role that leads what it is a role of ("North Korea’s leader"). */
export const LEADER_TITLES = words(
  `leader, president, prime minister, premier, chairman, chairwoman, chair, head, chief, king, queen, chancellor, mayor, governor, director, ceo, chief executive, secretary-general, general secretary`,
);

/** Other names of states, folded to the name the proposer keys them by. */
export const STATE_NAMES: ReadonlyMap<string, string> = new Map([
  ['us', 'united states'],
  ['u s', 'united states'],
  ['usa', 'united states'],
  ['the us', 'united states'],
  ['the u s', 'united states'],
  ['the united states', 'united states'],
  ['america', 'united states'],
  ['uk', 'united kingdom'],
  ['the uk', 'united kingdom'],
  ['britain', 'united kingdom'],
  ['great britain', 'united kingdom'],
  ['the united kingdom', 'united kingdom'],
  ['the netherlands', 'netherlands'],
  ['holland', 'netherlands'],
  ['the philippines', 'philippines'],
  ['turkiye', 'turkey'],
  ['burma', 'myanmar'],
  ['the eu', 'european union'],
  ['eu', 'european union'],
  ['the european union', 'european union'],
]);

/** Nouns after a name that make it an institution's ("the Trump administration", "the Kim regime"). */
export const GOVERNMENT_NOUNS = words(
  `administration, government, regime, cabinet, camp, campaign, family, dynasty, presidency, junta`,
);
