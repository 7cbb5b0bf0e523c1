import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createMetrics, createPrimaryMetrics } from '../../src/metrics.js';

/**
 * deploy/prometheus.yml and deploy/parallax-alerts.yml: valid for Prometheus (promtool, Debian's
 * `prometheus` package; without it this file is skipped, in CI a missing promtool is a failure),
 * each alert firing as its unit tests say, and every metric an alert reads one the server exports,
 * so renaming a metric cannot silently disarm an alert.
 */

const PROMTOOL = process.env.PROMTOOL_PATH ?? '/usr/bin/promtool';
const available = existsSync(PROMTOOL);
if (!available && process.env.CI) throw new Error(`CI needs promtool at ${PROMTOOL} for the alert tests`);
const DEPLOY = path.resolve(import.meta.dirname, '../../deploy');

const promtool = (...args: string[]) =>
  execFileSync(PROMTOOL, args, { cwd: DEPLOY, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe.skipIf(!available)('promtool', () => {
  it('accepts the scrape configuration and its rules', () => {
    expect(promtool('check', 'config', 'prometheus.yml')).toContain('SUCCESS: 7 rules found');
  });
  it('passes the alerts’ unit tests', () => {
    expect(promtool('test', 'rules', 'parallax-alerts.test.yml')).toContain('SUCCESS');
  });
});

interface Rules {
  groups: { rules: { alert: string; expr: string }[] }[];
}

describe('the alerts', () => {
  it('read only metrics the server exports', async () => {
    const exported = new Set([
      ...(await createMetrics(new Registry()).registry.getMetricsAsJSON()).map((m) => m.name),
      ...(await createPrimaryMetrics().registry.getMetricsAsJSON()).map((m) => m.name),
    ]);
    const rules = parse(readFileSync(path.join(DEPLOY, 'parallax-alerts.yml'), 'utf8')) as Rules;
    const alerts = rules.groups.flatMap((g) => g.rules);
    expect(alerts.length).toBeGreaterThan(0);
    for (const { alert, expr } of alerts) {
      const read = [...expr.matchAll(/\bparallax_[a-z_]+/g)].map(([name]) =>
        name.replace(/_(bucket|count|sum)$/, ''),
      );
      for (const name of read) expect(exported, `${alert} reads ${name}`).toContain(name);
    }
  });
});
