// Packaged `--demo`: who runs the simulator's scripts.
//
// The sidecars of demo mode are small wrapper executables that core's supervisor spawns like the
// real daemons (same pid registry, process-group stop, health checks). Outside Electron they run
// `node <script>`. A packaged app cannot: there may be no Node on the machine, the scripts live
// inside app.asar (which only Electron's fs can read), and ELECTRON_RUN_AS_NODE is ignored because
// the RunAsNode fuse is off. utilityProcess.fork would run them, but only as children of this main
// process, outside the supervisor's spawn path (and it would need the asar unpacked for nothing).
//
// So the wrappers run this app's own executable with SIMULATOR_SWITCH and the script path: that
// Electron process notices the switch before anything else in main.ts, loads the script in its
// own main process (which reads app.asar and needs no fuse), and never claims the single-instance
// lock, creates a window or starts core. Signals and exit codes behave as with node, because the
// script installs its own handlers.
import { basename, dirname, join, relative, isAbsolute } from 'node:path';

export const SIMULATOR_SWITCH = '--palyra-companion-simulator';

const SCRIPTS = new Set(['palyrad.js', 'browserd.js', 'nodehost.js']);

export interface SimulatorRun {
  script: string;
  /** What the script will see as process.argv.slice(2). */
  args: string[];
}

/** The command (before the script path) that runs a simulator script in this Electron app. */
export function electronSimulatorRunner(execPath: string, appPathArg: string | null): string[] {
  return [execPath, ...(appPathArg ? [appPathArg] : []), SIMULATOR_SWITCH];
}

/** The simulator run this process was started for, or null for a normal start. */
export function simulatorRunOf(argv: readonly string[]): SimulatorRun | null {
  const at = argv.indexOf(SIMULATOR_SWITCH);
  if (at === -1) return null;
  return { script: argv[at + 1] ?? '', args: argv.slice(at + 2) };
}

/** Where the compiled simulator lives next to main/shell (build/main/dev/simulator). */
export function simulatorDirFrom(compiledShellDir: string): string {
  return join(dirname(compiledShellDir), 'dev', 'simulator');
}

/**
 * Loads one of our simulator scripts as if it were `node <script> <args>`. Anything else is
 * refused: the switch must not become a way to run arbitrary code under the app's name.
 */
export function runSimulator(
  run: SimulatorRun,
  simulatorDir: string,
  process: { argv: string[] },
  load: (script: string) => void,
): void {
  const fromDir = relative(simulatorDir, run.script);
  if (fromDir !== basename(run.script) || isAbsolute(fromDir) || !SCRIPTS.has(fromDir)) {
    throw new Error(`${SIMULATOR_SWITCH} only runs the bundled simulator, not ${JSON.stringify(run.script)}`);
  }
  process.argv = [process.argv[0] ?? 'electron', run.script, ...run.args];
  load(run.script);
}
