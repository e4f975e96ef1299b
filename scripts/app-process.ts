import { spawn } from 'node:child_process';

export interface AppProcess {
  /** Stops the app (SIGTERM) and resolves when it has exited; nothing when it already had. */
  stop(): Promise<void>;
}

/**
 * Starts the app in a child process (`args` after node, e.g. `['scripts/start.mjs']`) with
 * `env` over this process's environment, and resolves once it logs that it is running; rejects
 * when it exits first. For benchmarks and specs that need an app process of their own.
 */
export async function startAppProcess(args: string[], env: Record<string, string | undefined>): Promise<AppProcess> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Flowboard is running')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the app (${args.join(' ')}) exited with ${code} before it was ready`)));
  });
  // Keep draining its output, so a chatty app never blocks on a full pipe.
  child.stdout!.resume();
  return {
    stop: () =>
      child.exitCode !== null
        ? Promise.resolve()
        : new Promise((resolve) => {
            child.removeAllListeners('exit');
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
  };
}
