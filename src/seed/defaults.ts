import { fileURLToPath } from 'node:url';

/** The project's own seeds folder, resolved the same from src/ and dist/. */
export const DEFAULT_SEEDS_DIR = fileURLToPath(new URL('../../seeds', import.meta.url));
