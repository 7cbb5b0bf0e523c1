import { createHash, randomBytes } from 'node:crypto';
import { lstat, open, readdir, readFile, realpath, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * The seeds folder as the workbench may touch it: plain `.json` and `.txt` files directly inside it,
 * read with the revision they have on disk, and annotation files written atomically and only over
 * the revision the writer last read. Nothing outside the folder is reachable: names are base names
 * (no separator, no `..`), the folder is its real path, and symbolic links are refused.
 */

/** A refusal the workbench answers with `status` and this message. */
export class WorkbenchFileError extends Error {
  override name = 'WorkbenchFileError';

  constructor(
    readonly status: 404 | 409 | 422,
    message: string,
  ) {
    super(message);
  }
}

/** A file's bytes and the revision that names them. */
export interface Revisioned {
  name: string;
  body: string;
  revision: string;
}

/** A name the workbench may read (`.json` or `.txt`) or write (`.json` only). */
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*\.(?:json|txt)$/u;

/** The revision of some bytes: what a write must present to replace them. */
export function revisionOf(bytes: string | Buffer): string {
  return createHash('sha256').update(bytes).digest('base64url').slice(0, 22);
}

export class SeedsFolder {
  /** Writes in this process, one after another, so that two saves cannot both pass the revision check. */
  private writes: Promise<unknown> = Promise.resolve();

  private constructor(readonly root: string) {}

  /** The folder at `dir`, by its real path (so a link to it is followed once, at start, and never again). */
  static async open(dir: string): Promise<SeedsFolder> {
    const root = await realpath(dir);
    if (!(await lstat(root)).isDirectory()) throw new Error(`${dir} is not a folder`);
    return new SeedsFolder(root);
  }

  /** The annotation files (`*.json`, symbolic links left out), in name order. */
  async annotations(): Promise<string[]> {
    const entries = await readdir(this.root, { withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && e.name.endsWith('.json') && NAME.test(e.name))
      .map((e) => e.name)
      .sort();
  }

  async read(name: string): Promise<Revisioned> {
    const full = await this.existing(name);
    const body = await readFile(full, 'utf8');
    return { name, body, revision: revisionOf(body) };
  }

  /**
   * Replaces annotation file `name` with `body` if its revision on disk is still `expected` (null:
   * the file must not exist yet). The bytes go to a fresh temporary file beside it, are flushed to
   * disk, and are renamed over the old file, so a reader sees the old file or the new, never half.
   */
  write(name: string, body: string, expected: string | null): Promise<Revisioned> {
    const done = this.writes.then(() => this.writeNow(name, body, expected));
    this.writes = done.catch(() => undefined);
    return done;
  }

  private async writeNow(name: string, body: string, expected: string | null): Promise<Revisioned> {
    const full = this.pathOf(name);
    if (!name.endsWith('.json'))
      throw new WorkbenchFileError(422, `${name}: only annotation files (.json) are written`);
    const current = await this.currentRevision(full);
    if (current !== expected)
      throw new WorkbenchFileError(
        409,
        current === null
          ? `${name} was removed from disk since it was opened; nothing was written`
          : `${name} changed on disk since it was opened; reload it to see the change (nothing was written)`,
      );
    const temporary = path.join(this.root, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await open(temporary, 'wx', 0o644);
    try {
      await handle.writeFile(body, 'utf8');
      await handle.sync();
      await handle.close();
      await rename(temporary, full);
    } catch (error) {
      await handle.close().catch(() => undefined);
      await rm(temporary, { force: true });
      throw error;
    }
    return { name, body, revision: revisionOf(body) };
  }

  /** The full path of a file that exists as a plain file in the folder; a 404 otherwise. */
  private async existing(name: string): Promise<string> {
    const full = this.pathOf(name);
    const stat = await lstat(full).catch(() => undefined);
    if (!stat?.isFile()) throw new WorkbenchFileError(404, `${name}: no such file in the seeds folder`);
    return full;
  }

  private async currentRevision(full: string): Promise<string | null> {
    const stat = await lstat(full).catch(() => undefined);
    if (stat === undefined) return null;
    if (!stat.isFile())
      throw new WorkbenchFileError(422, `${path.basename(full)}: not a plain file; it is not written`);
    return revisionOf(await readFile(full));
  }

  /** The path of a base name in the folder; a 404 for anything else (so nothing reveals what exists). */
  private pathOf(name: string): string {
    if (!NAME.test(name) || name.includes('..'))
      throw new WorkbenchFileError(
        404,
        `${JSON.stringify(name)}: not a file name of the seeds folder (a .json or .txt base name)`,
      );
    const full = path.join(this.root, name);
    if (path.dirname(full) !== this.root)
      throw new WorkbenchFileError(404, `${JSON.stringify(name)}: not in the seeds folder`);
    return full;
  }
}
