import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApprovalStore } from './approval-store';
import { ChatStore } from './chat-store';
import { ConsoleSessionStore, type ConsoleSession } from './console-sessions';
import { FaultPlan } from './fault-plan';
import { HandoffStore } from './handoff-store';
import { JournalFile } from './journal-file';
import { TracingLog } from './log';
import { RateLimiter } from './rate-limiter';
import { UlidFactory } from './ulid';

export interface SimulatorConfig {
  bindAddr: string;
  /** The configured port; hand-off URLs use it, like palyrad (so `--port 0` yields `:0`). */
  port: number;
  grpcBindAddr: string;
  grpcPort: number;
  requireAuth: boolean;
  adminToken: string | null;
  boundPrincipal: string | null;
  sessionTtlMs: number;
  approvalTimeoutMs: number;
  tokenDelayMs: number;
  loopbackRateLimit: number;
  demo: boolean;
  /**
   * Fixed text every audio upload is transcribed to; null models palyrad 1e2f4d1, whose upload
   * sniffer refuses audio (so it never transcribes). Set by PALYRA_SIM_AUDIO_TRANSCRIPT, or demo.
   */
  audioTranscript: string | null;
  /** Where sessions, transcripts and approvals persist across restarts; null: memory only. */
  journalPath: string | null;
  version: string;
  gitHash: string;
}

export interface SimulatorStats {
  logins: number;
  consoleRequests: number;
  rateLimited: number;
}

/** Everything the route handlers share; one per simulator process. */
export class SimulatorState {
  readonly ids = new UlidFactory();
  readonly sessions: ConsoleSessionStore;
  readonly handoffs = new HandoffStore();
  readonly approvals: ApprovalStore;
  readonly chats: ChatStore;
  readonly faults = new FaultPlan();
  readonly limiter: RateLimiter;
  readonly stats: SimulatorStats = { logins: 0, consoleRequests: 0, rateLimited: 0 };
  readonly startedAtMs = Date.now();
  readonly journal: JournalFile | null;

  constructor(
    readonly config: SimulatorConfig,
    readonly log: TracingLog = new TracingLog('palyra_daemon'),
  ) {
    this.sessions = new ConsoleSessionStore(config.sessionTtlMs);
    this.approvals = new ApprovalStore(this.ids);
    this.chats = new ChatStore(this.ids);
    this.limiter = new RateLimiter(config.loopbackRateLimit);
    this.journal = config.journalPath
      ? new JournalFile(config.journalPath, log, () => ({
          ...this.chats.exportState(),
          approvals: this.approvals.exportRecords(),
        }))
      : null;
    const previous = this.journal?.load() ?? null;
    if (previous) {
      this.chats.restore(previous.sessions, previous.transcripts, previous.runs ?? {});
      this.approvals.restore(previous.approvals);
      log.info('journal loaded', {
        sessions: previous.sessions.length,
        approvals: previous.approvals.length,
      });
    }
    const journal = this.journal;
    if (journal) {
      this.chats.onChange = () => journal.markDirty();
      this.approvals.onChange = () => journal.markDirty();
    }
  }

  /** Resolves once every change so far is on disk (before a reply acknowledges it). */
  persist(): Promise<void> {
    return this.journal?.flush() ?? Promise.resolve();
  }
}

/** What a non-streaming handler returns; the dispatcher writes it (and may corrupt it on purpose). */
export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string | string[]>;
}

export interface RouteRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: string[];
  state: SimulatorState;
}

/** null: the handler wrote the response itself (streams, redirects). */
export type RouteHandler = (r: RouteRequest) => Promise<Reply | null>;

export interface Route {
  method: string;
  pattern: RegExp;
  handler: RouteHandler;
}

export type AuthorizedSession = ConsoleSession;
