// Command line of `npm start` (build/main/launch.js) and the options it hands to core.
import { CompanionError } from '../core/errors';

/** What launch.ts passes to `createCompanionCore` from main/core/companion (finished by the lead). */
export interface CompanionCoreOptions {
  /** `--demo`: run the Palyra gateway simulator as the gateway sidecar. */
  demo: boolean;
  /** `--state-root`: overrides the default state root; null keeps core's default. */
  stateRoot: string | null;
}

export interface LaunchOptions {
  demo: boolean;
  /** False with `--no-open`: print the URL but do not start a browser. */
  open: boolean;
  /** Host port; 0 picks a free one. */
  port: number;
  stateRoot: string | null;
  /** `--headless`: serve the UI in a browser even when Electron is installed. */
  headless: boolean;
  help: boolean;
}

export const LAUNCH_USAGE = `Usage: npm start -- [options]

  --demo               run against the Palyra gateway simulator
  --headless           serve the UI to a browser even when Electron is installed
  --no-open            print the address but do not open a browser
  --port <n>           host port for the browser UI (default 0 = any free port)
  --state-root <dir>   use <dir> instead of the default state root
  -h, --help           show this help`;

function invalid(message: string): CompanionError {
  return new CompanionError('invalid_arguments', message, 'Run with --help to see the accepted options.');
}

function parsePort(text: string | undefined): number {
  if (text === undefined || !/^\d{1,5}$/.test(text) || Number(text) > 65535) {
    throw invalid(`--port needs a number between 0 and 65535, got ${JSON.stringify(text ?? '')}.`);
  }
  return Number(text);
}

export function parseLaunchArgs(argv: readonly string[]): LaunchOptions {
  const options: LaunchOptions = {
    demo: false,
    open: true,
    port: 0,
    stateRoot: null,
    headless: false,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--demo':
        options.demo = true;
        break;
      case '--headless':
        options.headless = true;
        break;
      case '--no-open':
        options.open = false;
        break;
      case '--port':
        options.port = parsePort(value());
        break;
      case '--state-root': {
        const dir = value();
        if (!dir || dir.startsWith('--')) throw invalid('--state-root needs a directory.');
        options.stateRoot = dir;
        break;
      }
      case '-h':
      case '--help':
        options.help = true;
        break;
      default:
        throw invalid(`Unknown option ${JSON.stringify(arg)}.`);
    }
    if (inline !== undefined && !['--port', '--state-root'].includes(flag)) {
      throw invalid(`${flag} does not take a value.`);
    }
  }
  return options;
}

export function coreOptionsFrom(options: LaunchOptions): CompanionCoreOptions {
  return { demo: options.demo, stateRoot: options.stateRoot };
}
