// Connection profiles with real processes: local → remote → local. A remote profile supervises
// nothing and talks to the gateway named by its daemon_url (here a second simulator standing for
// a gateway reached through an SSH tunnel); no sidecar of the old profile survives a switch; a
// strict profile needs explicit confirmation.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CompanionSnapshot } from '../../../main/contract/model';
import { isProcessAlive } from '../../../main/core/process/procfs';
import { allHealthy } from '../../support/all-healthy';
import { startDemoCore, type DemoCore } from '../../support/demo-core';
import { palyraTargets } from '../../support/palyra-targets';
import { waitFor } from '../../support/wait-for';
import { ADMIN_TOKEN, startSimulator, type RunningSimulator } from '../gateway/simulator-process';

let demo: DemoCore | null = null;
let remote: RunningSimulator | null = null;

afterEach(async () => {
  delete process.env.TUNNEL_TOKEN;
  await demo?.stop();
  await remote?.stop();
  demo = null;
  remote = null;
});

const pidsOf = (snap: CompanionSnapshot): number[] =>
  snap.services.flatMap((s) => (s.pid === null ? [] : [s.pid]));

describe.each(palyraTargets())('profile switch with the local profile on $name', (target) => {
  it.skipIf(target.skip !== null)(
    'local → remote → local leaves no sidecar of the old profile running; strict needs confirmation',
    async () => {
      remote = await startSimulator();
      const remoteUrl = remote.baseUrl;
      // The remote profile names the variable that holds its admin token (admin_token_env).
      process.env.TUNNEL_TOKEN = ADMIN_TOKEN;
      const options = target.options;
      demo = await startDemoCore({
        ...options,
        ...(options.core?.env
          ? { core: { ...options.core, env: { ...options.core.env, TUNNEL_TOKEN: ADMIN_TOKEN } } }
          : {}),
        tmpPrefix: 'companion-profiles-',
        prepare: (dir) => {
          mkdirSync(join(dir, 'cli'), { recursive: true });
          writeFileSync(
            join(dir, 'cli', 'profiles.toml'),
            [
              'version = 1',
              '[profiles.tunnel]',
              'label = "Lab via SSH tunnel"',
              'mode = "remote"',
              `daemon_url = "${remoteUrl}"`,
              'admin_token_env = "TUNNEL_TOKEN"',
              '[profiles.prod]',
              `daemon_url = "${remoteUrl}"`,
              'mode = "remote"',
              'strict_mode = true',
              'admin_token_env = "TUNNEL_TOKEN"',
            ].join('\n'),
          );
        },
      });
      const core = demo.core;
      await waitFor(() => allHealthy(core.snapshot(), 2), 'local sidecars healthy', 90_000);
      await waitFor(() => core.snapshot().connection.state === 'connected', 'connected locally', 60_000);
      const profiles = core.snapshot().profiles;
      expect(profiles.active).toBe('desktop-local');
      expect(profiles.profiles.map((p) => [p.name, p.mode, p.strictMode])).toEqual([
        ['desktop-local', 'local', false],
        ['prod', 'remote', true],
        ['tunnel', 'remote', false],
      ]);
      const localPids = pidsOf(core.snapshot());
      expect(localPids.length).toBeGreaterThanOrEqual(2);

      // Strict: refused without confirmation, nothing changes.
      await expect(core.handlers['profile.switch']({ profileName: 'prod' })).rejects.toMatchObject({
        code: 'strict_profile_confirmation',
      });
      expect(core.snapshot().profiles.active).toBe('desktop-local');
      expect(localPids.every(isProcessAlive)).toBe(true);

      // Local → remote: every local sidecar gone, nothing supervised, connected to the remote gateway.
      const toRemote = await core.handlers['profile.switch']({ profileName: 'tunnel' });
      expect(toRemote.message).toMatch(/remote/);
      expect(localPids.filter(isProcessAlive)).toEqual([]);
      expect(core.snapshot().services).toEqual([]);
      expect(core.snapshot().profiles).toMatchObject({ active: 'tunnel', switching: false, error: null });
      expect(core.snapshot().nodeHost.state).toBe('unavailable');
      await waitFor(
        () => core.snapshot().connection.state === 'connected',
        'connected to the remote',
        30_000,
      );
      expect(core.snapshot().dashboardUrl.startsWith(remoteUrl)).toBe(true);
      const session = await core.handlers['chat.createSession']({ label: 'over the tunnel' });
      expect(session.sessionId).toBeTruthy();
      await expect(core.handlers['service.start']({ service: 'gateway' })).rejects.toMatchObject({
        code: 'remote_profile',
      });

      // Remote → strict remote with confirmation, then back to local: sidecars start fresh.
      await core.handlers['profile.switch']({ profileName: 'prod', allowStrict: true });
      expect(core.snapshot().profiles.active).toBe('prod');
      await core.handlers['profile.switch']({ profileName: 'desktop-local' });
      await waitFor(() => allHealthy(core.snapshot(), 2), 'local sidecars healthy again', 90_000);
      await waitFor(
        () => core.snapshot().connection.state === 'connected',
        'connected locally again',
        60_000,
      );
      const newPids = pidsOf(core.snapshot());
      expect(newPids.some((pid) => localPids.includes(pid))).toBe(false);
      expect(core.snapshot().dashboardUrl.startsWith(demo.gatewayOrigin)).toBe(true);
      // The remote gateway was never ours to stop.
      expect(remote.child.exitCode).toBeNull();
    },
    300_000,
  );
});
