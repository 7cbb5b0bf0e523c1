import { hostname } from 'node:os';

/**
 * The process a temporary file or a lease belongs to, recorded in its name as `<host>~<pid>`, so
 * that what a crashed process left can be told from what a running one is using. A name of another
 * host is taken to be in use: only this host's processes can be checked.
 */
export interface Owner {
  host: string;
  pid: number;
}

/** This process as a name records it. */
export function ownerTag(): string {
  return `${hostname()}~${process.pid}`;
}

/** The owner of `<host>~<pid>`; undefined when the text is not one. */
export function parseOwner(host: string | undefined, pid: string | undefined): Owner | undefined {
  if (!host || !pid || !/^\d+$/.test(pid)) return undefined;
  return { host, pid: Number(pid) };
}

/** Whether the owner may still be running: false only for a process of this host that has exited. */
export function mayBeRunning({ host, pid }: Owner): boolean {
  if (host !== hostname()) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
