// What the supervisor needs to know to run one sidecar.
import type { ActionableError, ServiceKind } from '../../contract/model';
import type { PortRequirement } from '../process/port-preflight';

export type { ServiceKind };

export type HealthProbeSpec =
  | {
      type: 'http';
      url: string;
      /** The `service` field /healthz must report, e.g. `palyrad`; a mismatch is unhealthy. */
      expectService?: string;
      /** False for services whose health page is not Palyra's JSON: any 2xx is healthy. */
      json?: boolean;
    }
  /** Healthy once a stdout match is seen (the node host prints multi-line JSON `{"action":"run",…}`). */
  | { type: 'output'; pattern: string }
  /** Healthy once the process has survived its startup grace period. */
  | { type: 'none' };

export interface ServiceSpec {
  name: string;
  kind: ServiceKind;
  displayName: string;
  /** Resolved absolute path, or null when resolution failed (see `binaryError`). */
  binary: string | null;
  /** Why `binary` is null: shown as the service's error; start() fails with it. */
  binaryError?: ActionableError | null;
  args: string[];
  /** Added to the companion's own environment (children inherit it, like Palyra's desktop). */
  env: Record<string, string>;
  cwd?: string;
  ports: PortRequirement[];
  health: HealthProbeSpec;
  startupGraceMs: number;
  stopSignal: NodeJS.Signals;
  stopTimeoutMs: number;
  /** Values redacted from this service's logs (admin token, browser token, …). */
  secrets: string[];
  /**
   * Exits that are a setup problem, not a crash: a non-zero exit whose last stderr lines match
   * `pattern` parks the service (`failed`, with this error and hint) instead of restarting it,
   * e.g. `palyra node run` exiting because the node host is not paired.
   */
  parkOnExit?: { pattern: string; code: string; message: string; hint: string };
}
