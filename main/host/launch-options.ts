// Command line of `npm start` (build/main/launch.js) and the options it hands to core.
import type { CompanionOptions } from '../core/companion/companion-options';
import { CompanionError } from '../core/errors';
import type { PalyraPorts } from '../core/supervisor';

const PORT_FLAGS: Record<string, keyof PalyraPorts> = {
  '--gateway-port': 'gatewayHttp',
  '--gateway-grpc-port': 'gatewayGrpc',
  '--gateway-quic-port': 'gatewayQuic',
  '--browserd-port': 'browserdHealth',
  '--browserd-grpc-port': 'browserdGrpc',
};

export interface LaunchOptions {
  demo: boolean;
  /** False with `--no-open`: print the URL but do not start a browser. */
  open: boolean;
  /** Host port; 0 picks a free one. */
  port: number;
  stateRoot: string | null;
  /** `--headless`: serve the UI in a browser even when Electron is installed. */
  headless: boolean;
  /** Palyra's loopback ports, when not the defaults (7142/7443/7444/7143/7543). */
  ports: Partial<PalyraPorts>;
  help: boolean;
}

export const LAUNCH_USAGE = `Usage: npm start -- [options]

  --demo               run against the Palyra gateway simulator
  --headless           serve the UI to a browser even when Electron is installed
  --no-open            print the address but do not open a browser
  --port <n>           host port for the browser UI (default 0 = any free port)
  --state-root <dir>   use <dir> instead of the default state root
  --gateway-port <n>, --gateway-grpc-port <n>, --gateway-quic-port <n>,
  --browserd-port <n>, --browserd-grpc-port <n>
                       Palyra's loopback ports (default 7142, 7443, 7444, 7143, 7543)
  -h, --help           show this help`;

function invalid(message: string): CompanionError {
  return new CompanionError('invalid_arguments', message, 'Run with --help to see the accepted options.');
}

function parsePort(text: string | undefined, flag = '--port'): number {
  if (text === undefined || !/^\d{1,5}$/.test(text) || Number(text) > 65535) {
    throw invalid(`${flag} needs a number between 0 and 65535, got ${JSON.stringify(text ?? '')}.`);
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
    ports: {},
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
      case '--gateway-port':
      case '--gateway-grpc-port':
      case '--gateway-quic-port':
      case '--browserd-port':
      case '--browserd-grpc-port': {
        const port = parsePort(value(), flag);
        if (port === 0) throw invalid(`${flag} needs a fixed port, not 0.`);
        options.ports[PORT_FLAGS[flag]!] = port;
        break;
      }
      case '-h':
      case '--help':
        options.help = true;
        break;
      default:
        throw invalid(`Unknown option ${JSON.stringify(arg)}.`);
    }
    if (inline !== undefined && !['--port', '--state-root', ...Object.keys(PORT_FLAGS)].includes(flag)) {
      throw invalid(`${flag} does not take a value.`);
    }
  }
  return options;
}

export function coreOptionsFrom(options: LaunchOptions): CompanionOptions {
  return {
    demo: options.demo,
    ports: options.ports,
    ...(options.stateRoot !== null ? { stateRoot: options.stateRoot } : {}),
  };
}

/** How many values a launch option takes (0 or 1), or null when it is not one of ours. */
export function launchFlagArity(flag: string): 0 | 1 | null {
  if (['--demo', '--headless', '--no-open', '-h', '--help'].includes(flag)) return 0;
  if (flag === '--port' || flag === '--state-root' || flag in PORT_FLAGS) return 1;
  return null;
}
