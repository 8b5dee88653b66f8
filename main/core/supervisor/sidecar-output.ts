// Where a sidecar's stdout/stderr go: files under <stateRoot>/companion/logs/sidecars/, opened by
// the companion and handed to the child as its fds 1 and 2. Never pipes to the companion: a
// sidecar must outlive a kill -9 of the companion without EPIPE/SIGPIPE, and the next companion
// that adopts it reads on from the same files.
import { closeSync, constants, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { makeDirectoryChain } from '../state/paths';
import { OutputFileTail, type OutputFileTailOptions } from './output-file-tail';

export type OutputStream = 'stdout' | 'stderr';

export function sidecarOutputDir(stateRoot: string): string {
  return join(stateRoot, 'companion', 'logs', 'sidecars');
}

export function sidecarOutputPath(dir: string, service: string, stream: OutputStream): string {
  return join(dir, `${service}.${stream}.log`);
}

/** Fresh (truncated) files for a new spawn; returns the fds to pass as stdio, to close after spawn. */
export function openSpawnOutput(dir: string, service: string): [number, number] {
  makeDirectoryChain(dir);
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND | constants.O_TRUNC;
  const out = openSync(sidecarOutputPath(dir, service, 'stdout'), flags, 0o600);
  try {
    return [out, openSync(sidecarOutputPath(dir, service, 'stderr'), flags, 0o600)];
  } catch (err) {
    closeSync(out);
    throw err;
  }
}

/** How far back an adopted sidecar's existing output is shown (and searched for readiness). */
export const ADOPTED_BACKLOG_BYTES = 64 * 1024;

/** Whether the last bytes of a leftover's stdout file match its readiness pattern. */
export function outputFileMatches(dir: string, service: string, pattern: RegExp): boolean {
  const path = sidecarOutputPath(dir, service, 'stdout');
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return false;
  }
  try {
    const size = statSync(path).size;
    const length = Math.min(size, 4 * ADOPTED_BACKLOG_BYTES);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    return pattern.test(buffer.toString('utf8'));
  } finally {
    closeSync(fd);
  }
}

/** The two tails of one sidecar; `start` from 0 after a spawn, near the end after an adoption. */
export class SidecarOutput {
  private readonly tails: OutputFileTail[];

  constructor(
    dir: string,
    service: string,
    onText: (stream: OutputStream, text: string) => void,
    options: OutputFileTailOptions,
  ) {
    makeDirectoryChain(dir);
    this.tails = (['stdout', 'stderr'] as const).map(
      (stream) =>
        new OutputFileTail(sidecarOutputPath(dir, service, stream), (text) => onText(stream, text), options),
    );
  }

  followFromStart(): void {
    for (const t of this.tails) t.start(0);
  }

  followBacklog(bytes: number): void {
    for (const t of this.tails) {
      const size = statSync(t.path, { throwIfNoEntry: false })?.size ?? 0;
      t.start(Math.max(0, size - bytes));
    }
  }

  /** Reads everything left and stops (after the process exited, or on dispose). */
  stop(): void {
    for (const t of this.tails) t.stop();
  }
}
