// The node host's whole life through the core, with real processes: Enroll (pairing code,
// `palyra node install`, approval, `node run` supervised), Repair, Reset, and a node host that
// loses its pairing being stopped and explained instead of crash-looping. Against the simulator
// always, and against the real palyrad/palyra when their binaries are given.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CompanionSnapshot, ServiceSnapshot } from '../../../main/contract/model';
import { startDemoCore, type DemoCore } from '../../support/demo-core';
import { palyraTargets } from '../../support/palyra-targets';
import { waitFor } from '../../support/wait-for';

let demo: DemoCore | null = null;

afterEach(async () => {
  await demo?.stop();
  demo = null;
});

const service = (snap: CompanionSnapshot, name: string): ServiceSnapshot | undefined =>
  snap.services.find((s) => s.name === name);
const healthy = (snap: CompanionSnapshot, name: string): boolean =>
  service(snap, name)?.state === 'running' && service(snap, name)?.health === 'healthy';

describe.each(palyraTargets())('node host lifecycle against $name', (target) => {
  const ready = async (): Promise<DemoCore> => {
    demo = await startDemoCore({ ...target.options, tmpPrefix: 'companion-node-' });
    const c = demo.core;
    await waitFor(() => healthy(c.snapshot(), 'gateway'), 'gateway healthy', 90_000);
    await waitFor(() => c.snapshot().connection.state === 'connected', 'connected', 60_000);
    return demo;
  };

  it.skipIf(target.skip !== null)(
    'starts unpaired without running the node host; Enroll pairs it and keeps `node run` alive; Reset removes it',
    async () => {
      const { core } = await ready();
      await waitFor(() => core.snapshot().nodeHost.state === 'not_paired', 'not paired');
      expect(core.snapshot().nodeHost.actions).toEqual(['enroll']);
      expect(service(core.snapshot(), 'nodehost')).toMatchObject({ desired: false, pid: null });
      await expect(core.handlers['service.start']({ service: 'nodehost' })).rejects.toMatchObject({
        code: 'node_not_paired',
      });

      const enrolled = await core.handlers['node.enroll']({});
      expect(enrolled.message).toMatch(/installed/);
      const paired = core.snapshot().nodeHost;
      expect(paired).toMatchObject({
        state: 'paired',
        busy: null,
        error: null,
        actions: ['repair', 'reset'],
      });
      expect(paired.deviceId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
      expect(paired.grpcUrl).toContain(`127.0.0.1:${demo!.ports.gatewayGrpc + 1}`);
      await waitFor(() => healthy(core.snapshot(), 'nodehost'), 'node host running', 60_000);
      // The node host state lives under the runtime root, as Palyra's CLI keeps it.
      const runtimeRoot = core.snapshot().onboarding.stateRoot;
      expect(existsSync(join(runtimeRoot, 'node-host', 'node-host.json'))).toBe(true);
      // The gateway is back with node RPC mTLS required after any pairing window.
      expect(healthy(core.snapshot(), 'gateway')).toBe(true);

      const repaired = await core.handlers['node.repair']({});
      expect(repaired.ok).toBe(true);
      expect(core.snapshot().nodeHost).toMatchObject({ state: 'paired', deviceId: paired.deviceId });
      await waitFor(() => healthy(core.snapshot(), 'nodehost'), 'node host running after repair', 60_000);

      const reset = await core.handlers['node.reset']({});
      expect(reset.message).toMatch(/removed/);
      expect(core.snapshot().nodeHost).toMatchObject({ state: 'not_paired', actions: ['enroll'] });
      expect(service(core.snapshot(), 'nodehost')).toMatchObject({
        desired: false,
        state: 'stopped',
        pid: null,
      });
      // (The real CLI recreates an empty node-host/identity dir on `status`; the config is gone.)
      expect(existsSync(join(runtimeRoot, 'node-host', 'node-host.json'))).toBe(false);
    },
    240_000,
  );

  it.skipIf(target.skip !== null)(
    'a node host that exits because it lost its pairing is stopped and explained, never crash-looped',
    async () => {
      const { core } = await ready();
      await core.handlers['node.enroll']({});
      await waitFor(() => healthy(core.snapshot(), 'nodehost'), 'node host running', 60_000);
      const runtimeRoot = core.snapshot().onboarding.stateRoot;
      // The pairing material disappears (as after a botched manual cleanup); the config stays.
      const identity = join(runtimeRoot, 'node-host', 'identity');
      for (const f of readdirSync(identity)) rmSync(join(identity, f), { recursive: true, force: true });
      await core.handlers['service.restart']({ service: 'nodehost' });

      await waitFor(() => core.snapshot().nodeHost.state === 'broken', 'pairing broken', 30_000);
      const view = core.snapshot().nodeHost;
      expect(view.actions[0]).toBe('repair');
      await waitFor(() => service(core.snapshot(), 'nodehost')?.state === 'stopped', 'node host stopped');
      // Give the restart policy time to act if it were still in charge: nothing restarts.
      await new Promise((r) => setTimeout(r, 1500));
      const svc = service(core.snapshot(), 'nodehost')!;
      expect(svc).toMatchObject({ state: 'stopped', desired: false, pid: null });
      expect(svc.error?.code ?? null).not.toBe('crash_looping');

      await core.handlers['node.repair']({});
      expect(core.snapshot().nodeHost.state).toBe('paired');
      await waitFor(() => healthy(core.snapshot(), 'nodehost'), 'node host running after repair', 60_000);
    },
    240_000,
  );
});
