import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { ApprovalStore, type ApprovalRecord } from './approval-store';
import { ChatStore } from './chat-store';
import { ConsoleSessionStore, type ConsoleSession } from './console-sessions';
import { FaultPlan } from './fault-plan';
import { HandoffStore } from './handoff-store';
import { ApprovalLog, APPROVAL_LOG_FILE_NAME } from './approval-log';
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
  /**
   * Where sessions, transcripts and runs persist across restarts (approvals go to a log in the
   * same directory); null: memory only.
   */
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
  readonly approvalLog: ApprovalLog | null;

  constructor(
    readonly config: SimulatorConfig,
    readonly log: TracingLog = new TracingLog('palyra_daemon'),
  ) {
    this.sessions = new ConsoleSessionStore(config.sessionTtlMs);
    this.approvals = new ApprovalStore(this.ids);
    this.chats = new ChatStore(this.ids);
    this.limiter = new RateLimiter(config.loopbackRateLimit);
    const path = config.journalPath;
    // Approvals a snapshot from before the log holds, kept in it until the log has them.
    let unmoved: ApprovalRecord[] = [];
    this.journal = path
      ? new JournalFile(path, log, () => ({
          ...this.chats.exportState(),
          ...(unmoved.length > 0 ? { approvals: unmoved } : {}),
        }))
      : null;
    this.approvalLog = path ? new ApprovalLog(join(dirname(path), APPROVAL_LOG_FILE_NAME), log) : null;
    const previous = this.journal?.load() ?? null;
    const logged = this.approvalLog?.load() ?? null;
    if (previous) this.chats.restore(previous.sessions, previous.transcripts, previous.runs ?? {});
    // A snapshot from before the log holds approvals too; the log's lines are newer.
    const approvals = [...(previous?.approvals ?? []), ...(logged?.records ?? [])];
    this.approvals.restore(approvals);
    const records = this.approvals.exportRecords();
    if (previous || logged) {
      log.info('journal loaded', { sessions: previous?.sessions.length ?? 0, approvals: records.length });
    }
    const journal = this.journal;
    const approvalLog = this.approvalLog;
    if (journal && approvalLog) {
      const moving = (previous?.approvals?.length ?? 0) > 0;
      // Compact when the snapshot's approvals move over or when most of the log is superseded
      // lines. The snapshot is written without its approvals only once the log holds them.
      const compact = moving || (logged !== null && logged.lines > 2 * records.length + 1000);
      const moved = compact && approvalLog.rewrite(records) && moving;
      if (moved) {
        journal.markDirty();
        void journal.flush();
      } else if (moving) {
        unmoved = previous?.approvals ?? [];
      }
      this.chats.onChange = () => journal.markDirty();
      this.approvals.onChange = (record) => approvalLog.append(record);
    }
  }

  /** Resolves once every change so far is on disk (before a reply acknowledges it). */
  async persist(): Promise<void> {
    await Promise.all([this.journal?.flush(), this.approvalLog?.flush()]);
  }

  /** On the way out: what is not on disk yet is written synchronously. */
  flushSync(): void {
    this.journal?.flushSync();
    this.approvalLog?.flushSync();
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
