/**
 * The data folder holds every run's history and the operators' tokens: only the service's own
 * user may read it (folder 700, files 600), whatever the umask of the shell that started it.
 */
import { chmodSync, existsSync, mkdirSync } from 'node:fs';

/** Creates the folder 700, and tightens one made earlier with the umask's 755. */
export function ensurePrivateDirectory(path: string): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  chmodSync(path, 0o700);
}

/** Files made before this product set their modes (an older SQLite file and its WAL) become 600. */
export function tightenFiles(paths: string[]): void {
  for (const path of paths) if (existsSync(path)) chmodSync(path, 0o600);
}

/**
 * Runs `start` (a spawn) with umask 077, so that the child creates its files 600 and folders 700,
 * the WAL and SHM files it makes long after start-up too. Synchronous: no other code of this
 * process runs while the umask is changed.
 */
export function withPrivateUmask<T>(start: () => T): T {
  const previous = process.umask(0o077);
  try {
    return start();
  } finally {
    process.umask(previous);
  }
}
