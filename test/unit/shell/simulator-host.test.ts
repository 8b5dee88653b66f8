// Packaged --demo: the supervisor's wrapper executables run the app's own exe with the simulator
// switch (no Node, no RunAsNode), and only our simulator scripts may be run that way.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeDemoBinaries } from '../../../main/core/companion/demo-binaries';
import {
  electronSimulatorRunner,
  runSimulator,
  SIMULATOR_SWITCH,
  simulatorRunOf,
} from '../../../main/shell/simulator-host';

describe('demo simulator under Electron', () => {
  it("writes wrappers that run the app's own executable with the simulator switch", () => {
    const dir = mkdtempSync(join(tmpdir(), 'demo-bin-'));
    const runner = electronSimulatorRunner('/opt/Palyra Companion/palyra-companion', null);
    const env = writeDemoBinaries(dir, 'linux', runner);
    const wrapper = readFileSync(env.PALYRA_DESKTOP_PALYRAD_BIN!, 'utf8');
    expect(wrapper).toMatch(
      /^#!\/bin\/sh\nexec "\/opt\/Palyra Companion\/palyra-companion" "--palyra-companion-simulator" ".*\/dev\/simulator\/palyrad\.js" "\$@"\n$/,
    );
    expect(wrapper).not.toMatch(/exec "?node"? /);
    const cmd = readFileSync(writeDemoBinaries(dir, 'win32', runner).PALYRA_DESKTOP_BROWSERD_BIN!, 'utf8');
    expect(cmd).toMatch(
      /^@echo off\r\n"\/opt\/Palyra Companion\/palyra-companion" "--palyra-companion-simulator" ".*browserd\.js" %\*\r\n$/,
    );
  });

  it('in development also passes the app path Electron was started with', () => {
    expect(electronSimulatorRunner('/repo/electron', '/repo/build/main/launch.js')).toEqual([
      '/repo/electron',
      '/repo/build/main/launch.js',
      SIMULATOR_SWITCH,
    ]);
  });

  it('runs exactly our three scripts, with their own arguments as process.argv', () => {
    const dir = '/app.asar/build/main/dev/simulator';
    const loaded: string[] = [];
    const proc = { argv: ['/opt/pc/palyra-companion'] };
    const run = simulatorRunOf([
      '/opt/pc/palyra-companion',
      SIMULATOR_SWITCH,
      `${dir}/nodehost.js`,
      'node',
      'run',
    ]);
    runSimulator(run!, dir, proc, (s) => loaded.push(s));
    expect(loaded).toEqual([`${dir}/nodehost.js`]);
    expect(proc.argv).toEqual(['/opt/pc/palyra-companion', `${dir}/nodehost.js`, 'node', 'run']);
    for (const script of [
      `${dir}/other.js`,
      `${dir}/../../shell/main.js`,
      '/tmp/palyrad.js',
      `${dir}/sub/palyrad.js`,
      '',
    ]) {
      expect(() => runSimulator({ script, args: [] }, dir, proc, (s) => loaded.push(s)), script).toThrow(
        /only runs the bundled simulator/,
      );
    }
    expect(loaded).toHaveLength(1);
    expect(simulatorRunOf(['/opt/pc/palyra-companion', '--demo'])).toBeNull();
  });
});
