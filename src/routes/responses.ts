import { ProblemSchema } from '../schemas/common.js';

/**
 * Status codes every operation can answer: an `Accept` that allows nothing the operation produces
 * (406), and the catch-all of the error handler (500), which no input should ever reach.
 */
const ALWAYS = [406, 500];

/**
 * Added by src/plugins/limits.ts to every operation but the probes: the per-client rate limit
 * (429) and load shedding when the process is overloaded (503), both with `Retry-After`.
 */
const LIMITED = [429, 503];

const schemas = (statuses: number[]): Record<number, typeof ProblemSchema> =>
  Object.fromEntries([...new Set(statuses)].sort().map((s) => [s, ProblemSchema]));

/** Problem responses for a route's schema: the statuses it can return besides 200. */
export function problems(...statuses: number[]): Record<number, typeof ProblemSchema> {
  return schemas([...statuses, ...ALWAYS, ...LIMITED]);
}

/**
 * Problem responses for /healthz and /readyz, which the rate limit exempts (and liveness also load
 * shedding, so readiness lists its 503 itself).
 */
export function probeProblems(...statuses: number[]): Record<number, typeof ProblemSchema> {
  return schemas([...statuses, ...ALWAYS]);
}
