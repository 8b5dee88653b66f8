import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trayAppearance, trayIconStates } from '../../../main/shell/tray-appearance';
import type { CoreLanguage } from '../../../main/contract/core-language';
import { TrayController } from '../../../main/shell/tray-controller';
import { trayIconPath } from '../../../main/shell/tray-icons';
import { fakeMenus, FakeTray } from './electron-fakes';
import { makeApproval, makeSnapshot } from '../../fixtures/fake-core';

const assetsDir = join(__dirname, '..', '..', '..', 'assets');

function setup(platform: NodeJS.Platform, system: CoreLanguage = 'en') {
  const tray = new FakeTray();
  const done: string[] = [];
  const controller = new TrayController({
    tray,
    menus: fakeMenus,
    platform,
    assetsDir,
    systemLanguage: () => system,
    actions: {
      open: () => done.push('open'),
      openApprovals: () => done.push('approvals'),
      restartAll: () => done.push('restart-all'),
      openDashboard: () => done.push('dashboard'),
      quit: () => done.push('quit'),
    },
  });
  return { tray, controller, done };
}

describe('tray appearance', () => {
  it('picks an icon per overall state, approvals and crash loops first', () => {
    expect(trayAppearance(makeSnapshot({ overall: 'healthy' }), 'en').icon).toBe('healthy');
    expect(trayAppearance(makeSnapshot({ overall: 'degraded' }), 'en').icon).toBe('degraded');
    expect(trayAppearance(makeSnapshot({ overall: 'down' }), 'en').icon).toBe('down');
    expect(trayAppearance(makeSnapshot({ overall: 'stopped' }), 'en').icon).toBe('stopped');
    expect(trayAppearance(makeSnapshot({ overall: 'crash-looping' }), 'en').icon).toBe('crash');
    const pending = makeSnapshot({
      overall: 'degraded',
      approvals: [makeApproval('a1'), makeApproval('a2')],
    });
    expect(trayAppearance(pending, 'en').icon).toBe('approvals');
    expect(trayAppearance({ ...pending, overall: 'crash-looping' }, 'en').icon).toBe('crash');
  });

  it('puts the status, the connection and the approval count in the tooltip and title', () => {
    const calm = trayAppearance(makeSnapshot(), 'en');
    expect(calm.tooltip).toBe('Palyra Companion\nStatus: Healthy\nGateway: Connected');
    expect(calm.title).toBe('');
    const busy = trayAppearance(
      makeSnapshot({
        overall: 'down',
        connection: { state: 'reconnecting', lastConnectedAtMs: null, nextRetryAtMs: null, error: null },
        approvals: [makeApproval('a1'), makeApproval('a2'), makeApproval('a3')],
      }),
      'en',
    );
    expect(busy.tooltip).toContain('Status: Down');
    expect(busy.tooltip).toContain('Gateway: Reconnecting');
    expect(busy.tooltip).toContain('3 pending approvals');
    expect(busy.title).toBe('3');
  });

  it('has an icon file for every state and platform, template images on macOS', () => {
    for (const state of trayIconStates) {
      for (const platform of ['darwin', 'linux', 'win32'] as const) {
        const file = trayIconPath(assetsDir, state, platform);
        expect(existsSync(file), file).toBe(true);
        expect(existsSync(file.replace(/\.png$/, '@2x.png')), file).toBe(true);
        expect(file.endsWith('Template.png')).toBe(platform === 'darwin');
      }
    }
  });
});

describe('tray controller', () => {
  it('on Linux sets a context menu with Open, Restart all, Open dashboard and Quit that run their actions', () => {
    const { tray, done } = setup('linux');
    expect(tray.contextMenu).not.toBeNull();
    expect(tray.contextMenu!.labels()).toEqual(['Open', 'Restart all', 'Open dashboard', 'Quit']);
    for (const id of ['open', 'restart-all', 'dashboard', 'quit']) tray.contextMenu!.click(id);
    expect(done).toEqual(['open', 'restart-all', 'dashboard', 'quit']);
  });

  it('on macOS pops the menu up on right click and leaves left click to the popover', () => {
    const { tray } = setup('darwin');
    expect(tray.contextMenu).toBeNull();
    tray.emit('right-click', {}, { x: 0, y: 0, width: 16, height: 16 });
    expect(tray.popups).toHaveLength(1);
    expect(tray.popups[0]!.labels()).toContain('Open');
  });

  it('renders icon, tooltip and (macOS only) the count, and only touches what changed', () => {
    const mac = setup('darwin');
    mac.controller.render(makeSnapshot({ approvals: [makeApproval('a1')] }));
    expect(mac.tray.image).toBe(join(assetsDir, 'tray', 'tray-approvalsTemplate.png'));
    expect(mac.tray.title).toBe('1');
    expect(mac.tray.tooltip).toContain('1 pending approval');
    mac.tray.calls.length = 0;
    mac.controller.render(makeSnapshot({ approvals: [makeApproval('a1')], revision: 9 }));
    expect(mac.tray.calls).toEqual([]);

    const linux = setup('linux');
    linux.controller.render(makeSnapshot({ overall: 'crash-looping' }));
    expect(linux.tray.image).toBe(join(assetsDir, 'tray', 'tray-crash.png'));
    expect(linux.tray.title).toBeNull();
  });

  it('adds a "Review N approvals" item while approvals are pending', () => {
    const { tray, controller, done } = setup('linux');
    controller.render(makeSnapshot({ approvals: [makeApproval('a1'), makeApproval('a2')] }));
    expect(tray.contextMenu!.labels()).toEqual([
      'Open',
      'Review 2 approvals',
      'Restart all',
      'Open dashboard',
      'Quit',
    ]);
    tray.contextMenu!.click('approvals');
    expect(done).toEqual(['approvals']);
    controller.render(makeSnapshot({ approvals: [] }));
    expect(tray.contextMenu!.labels()).toEqual(['Open', 'Restart all', 'Open dashboard', 'Quit']);
  });
});
