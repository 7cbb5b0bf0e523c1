import path from 'node:path';
import { lint, loadConfig } from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');

describe('openapi/openapi.json', () => {
  it('passes Redocly’s recommended-strict lint with no problem at all', async () => {
    const config = await loadConfig({ configPath: path.join(ROOT, 'redocly.yaml') });
    const problems = await lint({ ref: path.join(ROOT, 'openapi/openapi.json'), config });
    const report = problems.map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`);
    expect(report).toEqual([]);
  });
});
