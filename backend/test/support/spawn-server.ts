import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const backendDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Spawned {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
}

/**
 * Runs src/main.ts as its own process, exactly as an operator would (env in, logs out). One
 * Node process with tsx as a loader, not the tsx CLI: the CLI is a parent that relays signals
 * to a child, and under load it could kill the child instead, so a test's SIGTERM would never
 * reach Parley's own handler.
 */
export function spawnServer(env: Record<string, string>, args: string[] = []): Spawned {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: backendDir,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Resolves with the URL from the "Parley is listening" log line (the server picks its port with PORT=0). */
export function listeningUrl(server: Spawned): Promise<string> {
  return new Promise((resolve, reject) => {
    const onData = () => {
      for (const line of server.stdout().split('\n')) {
        if (!line.startsWith('{')) continue;
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'Parley is listening' && entry.url) {
          server.child.stdout!.off('data', onData);
          resolve(entry.url);
          return;
        }
      }
    };
    server.child.stdout!.on('data', onData);
    void server.exited.then((code) =>
      reject(new Error(`server exited with ${code}: ${server.stderr()}${server.stdout()}`)),
    );
  });
}
