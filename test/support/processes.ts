/**
 * Real Porch server processes for tests that need more than one: each is `porch start` in a
 * child process, on the database the test gives it, listening on a port of its own choosing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const porch = fileURLToPath(new URL('../../bin/porch.js', import.meta.url));

/** A running Porch process. */
export interface PorchProcess {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Stops it (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Starts `porch start` with `env` (and PATH) on a free port (PORT=0: the port is read from its
 * log, so it is surely this process that answers) and resolves once it answers `/healthz`.
 * Rejects with its output if it exits or is not ready within `timeoutMs`.
 */
export async function startPorch(env: Record<string, string>, timeoutMs = 120_000): Promise<PorchProcess> {
  const child: ChildProcess = spawn(process.execPath, [porch, 'start'], {
    // Only what is given: the test runner's environment holds variables Porch reads (BASE_URL).
    env: { PATH: process.env.PATH, ...env, LOG_LEVEL: 'info', PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stopping = false;
  const listening = new Promise<string>((resolve, reject) => {
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
      const port = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1];
      if (port) resolve(`http://127.0.0.1:${port}`);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.once('exit', (code) => {
      reject(new Error(`porch start exited with ${code}:\n${output}`));
      // A process that dies under test says why, not just "connection refused".
      if (!stopping) process.stderr.write(`porch start exited with ${code}:\n${output}\n`);
    });
  });
  listening.catch(() => undefined); // settled by the race below, or after it was lost
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`porch start was not ready after ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
  });
  try {
    const url = await Promise.race([listening, timeout]);
    await Promise.race([healthy(url, () => output), timeout]);
    return {
      url,
      async stop() {
        stopping = true;
        if (child.exitCode === null) child.kill('SIGTERM');
        await exited;
      },
    };
  } catch (err) {
    stopping = true;
    child.kill('SIGKILL');
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Resolves once `url` answers `/healthz` with 2xx. A connection refused or reset is asked again
 * (every 100 ms, up to 50 times), as a readiness probe does: a socket can be reset in the moment
 * after the listening line is written; an answer that is not 2xx fails at once.
 */
async function healthy(url: string, output: () => string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
      throw new Error(`porch start is not healthy (${res.status}):\n${output()}`);
    } catch (err) {
      const code = (err as { cause?: { code?: string } }).cause?.code;
      if (attempt >= 50 || (code !== 'ECONNRESET' && code !== 'ECONNREFUSED')) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
