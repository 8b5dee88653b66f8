import { describe, expect, it } from 'vitest';
import {
  handleSquirrelEvent,
  squirrelEventOf,
  squirrelUpdateExe,
  type SquirrelEvent,
} from '../../../main/shell/squirrel-startup';

const execPath = 'C:\\Users\\op\\AppData\\Local\\palyra_companion\\app-0.2.0\\palyra-companion.exe';
const updateExe = 'C:\\Users\\op\\AppData\\Local\\palyra_companion\\Update.exe';

async function run(event: SquirrelEvent, failUpdateExe = false) {
  const steps: string[] = [];
  await handleSquirrelEvent(event, {
    execPath,
    runUpdateExe: async (exe, args) => {
      steps.push(`${exe} ${args.join(' ')}`);
      if (failUpdateExe) throw new Error('spawn failed');
    },
    disableLoginItem: () => steps.push('login-item off'),
    quit: () => steps.push('quit'),
  }).catch(() => steps.push('threw'));
  return steps;
}

describe('Squirrel start-up events', () => {
  it('recognises only the four Squirrel events, as Squirrel passes them', () => {
    expect(squirrelEventOf([execPath, '--squirrel-install', '0.2.0'])).toBe('install');
    expect(squirrelEventOf([execPath, '--squirrel-updated', '0.2.0'])).toBe('updated');
    expect(squirrelEventOf([execPath, '--squirrel-uninstall', '0.2.0'])).toBe('uninstall');
    expect(squirrelEventOf([execPath, '--squirrel-obsolete', '0.1.0'])).toBe('obsolete');
    // The first run after install starts the app normally.
    expect(squirrelEventOf([execPath, '--squirrel-firstrun'])).toBeNull();
    expect(squirrelEventOf([execPath, '--demo'])).toBeNull();
    expect(squirrelUpdateExe(execPath)).toBe(updateExe);
  });

  it('install and update (re)create the shortcut of the stable exe name, then quit', async () => {
    for (const event of ['install', 'updated'] as const) {
      expect(await run(event)).toEqual([`${updateExe} --createShortcut=palyra-companion.exe`, 'quit']);
    }
  });

  it('uninstall removes the login item and the shortcut; obsolete just quits', async () => {
    expect(await run('uninstall')).toEqual([
      'login-item off',
      `${updateExe} --removeShortcut=palyra-companion.exe`,
      'quit',
    ]);
    expect(await run('obsolete')).toEqual(['quit']);
  });

  it('quits even when Update.exe fails', async () => {
    expect(await run('install', true)).toEqual([
      `${updateExe} --createShortcut=palyra-companion.exe`,
      'quit',
      'threw',
    ]);
  });
});
