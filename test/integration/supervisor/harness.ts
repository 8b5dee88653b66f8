// Shared by the supervisor integration tests: real sidecar processes, free ports, temp dirs,
// and cleanup that leaves nothing running.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Supervisor, type ServiceSpec, type SupervisorOptions } from '../../../main/core/supervisor';
import { isProcessAlive } from '../../../main/core/process/procfs';

export const ROOT = join(__dirname, '..', '..', '..');
export const SIDECAR = join(ROOT, 'build', 'test', 'fixtures', 'sidecars', 'sidecar.js');
export const DRIVER = join(ROOT, 'build', 'test', 'fixtures', 'sidecars', 'companion-driver.js');

/** A spec running the test sidecar with `sidecarArgs`; HTTP health on `port` when given. */
export function sidecarSpec(
  name: string,
  port: number | null,
  sidecarArgs: string[],
  overrides: Partial<ServiceSpec> = {},
): ServiceSpec {
  return {
    name,
    kind: 'extra',
    displayName: `test-${name}`,
    binary: process.execPath,
    args: [SIDECAR, ...(port !== null ? ['--port', String(port)] : []), ...sidecarArgs],
    env: {},
    ports: port !== null ? [{ port, protocol: 'tcp' }] : [],
    health:
      port !== null
        ? { type: 'http', url: `http://127.0.0.1:${port}/healthz`, expectService: 'palyrad' }
        : { type: 'none' },
    startupGraceMs: 5_000,
    stopSignal: 'SIGINT',
    stopTimeoutMs: 1_500,
    secrets: [],
    ...overrides,
  };
}

export const FAST_POLICY = {
  baseDelayMs: 50,
  maxDelayMs: 400,
  resetAfterHealthyMs: 60_000,
  crashLoopMaxFailures: 5,
  crashLoopWindowMs: 120_000,
};

export class TestBed {
  readonly dir = mkdtempSync(join(tmpdir(), 'companion-sup-'));
  private readonly supervisors: Supervisor[] = [];
  private readonly pids = new Set<number>();

  supervisor(specs: ServiceSpec[], options: Partial<SupervisorOptions> = {}): Supervisor {
    const s = new Supervisor({
      stateRoot: this.dir,
      specs,
      healthIntervalMs: 100,
      restartPolicy: FAST_POLICY,
      ...options,
    });
    this.supervisors.push(s);
    return s;
  }

  /** Remember a pid to SIGKILL at cleanup if a test failed halfway. */
  track(pid: number | null | undefined): void {
    if (pid) this.pids.add(pid);
  }

  async cleanup(): Promise<void> {
    for (const s of this.supervisors) {
      for (const snap of s.snapshot()) this.track(snap.pid);
      await s.dispose().catch(() => undefined);
    }
    for (const pid of this.pids) {
      for (const target of [-pid, pid]) {
        try {
          process.kill(target, 'SIGKILL');
        } catch {
          // gone
        }
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function pidsFromLogs(lines: { line: string }[], label: string): number[] {
  const re = new RegExp(`${label} pid=(\\d+)`);
  return lines
    .map((l) => re.exec(l.line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]));
}

export { isProcessAlive };
