// The tray's menu and tooltip speak the operator's language: the preference from core state, and
// for `system` the same OS language core's toasts use. The menu is a pure function of language and
// state, checked here without Electron; the controller is checked against the typed fake tray.
import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import type { CoreLanguage } from '../../../main/contract/core-language';
import type { LanguagePreference, OfflineDraft } from '../../../main/contract/model';
import { trayAppearance } from '../../../main/shell/tray-appearance';
import { TrayController } from '../../../main/shell/tray-controller';
import { trayMenuTemplate, type TrayMenuActions } from '../../../main/shell/tray-menu';
import { trayTexts } from '../../../main/shell/tray-texts';
import { fakeMenus, FakeTray } from './electron-fakes';
import { makeApproval, makeSnapshot } from '../../fixtures/fake-core';

const noActions: TrayMenuActions = {
  open: () => undefined,
  openApprovals: () => undefined,
  restartAll: () => undefined,
  openDashboard: () => undefined,
  quit: () => undefined,
};

function labels(template: MenuItemConstructorOptions[]): string[] {
  return template.filter((i) => i.type !== 'separator').map((i) => String(i.label));
}

function ids(template: MenuItemConstructorOptions[]): (string | undefined)[] {
  return template.map((i) => i.id ?? i.type);
}

function draft(id: string): OfflineDraft {
  return {
    draftId: id,
    sessionId: null,
    text: 'hi',
    reason: 'offline',
    createdAtMs: 0,
    attempts: 0,
    lastError: null,
  };
}

function withLanguage(language: LanguagePreference, over: Parameters<typeof makeSnapshot>[0] = {}) {
  const snapshot = makeSnapshot(over);
  return { ...snapshot, preferences: { ...snapshot.preferences, language } };
}

describe('tray texts', () => {
  it('has the same keys in Czech as in English, and Czech words for all but names', () => {
    expect(Object.keys(trayTexts.cs).sort()).toEqual(Object.keys(trayTexts.en).sort());
    const same = Object.entries(trayTexts.en)
      .filter(([key, text]) => trayTexts.cs[key as keyof typeof trayTexts.cs] === text)
      .map(([key]) => key);
    expect(same).toEqual(['tray.tooltip.app', 'tray.link.offline']);
  });
});

describe('tray menu template', () => {
  it('says the menu in English and in Czech, with the same items in the same order', () => {
    const en = trayMenuTemplate('en', { pendingApprovals: 0 }, noActions);
    const cs = trayMenuTemplate('cs', { pendingApprovals: 0 }, noActions);
    expect(labels(en)).toEqual(['Open', 'Restart all', 'Open dashboard', 'Quit']);
    expect(labels(cs)).toEqual(['Otevřít', 'Restartovat vše', 'Otevřít dashboard', 'Ukončit']);
    expect(ids(cs)).toEqual(ids(en));
  });

  it('counts pending approvals with each language’s plural forms', () => {
    const review = (language: CoreLanguage, n: number) =>
      trayMenuTemplate(language, { pendingApprovals: n }, noActions).find((i) => i.id === 'approvals')?.label;
    expect(review('en', 1)).toBe('Review 1 approval');
    expect(review('en', 3)).toBe('Review 3 approvals');
    expect(review('cs', 1)).toBe('Zkontrolovat 1 požadavek na schválení');
    expect(review('cs', 3)).toBe('Zkontrolovat 3 požadavky na schválení');
    expect(review('cs', 5)).toBe('Zkontrolovat 5 požadavků na schválení');
    expect(review('cs', 0)).toBeUndefined();
  });

  it('runs the same action whatever the language', () => {
    const done: string[] = [];
    const template = trayMenuTemplate(
      'cs',
      { pendingApprovals: 2 },
      { ...noActions, openApprovals: () => done.push('approvals'), quit: () => done.push('quit') },
    );
    for (const id of ['approvals', 'quit'])
      (template.find((i) => i.id === id)!.click as unknown as () => void)();
    expect(done).toEqual(['approvals', 'quit']);
  });
});

describe('tray tooltip', () => {
  it('says status, gateway link, approvals and drafts in Czech', () => {
    const snapshot = makeSnapshot({
      overall: 'degraded',
      connection: { state: 'reconnecting', lastConnectedAtMs: null, nextRetryAtMs: null, error: null },
      approvals: [makeApproval('a1'), makeApproval('a2')],
      drafts: [draft('d1'), draft('d2'), draft('d3'), draft('d4'), draft('d5')],
    });
    expect(trayAppearance(snapshot, 'cs').tooltip).toBe(
      [
        'Palyra Companion',
        'Stav: Omezený provoz',
        'Brána (palyrad): Znovu se připojuje',
        'Na schválení čekají 2 požadavky',
        '5 konceptů čeká na odeslání',
      ].join('\n'),
    );
    expect(trayAppearance(snapshot, 'en').tooltip).toBe(
      [
        'Palyra Companion',
        'Status: Degraded',
        'Gateway: Reconnecting',
        '2 pending approvals',
        '5 queued drafts',
      ].join('\n'),
    );
  });

  it('has a Czech word for every overall state', () => {
    const states = [
      'healthy',
      'starting',
      'partial',
      'degraded',
      'down',
      'crash-looping',
      'stopped',
    ] as const;
    for (const overall of states) {
      const statusLine = (language: CoreLanguage) =>
        trayAppearance(makeSnapshot({ overall }), language).tooltip.split('\n')[1]!;
      expect(statusLine('cs'), overall).toMatch(/^Stav: \S/);
      expect(statusLine('cs').slice('Stav: '.length)).not.toBe(statusLine('en').slice('Status: '.length));
    }
  });
});

describe('tray controller language', () => {
  function setup(system: CoreLanguage) {
    const tray = new FakeTray();
    const controller = new TrayController({
      tray,
      menus: fakeMenus,
      platform: 'linux',
      assetsDir: '/assets',
      actions: noActions,
      systemLanguage: () => system,
    });
    return { tray, controller };
  }

  it('starts in the system language (core’s default preference) before any snapshot', () => {
    expect(setup('cs').tray.contextMenu!.labels()[0]).toBe('Otevřít');
    expect(setup('en').tray.contextMenu!.labels()[0]).toBe('Open');
  });

  it('follows the language preference, and for `system` the OS language', () => {
    const { tray, controller } = setup('en');
    controller.render(withLanguage('cs'));
    expect(tray.contextMenu!.labels()).toEqual([
      'Otevřít',
      'Restartovat vše',
      'Otevřít dashboard',
      'Ukončit',
    ]);
    expect(tray.tooltip).toContain('Stav: V pořádku');
    controller.render(withLanguage('system'));
    expect(tray.contextMenu!.labels()[0]).toBe('Open');
    expect(tray.tooltip).toContain('Status: Healthy');
    const czechSystem = setup('cs');
    czechSystem.controller.render(withLanguage('system'));
    expect(czechSystem.tray.tooltip).toContain('Stav: V pořádku');
    czechSystem.controller.render(withLanguage('en'));
    expect(czechSystem.tray.contextMenu!.labels()[0]).toBe('Open');
  });

  it('sets a new menu on a language switch and none when neither language nor count changed', () => {
    const { tray, controller } = setup('en');
    controller.render(withLanguage('en', { approvals: [makeApproval('a1')] }));
    tray.calls.length = 0;
    controller.render(withLanguage('en', { approvals: [makeApproval('a1')], revision: 5 }));
    expect(tray.calls).toEqual([]);
    controller.render(withLanguage('cs', { approvals: [makeApproval('a1')], revision: 6 }));
    expect(tray.calls).toEqual(['setToolTip', 'setContextMenu']);
    expect(tray.contextMenu!.labels()[1]).toBe('Zkontrolovat 1 požadavek na schválení');
  });
});
