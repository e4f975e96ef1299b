import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquirePidLock } from './pid-lock';

/** The pid of a process that has exited (so it is not running now). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  const pid = Number(child.stdout);
  expect(pid).toBeGreaterThan(0);
  return pid;
}

describe('acquirePidLock', () => {
  let dir: string;
  let lockPath: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'flowboard-lock-'));
    lockPath = path.join(dir, 'pglite.lock');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes this process id into the lock file and removes it on release (once)', () => {
    const lock = acquirePidLock(lockPath);
    expect(readFileSync(lockPath, 'utf8')).toBe(String(process.pid));
    lock.release();
    expect(existsSync(lockPath)).toBe(false);
    writeFileSync(lockPath, 'someone else');
    lock.release();
    expect(readFileSync(lockPath, 'utf8')).toBe('someone else');
  });

  it('refuses a lock held by another live process, naming its pid', () => {
    // The parent of this worker is alive for as long as the test runs.
    writeFileSync(lockPath, String(process.ppid));
    expect(() => acquirePidLock(lockPath)).toThrow(`in use by another process (pid ${process.ppid})`);
    expect(readFileSync(lockPath, 'utf8')).toBe(String(process.ppid));
  });

  it('takes over a lock left by a process that is gone', () => {
    writeFileSync(lockPath, String(deadPid()));
    const lock = acquirePidLock(lockPath);
    expect(readFileSync(lockPath, 'utf8')).toBe(String(process.pid));
    lock.release();
  });

  it('takes over a lock file whose content is not a pid', () => {
    writeFileSync(lockPath, 'garbage');
    acquirePidLock(lockPath).release();
    expect(existsSync(lockPath)).toBe(false);
  });

  it('lets the next opener in after a release', () => {
    acquirePidLock(lockPath).release();
    const again = acquirePidLock(lockPath);
    expect(readFileSync(lockPath, 'utf8')).toBe(String(process.pid));
    again.release();
  });
});
