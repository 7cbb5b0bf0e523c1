import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { AnnotationFileSchema } from '../../src/seed/annotation-schema.js';
import { type CaseResult, casesIn, runCase } from '../propose/cases.js';
import { type Ratio, type Scores, scoreArticle, type Tally } from '../propose/score.js';

/**
 * `npm run bench:propose [-- --json] [--only NAME]`: the proposer scored against hand-written
 * annotations. Each seed article is proposed with its own annotation held out (the other seeds are
 * the record it joins), then each article of every fixture story folder the same way. Prints
 * precision, recall and F1 per kind, the time per article, and the targets of issue 22.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.join(ROOT, 'test/propose/fixtures');

const TARGETS = {
  quotes: 'F1 ≥ 0.98',
  speakers: '≥ 0.90',
  dates: '≥ 0.85',
  mentions: 'R ≥ 0.90 at P ≥ 0.80',
  events: 'R ≥ 0.75 at P ≥ 0.50',
  links: '≥ 0.80',
  counts: '—',
} as const;

function folders(only: string | undefined): { name: string; dir: string }[] {
  const stories = existsSync(FIXTURES)
    ? readdirSync(FIXTURES, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => ({ name: d.name, dir: path.join(FIXTURES, d.name) }))
    : [];
  const all = [{ name: 'seeds', dir: path.join(ROOT, 'seeds') }, ...stories];
  return only ? all.filter((f) => f.name === only) : all;
}

const add = (a: Scores, b: Scores): Scores => {
  const t = (x: Tally, y: Tally): Tally => ({
    proposed: x.proposed + y.proposed,
    correct: x.correct + y.correct,
    gold: x.gold + y.gold,
    found: x.found + y.found,
  });
  const r = (x: Ratio, y: Ratio): Ratio => ({ correct: x.correct + y.correct, of: x.of + y.of });
  return {
    quotes: t(a.quotes, b.quotes),
    speakers: r(a.speakers, b.speakers),
    mentions: t(a.mentions, b.mentions),
    events: t(a.events, b.events),
    dates: r(a.dates, b.dates),
    links: r(a.links, b.links),
    counts: t(a.counts, b.counts),
  };
};

const f = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '—');

export function row(name: string, s: Scores): string {
  const prf = (x: Tally) => {
    const p = x.correct / x.proposed;
    const r = x.found / x.gold;
    return `${f(p)} ${f(r)} ${f((2 * p * r) / (p + r))}`;
  };
  const ratio = (x: Ratio) => `${f(x.correct / x.of)} (${x.correct}/${x.of})`;
  return [
    name.padEnd(34),
    prf(s.quotes),
    ratio(s.speakers).padEnd(13),
    prf(s.mentions),
    prf(s.events),
    ratio(s.dates).padEnd(13),
    ratio(s.links).padEnd(13),
    prf(s.counts),
  ].join(' | ');
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const only = process.argv[process.argv.indexOf('--only') + 1];
  const results: { group: string; result: CaseResult; scores: Scores }[] = [];
  for (const { name, dir } of folders(process.argv.includes('--only') ? only : undefined))
    for (const c of casesIn(dir)) {
      const result = await runCase(c);
      const draft = AnnotationFileSchema.parse(result.draft);
      results.push({
        group: name,
        result,
        scores: scoreArticle({
          text: result.text,
          gold: result.gold,
          draft,
          recordEvents: result.recordEvents,
        }),
      });
    }
  if (json) {
    console.log(
      JSON.stringify(
        results.map((r) => ({
          group: r.group,
          file: r.result.file,
          ms: Math.round(r.result.ms),
          scores: r.scores,
        })),
        null,
        2,
      ),
    );
    return;
  }
  console.log(
    `${'article'.padEnd(34)} | quotes P R F1   | speakers      | mentions P R F1 | events P R F1  | dates         | links         | counts P R F1`,
  );
  for (const r of results)
    console.log(row(`${r.group}/${r.result.file.replace(/\.json$/u, '')}`.slice(0, 34), r.scores));
  const groups = [...new Set(results.map((r) => r.group))];
  for (const g of groups) {
    const of = results.filter((r) => r.group === g);
    console.log(row(`${g} (all)`, of.map((r) => r.scores).reduce(add)));
  }
  if (results.length > 0) console.log(row('everything', results.map((r) => r.scores).reduce(add)));
  const times = results.map((r) => r.result.ms).sort((a, b) => a - b);
  console.log(
    `time per article: median ${Math.round(times[Math.floor(times.length / 2)] ?? 0)} ms, max ${Math.round(times[times.length - 1] ?? 0)} ms (first includes loading the language model)`,
  );
  console.log(
    `targets: ${Object.entries(TARGETS)
      .map(([k, v]) => `${k} ${v}`)
      .join('; ')}; ≤ 2 s per article`,
  );
}

await main();
