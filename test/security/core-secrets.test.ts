// The admin and browser tokens never leak out of the keychain through anything the core produces:
// events, snapshots, service logs (in memory and on disk), state files, the companion's own log,
// or process command lines — with the one documented exception of palyra-browserd's argv.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatStreamEvent, CompanionSnapshot } from '../../main/contract';
import { dispatchCall } from '../../main/contract/dispatch';
import { startDemoCore, type DemoCore } from '../support/demo-core';
import { allHealthy } from '../support/all-healthy';
import { waitFor } from '../support/wait-for';

let demo: DemoCore | null = null;

afterEach(async () => {
  await demo?.stop();
  demo = null;
});

const healthy = (snap: CompanionSnapshot): boolean => allHealthy(snap, 3);

/** Every regular file below `root`, recursively. */
function filesUnder(root: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const full = join(root, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** argv of a live process, NUL separators turned into spaces. */
function cmdline(pid: number | 'self'): string {
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
}

describe('core secrets hygiene', () => {
  it('keeps admin and browser tokens out of events, snapshots, logs, files and argv (browserd argv aside)', async () => {
    const ownLog: string[] = [];
    const events: { event: string; json: string }[] = [];
    demo = await startDemoCore({
      tmpPrefix: 'core-secrets-',
      // Rotating log files are chosen at launch from state.json, so enable them before the core starts.
      prepare: (dir) => {
        mkdirSync(join(dir, 'companion'), { recursive: true });
        writeFileSync(
          join(dir, 'companion', 'state.json'),
          JSON.stringify({ schema_version: 1, preferences: { logFilesEnabled: true } }),
        );
      },
      core: { log: (line) => ownLog.push(line) },
    });
    const { keychain, dir } = demo;
    const c = demo.core;
    c.subscribe((event, payload) => events.push({ event, json: JSON.stringify(payload) }));
    expect(c.snapshot().preferences.logFilesEnabled).toBe(true);

    const adminToken = keychain.values.get('admin_token');
    const browserToken = keychain.values.get('browser_auth_token');
    expect(adminToken).toBeTruthy();
    expect(browserToken).toBeTruthy();
    const tokens = [adminToken!, browserToken!];
    const leaks = (text: string): string[] => tokens.filter((t) => text.includes(t));

    await waitFor(() => healthy(c.snapshot()), 'all sidecars healthy', 30_000);
    await waitFor(() => c.snapshot().connection.state === 'connected', 'connected', 30_000);

    // A whole session: streamed chat, an approval raised and decided, dashboard, settings, restart.
    const session = await c.handlers['chat.createSession']({ label: 'secrets' });
    const sent = await c.handlers['chat.send']({ sessionId: session.sessionId, text: 'hello secrets' });
    expect(sent.runId).toBeTruthy();
    expect(
      events.some(
        (e) => e.event === 'chat.stream' && (JSON.parse(e.json) as ChatStreamEvent).kind === 'token',
      ),
    ).toBe(true);

    const raised = await demo.simulator('/__sim/approvals', {
      title: 'Secrets approval',
      risk_level: 'high',
    });
    expect(raised.ok).toBe(true);
    const approval = await waitFor(
      () => c.snapshot().approvals.find((a) => a.title === 'Secrets approval'),
      'approval in snapshot',
    );
    await c.handlers['approval.decide']({ approvalId: approval.approvalId, approved: false, scope: 'once' });

    const { url } = await c.handlers['dashboard.open']({ section: 'overview' });
    // The hand-off carries its own one-use token, never the admin or browser token.
    expect(leaks(url)).toEqual([]);

    await c.handlers['settings.save']({
      preferences: { theme: 'dark' },
      rollout: { release_channel: 'beta' },
    });

    const browserdBefore = c.snapshot().services.find((s) => s.kind === 'browserd')!.pid;
    await c.handlers['service.restart']({ service: 'browserd' });
    await waitFor(
      () => {
        const b = c.snapshot().services.find((s) => s.kind === 'browserd');
        return b && b.pid !== browserdBefore && b.state === 'running' && b.health === 'healthy';
      },
      'browserd restarted',
      30_000,
    );
    await waitFor(() => healthy(c.snapshot()), 'all healthy after restart', 30_000);

    // Output through the dispatcher too, as the UI would see it.
    const snapReply = await dispatchCall(c.handlers, 'snapshot.get', {});
    expect(snapReply.ok).toBe(true);
    const snap = c.snapshot();
    expect(leaks(JSON.stringify(snapReply))).toEqual([]);
    expect(leaks(JSON.stringify(snap))).toEqual([]);

    const allLogs = await c.handlers['logs.get']({ limit: 5000 });
    expect(allLogs.length).toBeGreaterThan(0);
    expect(leaks(JSON.stringify(allLogs))).toEqual([]);
    for (const service of snap.services) {
      for (const stream of ['stdout', 'stderr', 'supervisor'] as const) {
        const lines = await c.handlers['logs.get']({ service: service.name, stream, limit: 5000 });
        expect(leaks(JSON.stringify(lines)), `${service.name}/${stream}`).toEqual([]);
      }
    }

    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expect(leaks(e.json), `event ${e.event}`).toEqual([]);
    expect(leaks(ownLog.join('\n'))).toEqual([]);

    // Command lines: the test runner itself (the companion process here) and each sidecar.
    expect(leaks(cmdline('self'))).toEqual([]);
    const byKind = new Map(snap.services.map((s) => [s.kind, s]));
    for (const kind of ['gateway', 'nodehost'] as const) {
      const pid = byKind.get(kind)?.pid;
      expect(pid, `${kind} pid`).toBeTruthy();
      expect(leaks(cmdline(pid!)), `${kind} argv`).toEqual([]);
    }
    // Palyra's own launch contract (apps/desktop passes `--auth-token <browser token>` to
    // palyra-browserd), kept for compatibility and documented in README "Security notes". If this
    // ever changes, this assertion fails so the README and this test get updated together.
    const browserdPid = byKind.get('browserd')?.pid;
    expect(browserdPid).toBeTruthy();
    const browserdArgv = cmdline(browserdPid!);
    expect(browserdArgv).toContain('--auth-token');
    expect(browserdArgv).toContain(browserToken!);
    expect(browserdArgv).not.toContain(adminToken!);

    // Files written before shutdown flushes everything, then once more after it.
    await c.shutdown();
    const companionDir = join(dir, 'companion');
    const logDir = join(companionDir, 'logs');
    const logFiles = readdirSync(logDir).filter((f) => f.includes('.log'));
    expect(logFiles.length).toBeGreaterThan(0);
    expect(logFiles.some((f) => statSync(join(logDir, f)).size > 0)).toBe(true);
    const stateJson = readFileSync(join(companionDir, 'state.json'), 'utf8');
    expect(stateJson).toContain('"beta"');
    const files = filesUnder(companionDir);
    expect(files).toContain(join(companionDir, 'state.json'));
    for (const file of files) {
      expect(leaks(readFileSync(file).toString('latin1')), file).toEqual([]);
    }
  });
});
