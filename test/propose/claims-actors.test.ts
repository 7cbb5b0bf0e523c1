import { describe, expect, it } from 'vitest';
import { propose } from '../../src/propose/propose.js';
import { emptyRecord, loadRecord } from '../../src/propose/record.js';
import { ROOT } from '../seed/seed-helpers.js';
import path from 'node:path';

/** Counts, actors and the record a new article joins, on short texts of their own. */

const META = {
  id: 'test-source',
  text: 'test.txt',
  outlet: 'Test Post',
  published: '2026-03-11',
  timezone: 'UTC',
};

describe('count claims', () => {
  it.each([
    ['About 3,000 workers walked out on Monday.', 'workers', 3000, true],
    ['The strikers blocked more than 40 ships on Monday.', 'ships', 40, true],
    ['The North prepared 12 million leaflets on Monday.', 'leaflets', 12_000_000, false],
    ['The council closed seven libraries on Monday.', 'libraries', 7, false],
    ['Police arrested at least 150 protesters on Monday.', 'protesters', 150, true],
  ])('%s', (text, about, value, approximate) => {
    const [count] = propose(text, META, emptyRecord()).counts;
    expect(count).toMatchObject({ about, value, approximate });
    expect(text.slice(count?.start, count?.end)).toMatch(new RegExp(`${about}$`, 'u'));
  });

  it('counts no years, dates or ages', () => {
    const text = 'In 2018 the union met on March 3, and a 45-year-old man spoke for two hours.';
    expect(propose(text, META, emptyRecord()).counts).toEqual([]);
  });

  it('attributes a count to whoever the sentence says gave it', () => {
    const text = 'About 4,000 residents were evacuated on Monday, according to the Fire Authority.';
    expect(propose(text, META, emptyRecord()).counts[0]?.attributedTo?.name).toBe('Fire Authority');
  });
});

describe('actors', () => {
  it('merges a surname with its full name and takes a role from an apposition', () => {
    const text = 'The union’s leader, John Park, spoke on Monday.\n\nMr. Park said the offer was too low.';
    const [park] = propose(text, META, emptyRecord()).actors.actors.filter((a) => a.name === 'John Park');
    expect(park?.kind).toBe('person');
    expect(park?.mentions.map((m) => m.text)).toEqual(['John Park', 'Mr. Park']);
    expect(park?.roles.map((r) => r.title)).toContain('leader');
  });

  it('joins the record’s actors by every alias: Kim Jong Un, Kim Jong-un and Mr. Kim', async () => {
    const record = await loadRecord(path.join(ROOT, 'seeds'), '004_69448d2627b4ef18.json');
    const text = 'Kim Jong Un met his generals on Monday.\n\nMr. Kim said little. Kim Jong-un then left.';
    const found = propose(text, { ...META, published: '2020-06-24', timezone: 'Asia/Seoul' }, record).actors
      .actors;
    const kim = found.filter((a) => a.mentions.some((m) => /Kim/u.test(m.text)));
    expect(kim.map((a) => a.id)).toEqual(['kim-jong-un']);
    expect(kim[0]?.existing).toBe(true);
    expect(kim[0]?.mentions.map((m) => m.text)).toEqual(['Kim Jong Un', 'Mr. Kim', 'Kim Jong-un']);
  });
});
