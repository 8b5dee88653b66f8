// Node pairing as palyrad keeps it (node_runtime + handlers/console/pairing.rs): PIN codes minted
// by an operator, pairing requests a node opens with a code, approved or rejected by the
// operator, and the devices that completed pairing. Views use palyrad's field names.
import { randomInt } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiErrors } from './api-error';
import type { UlidFactory } from './ulid';

export type PairingState = 'pending_approval' | 'approved' | 'rejected' | 'completed' | 'expired';

export interface PairingCodeView {
  code: string;
  method: 'pin' | 'qr';
  issued_by: string;
  created_at_unix_ms: number;
  expires_at_unix_ms: number;
}

export interface PairingRequestView {
  request_id: string;
  session_id: string;
  device_id: string;
  client_kind: string;
  method: 'pin' | 'qr';
  code_issued_by: string;
  requested_at_unix_ms: number;
  expires_at_unix_ms: number;
  approval_id: string;
  state: PairingState;
  decision_reason?: string;
  identity_fingerprint: string;
  transcript_hash_hex: string;
  cert_expires_at_unix_ms?: number;
}

const DEFAULT_CODE_TTL_MS = 10 * 60 * 1000;
const REQUEST_TTL_MS = 10 * 60 * 1000;
const CERT_TTL_MS = 24 * 3600 * 1000;

export class PairingStore {
  private readonly codes = new Map<string, PairingCodeView>();
  private readonly requests = new Map<string, PairingRequestView>();
  /** device_id → certificate serial of the paired device. */
  private readonly devices = new Map<string, string>();

  /** Paired devices survive a restart (palyrad keeps them in its identity store); codes and requests do not. */
  constructor(
    private readonly ids: UlidFactory,
    private readonly devicesFile: string | null = null,
  ) {
    if (devicesFile && existsSync(devicesFile)) {
      try {
        const saved = JSON.parse(readFileSync(devicesFile, 'utf8')) as Record<string, string>;
        for (const [device, cert] of Object.entries(saved)) this.devices.set(device, cert);
      } catch {
        // A damaged file loses the pairings: nodes then have to enroll again, as after a revoke.
      }
    }
  }

  private saveDevices(): void {
    if (this.devicesFile) writeFileSync(this.devicesFile, JSON.stringify(Object.fromEntries(this.devices)));
  }

  mintCode(method: 'pin' | 'qr', issuedBy: string, ttlMs: number | null): PairingCodeView {
    const now = Date.now();
    const ttl = ttlMs ?? DEFAULT_CODE_TTL_MS;
    if (ttl < 1000 || ttl > 24 * 3600 * 1000) throw apiErrors.invalid('ttl_ms is out of range', 'ttl_ms');
    const code = method === 'pin' ? String(randomInt(0, 1_000_000)).padStart(6, '0') : this.ids.next();
    const view = {
      code,
      method,
      issued_by: issuedBy,
      created_at_unix_ms: now,
      expires_at_unix_ms: now + ttl,
    };
    this.codes.set(code, view);
    return view;
  }

  listCodes(): PairingCodeView[] {
    this.expire();
    return [...this.codes.values()];
  }

  listRequests(filter: { state?: string; clientKind?: string }): PairingRequestView[] {
    this.expire();
    return [...this.requests.values()].filter(
      (r) =>
        (!filter.state || r.state === filter.state) &&
        (!filter.clientKind || r.client_kind === filter.clientKind),
    );
  }

  /** A node proves it holds a code (node RPC BeginPairing + CompletePairing). The code is used up. */
  openRequest(input: { code: string; deviceId: string; clientKind: string }): PairingRequestView {
    this.expire();
    const code = this.codes.get(input.code);
    if (!code) throw apiErrors.forbidden('pairing code is invalid or expired');
    this.codes.delete(input.code);
    const now = Date.now();
    const id = this.ids.next();
    const request: PairingRequestView = {
      request_id: id,
      session_id: id,
      device_id: input.deviceId,
      client_kind: input.clientKind,
      method: code.method,
      code_issued_by: code.issued_by,
      requested_at_unix_ms: now,
      expires_at_unix_ms: now + REQUEST_TTL_MS,
      approval_id: this.ids.next(),
      state: 'pending_approval',
      identity_fingerprint: fingerprint(input.deviceId),
      transcript_hash_hex: fingerprint(id),
    };
    this.requests.set(id, request);
    return request;
  }

  get(requestId: string): PairingRequestView {
    this.expire();
    const request = this.requests.get(requestId);
    if (!request) throw apiErrors.notFound('pairing request was not found');
    return request;
  }

  decide(requestId: string, approved: boolean, reason: string): PairingRequestView {
    const request = this.get(requestId);
    if (request.state !== 'pending_approval')
      throw apiErrors.precondition(`pairing request is already ${request.state}`);
    request.state = approved ? 'approved' : 'rejected';
    request.decision_reason = reason;
    if (approved) {
      request.cert_expires_at_unix_ms = Date.now() + CERT_TTL_MS;
      this.devices.set(request.device_id, request.request_id);
      this.saveDevices();
    }
    return request;
  }

  /** The serial the node's certificate carries, when the device is (still) paired. */
  certificateFor(deviceId: string): string | null {
    return this.devices.get(deviceId) ?? null;
  }

  revoke(deviceId: string): boolean {
    const had = this.devices.delete(deviceId);
    this.saveDevices();
    return had;
  }

  private expire(): void {
    const now = Date.now();
    for (const [code, view] of this.codes) if (view.expires_at_unix_ms <= now) this.codes.delete(code);
    for (const r of this.requests.values())
      if (r.state === 'pending_approval' && r.expires_at_unix_ms <= now) r.state = 'expired';
  }
}

function fingerprint(seed: string): string {
  return Buffer.from(seed.padEnd(32, '0')).toString('hex').slice(0, 64);
}

const stores = new WeakMap<object, PairingStore>();

/** One pairing store per simulator state (kept beside it, so the shared state needs no field). */
export function pairingStoreFor(state: { ids: UlidFactory }): PairingStore {
  let store = stores.get(state);
  if (!store) {
    const root = process.env.PALYRA_STATE_ROOT?.trim();
    store = new PairingStore(state.ids, root ? join(root, 'sim-paired-nodes.json') : null);
    stores.set(state, store);
  }
  return store;
}
