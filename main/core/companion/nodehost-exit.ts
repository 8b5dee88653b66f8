// Why did `palyra node run --json` exit? The real CLI exits non-zero when it has no pairing
// material (it then asks for --method/--pairing-code, which the supervisor never passes) and when
// the gateway refuses its certificate. Both are permanent until the operator enrolls or repairs:
// restarting would only crash-loop, so the companion stops the node host and explains instead.
import type { LogLine } from '../../contract/model';

export type NodeHostExitKind = 'not_paired' | 'rejected';

const NOT_PAIRED = [
  /pairing bootstrap requires --(method|pairing-code)/i,
  /local pairing material is absent/i,
  /failed to load node device identity/i,
  /node host is not (paired|enrolled)/i,
];

const REJECTED = [
  /node registration failed/i,
  /failed to register node host/i,
  /certificate (was )?revoked/i,
];

/** Classifies the node host's last stderr lines; null means an ordinary crash (restart it). */
export function classifyNodeHostExit(lines: readonly LogLine[]): NodeHostExitKind | null {
  const text = lines
    .filter((l) => l.stream === 'stderr')
    .map((l) => l.line)
    .join('\n');
  if (NOT_PAIRED.some((p) => p.test(text))) return 'not_paired';
  if (REJECTED.some((p) => p.test(text))) return 'rejected';
  return null;
}

/** The CLI could not reach node RPC at the TLS layer: palyrad demands a client certificate. */
export function isMtlsPairingRejection(message: string): boolean {
  return (
    /begin node pairing session/i.test(message) &&
    /(connection closed|transport error|tls|handshake)/i.test(message)
  );
}
