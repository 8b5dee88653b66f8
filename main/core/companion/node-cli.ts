// Runs `palyra node <verb> --json` (status, install, uninstall) the way Palyra's desktop does:
// with PALYRA_STATE_ROOT set to the runtime root and PALYRA_GATEWAY_IDENTITY_STORE_DIR pointing
// at palyrad's identity store (where the CLI finds the gateway CA it pins during pairing).
import { spawn } from 'node:child_process';
import { z } from 'zod';
import { CompanionError } from '../errors';
import { Redactor } from '../logs/redactor';

/** `palyra node status|install|uninstall --json` (crates/palyra-cli/src/commands/node.rs). */
export const nodeLifecycleSchema = z.object({
  action: z.string(),
  installed: z.boolean(),
  paired: z.boolean(),
  running: z.boolean(),
  device_id: z.string().nullable(),
  grpc_url: z.string().nullable(),
  cert_expires_at_unix_ms: z.number().nullable(),
  detail: z.string(),
});
export type NodeLifecycle = z.output<typeof nodeLifecycleSchema>;

export interface NodeCliOptions {
  /** Absolute path of the `palyra` binary, or null when it was not found. */
  binary: string | null;
  runtimeRoot: string;
  identityStoreDir: string;
  /** Values never to echo back in an error (the admin token, a pairing code). */
  secrets?: string[];
  env?: NodeJS.ProcessEnv;
}

const STDERR_TAIL_CHARS = 600;

export class NodeCli {
  constructor(private readonly options: NodeCliOptions) {}

  get available(): boolean {
    return this.options.binary !== null;
  }

  status(timeoutMs = 15_000): Promise<NodeLifecycle> {
    return this.run(['node', 'status', '--json'], timeoutMs);
  }

  uninstall(timeoutMs = 15_000): Promise<NodeLifecycle> {
    return this.run(['node', 'uninstall', '--json'], timeoutMs);
  }

  /** Pairs over the node RPC listener; returns once the gateway approved (or fails). */
  install(input: { deviceId: string; grpcUrl: string; pairingCode: string }, timeoutMs = 60_000) {
    const args = ['node', 'install', '--json', '--device-id', input.deviceId, '--grpc-url', input.grpcUrl];
    return this.run([...args, '--method', 'pin', '--pairing-code', input.pairingCode], timeoutMs, [
      input.pairingCode,
    ]);
  }

  private run(args: string[], timeoutMs: number, extraSecrets: string[] = []): Promise<NodeLifecycle> {
    const binary = this.options.binary;
    const what = `palyra ${args.slice(0, 2).join(' ')}`;
    if (binary === null) {
      return Promise.reject(
        new CompanionError(
          'binary_missing',
          'The palyra CLI (which runs the node host) was not found.',
          'Install Palyra or set PALYRA_DESKTOP_PALYRA_BIN to its absolute path.',
          { params: { variant: 'cli', envVar: 'PALYRA_DESKTOP_PALYRA_BIN' } },
        ),
      );
    }
    const redactor = new Redactor([...(this.options.secrets ?? []), ...extraSecrets]);
    return new Promise((resolve, reject) => {
      const child = spawn(binary, args, {
        cwd: this.options.runtimeRoot,
        env: {
          ...(this.options.env ?? process.env),
          PALYRA_STATE_ROOT: this.options.runtimeRoot,
          PALYRA_GATEWAY_IDENTITY_STORE_DIR: this.options.identityStoreDir,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-4096)));
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(
          new CompanionError('node_cli_failed', `${what} could not be started: ${err.message}.`, cliHint, {
            cause: err,
          }),
        );
      });
      child.once('close', (code, signal) => {
        clearTimeout(timer);
        if (code !== 0) {
          const why =
            signal === 'SIGKILL' ? `did not finish within ${timeoutMs / 1000} s` : `exited with ${code}`;
          const tail = redactor
            .redact(stderr.trim().split('\n').slice(-3).join(' '))
            .slice(-STDERR_TAIL_CHARS);
          reject(new CompanionError('node_cli_failed', `${what} ${why}${tail ? `: ${tail}` : ''}.`, cliHint));
          return;
        }
        const parsed = parseJson(stdout);
        const result = nodeLifecycleSchema.safeParse(parsed);
        if (!result.success) {
          reject(
            new CompanionError(
              'node_cli_bad_output',
              `${what} printed something that is not its JSON status.`,
              'Check that PALYRA_DESKTOP_PALYRA_BIN points at a palyra CLI of the same version as palyrad.',
            ),
          );
          return;
        }
        resolve(result.data);
      });
    });
  }
}

const cliHint = 'See the node host log in the companion; Repair re-enrolls it from scratch.';

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
