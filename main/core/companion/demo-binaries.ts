// Demo mode runs the bundled simulator through the very same launch path as the real daemons:
// small wrapper executables stand in for palyrad, palyra-browserd and palyra, and the binary
// resolver finds them through Palyra's own override variables.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SIMULATORS = [
  { envVar: 'PALYRA_DESKTOP_PALYRAD_BIN', name: 'palyrad', script: 'palyrad.js' },
  { envVar: 'PALYRA_DESKTOP_BROWSERD_BIN', name: 'palyra-browserd', script: 'browserd.js' },
  { envVar: 'PALYRA_DESKTOP_PALYRA_BIN', name: 'palyra', script: 'nodehost.js' },
] as const;

/** The Node binary that runs the simulator: Electron's own binary cannot (RunAsNode is fused off). */
function nodeBinary(): string {
  return process.versions.electron ? 'node' : process.execPath;
}

/** The compiled simulator; when core itself runs from TypeScript source (tests), the build's copy. */
function simulatorDir(): string {
  const fromHere = join(__dirname, '..', '..', 'dev', 'simulator');
  return __filename.endsWith('.ts')
    ? join(__dirname, '..', '..', '..', 'build', 'main', 'dev', 'simulator')
    : fromHere;
}

/**
 * `runner` is the command (plus leading arguments) that runs a simulator script, default Node. The
 * Electron shell passes its own executable with a switch instead: a packaged app has no Node, its
 * scripts live inside app.asar, and RunAsNode is fused off (see main/shell/simulator-host.ts).
 */
export function writeDemoBinaries(
  dir: string,
  platform: NodeJS.Platform = process.platform,
  runner: readonly string[] = [nodeBinary()],
): Record<string, string> {
  const command = runner.map((part) => `"${part}"`).join(' ');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const simulators = simulatorDir();
  const env: Record<string, string> = {};
  for (const sim of SIMULATORS) {
    const script = join(simulators, sim.script);
    if (platform === 'win32') {
      const path = join(dir, `${sim.name}.cmd`);
      writeFileSync(path, `@echo off\r\n${command} "${script}" %*\r\n`);
      env[sim.envVar] = path;
    } else {
      const path = join(dir, sim.name);
      writeFileSync(path, `#!/bin/sh\nexec ${command} "${script}" "$@"\n`);
      chmodSync(path, 0o755);
      env[sim.envVar] = path;
    }
  }
  return env;
}
