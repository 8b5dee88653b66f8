import type { z } from 'zod';
import type { ApprovalView, ChatMessage, DecisionScope, SessionView } from '../../contract/model';
import { ApprovalFeed } from './approval-feed';
import {
  streamChatReply,
  type ChatMessageInput,
  type ChatReply,
  type ChatStreamOptions,
} from './chat-stream';
import { ConsoleTransport, type ConsoleTransportOptions } from './console-transport';
import { dashboardRedirectPath, validateHandoffUrl } from './dashboard-routes';
import { GatewayError } from './gateway-error';
import { ProviderApi } from './provider-api';
import {
  approvalDecisionReplySchema,
  attachmentUploadSchema,
  type AttachmentUpload,
  approvalListSchema,
  rawApprovalListSchema,
  diagnosticsSchema,
  handoffSchema,
  healthSchema,
  inventorySchema,
  resolveSessionSchema,
  signedOutSchema,
  sessionCatalogSchema,
  transcriptSchema,
  chatSessionListSchema,
  type ApprovalRecord,
  type TranscriptRecord,
  type TranscriptRun,
  type ConsoleSessionInfo,
  type GatewayDiagnostics,
  type GatewayHealth,
  type GatewayInventory,
} from './schemas';
import { toChatMessages, toSessionView } from './session-view';

export type GatewayClientOptions = ConsoleTransportOptions;

export interface ResolveSessionInput {
  sessionId?: string;
  sessionKey?: string;
  label?: string;
  requireExisting?: boolean;
  resetSession?: boolean;
}

export interface DecisionInput {
  approved: boolean;
  scope: DecisionScope;
  ttlMs?: number | null;
  reason?: string;
}

export interface DashboardHandoff {
  url: string;
  expiresAtMs: number;
}

/** Filters of GET /console/v1/approvals (lib.rs ConsoleApprovalsQuery). */
export interface ApprovalListQuery {
  limit?: number;
  afterApprovalId?: string | undefined;
  sinceUnixMs?: number;
  untilUnixMs?: number;
  principal?: string;
  subjectId?: string;
  decision?: 'allow' | 'deny' | 'timeout' | 'error';
}

/** GET /console/v1/approvals with `query` as palyrad's ConsoleApprovalsQuery spells it. */
function approvalListPath(query: ApprovalListQuery): string {
  const params = new URLSearchParams({ limit: String(query.limit ?? 500) });
  if (query.afterApprovalId) params.set('after_approval_id', query.afterApprovalId);
  if (query.sinceUnixMs !== undefined) params.set('since_unix_ms', String(Math.floor(query.sinceUnixMs)));
  if (query.untilUnixMs !== undefined) params.set('until_unix_ms', String(Math.floor(query.untilUnixMs)));
  if (query.principal) params.set('principal', query.principal);
  if (query.subjectId) params.set('subject_id', query.subjectId);
  if (query.decision) params.set('decision', query.decision);
  return `/console/v1/approvals?${params.toString()}`;
}

/** Typed client for the part of palyrad's console API the companion uses. */
export class GatewayClient {
  readonly transport: ConsoleTransport;
  /** OpenAI auth profiles and the Discord connector (provider-api.ts). */
  readonly providers: ProviderApi;

  constructor(options: GatewayClientOptions) {
    this.transport = new ConsoleTransport(options);
    this.providers = new ProviderApi(this.transport);
  }

  get baseUrl(): string {
    return this.transport.baseUrl;
  }

  /** GET /healthz (no auth). Anything but 2xx with status "ok" is reported as an error. */
  async health(timeoutMs = 3000): Promise<GatewayHealth> {
    const health = await this.transport.json('GET', '/healthz', healthSchema, { auth: false, timeoutMs });
    if (health.status.toLowerCase() !== 'ok') {
      throw new GatewayError(
        'gateway_unhealthy',
        `The gateway reports status "${health.status}"`,
        'Check the gateway logs in the companion; restart it if it does not recover.',
        { retryable: true },
      );
    }
    return health;
  }

  /** Health plus a console session: what "connected" means for the companion. */
  async probe(timeoutMs = 3000): Promise<GatewayHealth> {
    const health = await this.health(timeoutMs);
    await this.transport.ensureSession();
    return health;
  }

  session(): Promise<ConsoleSessionInfo> {
    return this.transport.ensureSession();
  }

  /** POST /console/v1/auth/logout; the gateway deletes the cookie, and the next call logs in again. */
  async logout(): Promise<void> {
    await this.transport.json('POST', '/console/v1/auth/logout', signedOutSchema, { auth: true, body: {} });
    this.transport.reset();
  }

  async listSessions(limit = 16): Promise<SessionView[]> {
    const query = `limit=${limit}&sort=updated_desc&include_archived=false`;
    const catalog = await this.transport.json('GET', `/console/v1/sessions?${query}`, sessionCatalogSchema, {
      auth: true,
    });
    return catalog.sessions.map(toSessionView);
  }

  /** Resolve-or-create; with only a label it finds that label's session or creates one. */
  async resolveSession(input: ResolveSessionInput = {}): Promise<{ session: SessionView; created: boolean }> {
    const body: Record<string, unknown> = {};
    if (input.sessionId !== undefined) body.session_id = input.sessionId;
    if (input.sessionKey !== undefined) body.session_key = input.sessionKey;
    if (input.label !== undefined) body.session_label = input.label;
    if (input.requireExisting !== undefined) body.require_existing = input.requireExisting;
    if (input.resetSession !== undefined) body.reset_session = input.resetSession;
    const reply = await this.transport.json('POST', '/console/v1/chat/sessions', resolveSessionSchema, {
      auth: true,
      body,
    });
    return { session: toSessionView(reply.session), created: reply.created };
  }

  /** The session's messages; `sentByRun` fills in the user's text palyrad does not record. */
  async transcript(sessionId: string, sentByRun?: ReadonlyMap<string, ChatMessage>): Promise<ChatMessage[]> {
    return toChatMessages((await this.transcriptRecords(sessionId)).records, sentByRun);
  }

  /** GET …/transcript: the raw tape records and the session's runs. */
  transcriptRecords(sessionId: string): Promise<{ records: TranscriptRecord[]; runs: TranscriptRun[] }> {
    return this.transport.json(
      'GET',
      `/console/v1/chat/sessions/${encodeURIComponent(sessionId)}/transcript`,
      transcriptSchema,
      { auth: true },
    );
  }

  /** GET /console/v1/chat/sessions: the caller's chat sessions, newest activity first. */
  async listChatSessions(limit = 32): Promise<SessionView[]> {
    const reply = await this.transport.json(
      'GET',
      `/console/v1/chat/sessions?limit=${limit}`,
      chatSessionListSchema,
      { auth: true },
    );
    return reply.sessions.map(toSessionView);
  }

  /** Streams the reply; tokens reach `opts.onToken` as they arrive. */
  sendMessage(sessionId: string, input: ChatMessageInput, opts: ChatStreamOptions = {}): Promise<ChatReply> {
    return streamChatReply(this.transport, sessionId, input, opts);
  }

  /** One page of GET /console/v1/approvals (ULID order; filters as palyrad's journal applies them). */
  listApprovalPage(query: ApprovalListQuery = {}): Promise<z.output<typeof approvalListSchema>> {
    return this.transport.json('GET', approvalListPath(query), approvalListSchema, { auth: true });
  }

  /**
   * The same request, with only the page's envelope checked: the approval feed re-reads thousands
   * of unchanged records and checks just the ones it has not seen in that state (approval-feed.ts).
   */
  listRawApprovalPage(query: ApprovalListQuery = {}): Promise<z.output<typeof rawApprovalListSchema>> {
    return this.transport.json('GET', approvalListPath(query), rawApprovalListSchema, { auth: true });
  }

  /** Approval records oldest first from `query`, following the cursor up to `bound` records. */
  async listApprovalRecords(
    bound = 2000,
    pageSize = 500,
    query: ApprovalListQuery = {},
  ): Promise<ApprovalRecord[]> {
    const all: ApprovalRecord[] = [];
    let after = query.afterApprovalId ?? null;
    while (all.length < bound) {
      const limit = Math.min(pageSize, 500, bound - all.length);
      const page = await this.listApprovalPage({ ...query, limit, afterApprovalId: after ?? undefined });
      all.push(...page.approvals);
      if (page.next_after_approval_id === null || page.approvals.length === 0) break;
      after = page.next_after_approval_id;
    }
    return all;
  }

  /** The undecided approvals of the last day, however many the journal holds (one-off read). */
  async pendingApprovals(): Promise<ApprovalView[]> {
    return [...(await new ApprovalFeed(this).read())];
  }

  async decideApproval(approvalId: string, decision: DecisionInput): Promise<ApprovalRecord> {
    const body: Record<string, unknown> = {
      approved: decision.approved,
      decision_scope: decision.scope,
      decision_scope_ttl_ms: decision.ttlMs ?? null,
    };
    if (decision.reason !== undefined && decision.reason.trim() !== '') body.reason = decision.reason;
    const reply = await this.transport.json(
      'POST',
      `/console/v1/approvals/${encodeURIComponent(approvalId)}/decision`,
      approvalDecisionReplySchema,
      { auth: true, body },
    );
    return reply.approval;
  }

  /** Mints a one-use dashboard URL for a section and checks it points back at this gateway. */
  async dashboardHandoff(section?: string | null): Promise<DashboardHandoff> {
    const reply = await this.transport.json('POST', '/console/v1/auth/browser-handoff', handoffSchema, {
      auth: true,
      body: { redirect_path: dashboardRedirectPath(section) },
    });
    validateHandoffUrl(reply.handoff_url, this.baseUrl);
    return { url: reply.handoff_url, expiresAtMs: reply.expires_at_unix_ms };
  }

  diagnostics(): Promise<GatewayDiagnostics> {
    return this.transport.json('GET', '/console/v1/diagnostics', diagnosticsSchema, { auth: true });
  }

  /**
   * POST …/attachments: palyrad stores the bytes, derives artifacts at once (metadata, extracted
   * text, and for audio a transcript through its model provider) and returns them in the reply.
   */
  uploadAttachment(
    sessionId: string,
    file: { filename: string; contentType: string; bytesBase64: string },
    timeoutMs = 60_000,
  ): Promise<AttachmentUpload> {
    return this.transport.json(
      'POST',
      `/console/v1/chat/sessions/${encodeURIComponent(sessionId)}/attachments`,
      attachmentUploadSchema,
      {
        auth: true,
        body: { filename: file.filename, content_type: file.contentType, bytes_base64: file.bytesBase64 },
        // Transcription runs inside the request, so it can take longer than a plain call.
        timeoutMs,
      },
    );
  }

  inventory(): Promise<GatewayInventory> {
    return this.transport.json('GET', '/console/v1/inventory', inventorySchema, { auth: true });
  }
}
