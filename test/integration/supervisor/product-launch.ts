// Real launches of the built product (build/main/launch.js --demo --headless) on throw-away state
// roots, for the reliability tests: one companion per state root, sidecars outliving a kill -9,
// secrets on disk. The state root accepts the insecure token file (no Secret Service in tests),
// so the sidecars start at once. Everything started is swept in cleanup().
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PidRecord } from '../../../main/core/supervisor/pid-registry';
import { killAllMentioning } from '../../chaos/chaos-harness';
import { launchCompanion, type LaunchedCompanion } from '../../support/companion-launch';
import type { PalyraTestPorts } from '../../support/ports';
import { waitFor } from '../../support/wait-for';

export const LAUNCH_SCRIPT = join(__dirname, '..', '..', '..', 'build', 'main', 'launch.js');

export class ProductBed {
  private readonly roots: string[] = [];
  private readonly launched: LaunchedCompanion[] = [];

  /** A fresh state root whose state.json already accepts the insecure token file. */
  stateRoot(state: Record<string, unknown> = { insecureSecretStoreAccepted: true }): string {
    const root = mkdtempSync(join(tmpdir(), 'companion-rel-'));
    this.roots.push(root);
    mkdirSync(join(root, 'companion'), { recursive: true });
    writeFileSync(join(root, 'companion', 'state.json'), JSON.stringify({ schema_version: 1, ...state }));
    return root;
  }

  /** The companion's environment: no session bus (file token store), plus `extra`. */
  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '', ...extra };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    return env;
  }

  /** Launches the product; pass `ports` of an earlier launch to relaunch it as it was. */
  async launch(
    stateRoot: string,
    options: { env?: Record<string, string>; ports?: PalyraTestPorts; demo?: boolean } = {},
  ): Promise<LaunchedCompanion> {
    const product = await launchCompanion({
      launchScript: LAUNCH_SCRIPT,
      stateRoot,
      env: this.env(options.env),
      detached: true,
      ...(options.ports ? { ports: options.ports } : {}),
      ...(options.demo !== undefined ? { demo: options.demo } : {}),
    });
    this.launched.push(product);
    return product;
  }

  async cleanup(): Promise<void> {
    for (const p of this.launched.splice(0)) await p.terminate(5_000).catch(() => undefined);
    for (const root of this.roots.splice(0)) {
      killAllMentioning(root);
      rmSync(root, { recursive: true, force: true });
    }
  }
}

export function sidecarRecords(stateRoot: string): PidRecord[] {
  try {
    const text = readFileSync(join(stateRoot, 'companion', 'sidecars.json'), 'utf8');
    return (JSON.parse(text) as { sidecars: PidRecord[] }).sidecars;
  } catch {
    return [];
  }
}

/** Waits until the registry names every one of `services`; returns service → pid. */
export function sidecarPids(
  stateRoot: string,
  services: readonly string[],
  timeoutMs = 60_000,
): Promise<Record<string, number>> {
  return waitFor(
    () => {
      const pids = Object.fromEntries(sidecarRecords(stateRoot).map((r) => [r.service, r.pid]));
      return services.every((s) => pids[s] !== undefined) ? pids : null;
    },
    `sidecars ${services.join(', ')} in the registry`,
    timeoutMs,
    { intervalMs: 100 },
  );
}

/** One /api/call on a launched companion's host, with its token. */
export async function callHost<T>(product: LaunchedCompanion, name: string, params: unknown): Promise<T> {
  const url = new URL(product.url);
  const res = await fetch(`${url.origin}/api/call`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${url.searchParams.get('token')}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ name, params }),
  });
  const reply = (await res.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!reply.ok) throw new Error(`${name}: ${reply.error?.message ?? res.status}`);
  return reply.value as T;
}
