// What the tray UI needs beyond the contract: to know whether the transport itself is up, so it
// can say "connection to companion lost" instead of showing stale data as if it were live.
import type { ContractClient } from '../../../../main/contract/client';

export type LinkState = 'connecting' | 'open' | 'lost';

export interface LinkStatus {
  state: LinkState;
  /** Reconnect attempts since the link was last open. */
  attempt: number;
  nextRetryAtMs: number | null;
  lastError: string | null;
  /**
   * The companion refused this page's token (it restarted with a new one, or the link was
   * tampered with). Retrying cannot help; the operator must reopen the launch URL.
   */
  rejected?: boolean;
}

export interface TrayClient extends ContractClient {
  readonly transport: 'electron' | 'websocket' | 'fake';
  /** Calls the handler now with the current status, then on every change. Returns unsubscribe. */
  onLink(handler: (status: LinkStatus) => void): () => void;
  close(): void;
}

export const openLink: LinkStatus = { state: 'open', attempt: 0, nextRetryAtMs: null, lastError: null };
