import type { BesideDatabase } from '../../seed/load.js';
import { buildDumps } from './build.js';
import { pruneDumps } from './retention.js';

/** The whole-dataset files a served database has beside it (SPEC §4.2), for the seed to build. */
export const DUMPS: BesideDatabase = {
  build: buildDumps,
  prune: pruneDumps,
};
