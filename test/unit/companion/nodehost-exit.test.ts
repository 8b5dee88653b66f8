// Which node host exits are permanent (not paired, refused by the gateway) and which are ordinary
// crashes, from the real CLI's messages (crates/palyra-cli/src/commands/node.rs).
import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../main/contract/model';
import { classifyNodeHostExit, isMtlsPairingRejection } from '../../../main/core/companion/nodehost-exit';

const line = (text: string, stream: LogLine['stream'] = 'stderr'): LogLine => ({
  seq: 1,
  unix_ms: 0,
  service: 'nodehost',
  stream,
  line: text,
  level: null,
});

describe('classifyNodeHostExit', () => {
  it('recognises the CLI asking for pairing flags as "not paired"', () => {
    const lines = [
      line('Error: node pairing bootstrap requires --method when local pairing material is absent'),
    ];
    expect(classifyNodeHostExit(lines)).toBe('not_paired');
  });

  it('recognises a gateway refusing the node as "rejected"', () => {
    expect(classifyNodeHostExit([line('Error: node registration failed: device revoked')])).toBe('rejected');
  });

  it('treats anything else, and stdout text, as an ordinary crash', () => {
    expect(classifyNodeHostExit([line('Error: node event stream closed unexpectedly')])).toBeNull();
    expect(classifyNodeHostExit([line('local pairing material is absent', 'stdout')])).toBeNull();
    expect(classifyNodeHostExit([])).toBeNull();
  });
});

describe('isMtlsPairingRejection', () => {
  it('matches the real CLI failing the TLS handshake of a node without a certificate', () => {
    const real =
      'palyra node install exited with 4: error[connectivity_failure] failed to begin node pairing session: code: \'The operation was cancelled\', message: "operation was canceled", source: tonic::transport::Error(Transport, hyper::Error(Canceled, "connection closed"))';
    expect(isMtlsPairingRejection(real)).toBe(true);
    expect(
      isMtlsPairingRejection('palyra node install exited with 1: node pairing request was rejected'),
    ).toBe(false);
  });
});
