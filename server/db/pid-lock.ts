import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';

export interface PidLock {
  release(): void;
}

/**
 * Takes an exclusive lock file holding this process's pid. A lock left by a process that is no
 * longer running is taken over; one held by a live process is refused with a clear message.
 */
export function acquirePidLock(lockPath: string): PidLock {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          try {
            unlinkSync(lockPath);
          } catch {
            // Already gone: nothing to release.
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockPath, 'utf8').trim());
      if (holder && holder !== process.pid && isRunning(holder)) {
        throw new Error(
          `The embedded database is in use by another process (pid ${holder}). Stop it first, or set DATA_DIR to another folder.`,
        );
      }
      unlinkSync(lockPath);
    }
  }
  throw new Error(`Could not take the database lock at ${lockPath}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
