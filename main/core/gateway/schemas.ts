// zod schemas for every gateway reply the companion reads. Objects are loose (unknown keys kept)
// because palyrad adds fields freely; only what we read is required.
import { z } from 'zod';

export const errorEnvelopeSchema = z.looseObject({
  error: z.string(),
  code: z.string(),
  category: z.string(),
  retryable: z.boolean(),
  redacted: z.boolean().optional(),
  validation_errors: z
    .array(z.looseObject({ field: z.string(), code: z.string().optional(), message: z.string().optional() }))
    .optional(),
});

export const healthSchema = z.looseObject({
  service: z.string(),
  status: z.string(),
  version: z.string(),
  git_hash: z.string(),
  build_profile: z.string().optional(),
  uptime_seconds: z.number().nonnegative(),
});
export type GatewayHealth = z.infer<typeof healthSchema>;

export const consoleSessionSchema = z.looseObject({
  principal: z.string(),
  device_id: z.string(),
  channel: z.string().nullish(),
  csrf_token: z.string().min(1),
  issued_at_unix_ms: z.number(),
  expires_at_unix_ms: z.number(),
});
export type ConsoleSessionInfo = z.infer<typeof consoleSessionSchema>;

export const signedOutSchema = z.looseObject({ signed_out: z.boolean() });

export const sessionRecordSchema = z.looseObject({
  session_id: z.string().min(1),
  session_key: z.string(),
  session_label: z.string().nullish(),
  title: z.string(),
  created_at_unix_ms: z.number(),
  updated_at_unix_ms: z.number(),
  last_run_id: z.string().nullish(),
  last_run_state: z.string().nullish(),
  preview: z.string().nullish(),
  last_summary: z.string().nullish(),
});
export type SessionRecord = z.infer<typeof sessionRecordSchema>;

export const catalogRecordSchema = sessionRecordSchema.extend({
  pending_approvals: z.number().int().nonnegative().optional(),
  archived: z.boolean().optional(),
});
export type CatalogRecord = z.infer<typeof catalogRecordSchema>;

export const sessionCatalogSchema = z.looseObject({
  sessions: z.array(catalogRecordSchema),
  summary: z
    .looseObject({
      active_sessions: z.number().optional(),
      sessions_with_pending_approvals: z.number().optional(),
    })
    .optional(),
  page: z.looseObject({ has_more: z.boolean().optional() }).optional(),
});

export const resolveSessionSchema = z.looseObject({
  session: sessionRecordSchema,
  created: z.boolean(),
  reset_applied: z.boolean().optional(),
});

export const transcriptRecordSchema = z.looseObject({
  session_id: z.string(),
  run_id: z.string(),
  seq: z.number(),
  event_type: z.string(),
  payload_json: z.string(),
  created_at_unix_ms: z.number(),
});
export type TranscriptRecord = z.infer<typeof transcriptRecordSchema>;
/** palyrad's OrchestratorRunStatusSnapshot (journal.rs), as the transcript lists them. */
export const transcriptRunSchema = z.looseObject({
  run_id: z.string(),
  state: z.string(),
  origin_kind: z.string(),
  created_at_unix_ms: z.number(),
});
export const transcriptSchema = z.looseObject({
  session: z.looseObject({ session_id: z.string() }),
  records: z.array(transcriptRecordSchema),
  runs: z.array(transcriptRunSchema).default([]),
});
export type TranscriptRun = z.infer<typeof transcriptRunSchema>;

/** GET /console/v1/chat/sessions (handlers/console/chat.rs): a page of the caller's sessions. */
export const chatSessionListSchema = z.looseObject({
  sessions: z.array(sessionRecordSchema),
  next_after_session_key: z.string().nullable(),
});

const decisionScopeSchema = z.enum(['once', 'session', 'timeboxed']);

export const approvalOptionSchema = z.looseObject({
  option_id: z.string(),
  label: z.string(),
  description: z.string().optional(),
  default_selected: z.boolean().optional(),
  decision_scope: decisionScopeSchema,
  timebox_ttl_ms: z.number().nullish(),
});

export const approvalPromptSchema = z.looseObject({
  title: z.string(),
  risk_level: z.string(),
  subject_id: z.string().optional(),
  summary: z.string(),
  options: z.array(approvalOptionSchema),
  timeout_seconds: z.number().nonnegative(),
  // A JSON string in approval records, an object inside stream events.
  details_json: z.unknown().optional(),
  policy_explanation: z.string().optional(),
});

export const approvalRecordSchema = z.looseObject({
  approval_id: z.string().min(1),
  session_id: z.string().nullish(),
  run_id: z.string().nullish(),
  principal: z.string().nullish(),
  requested_at_unix_ms: z.number(),
  resolved_at_unix_ms: z.number().nullish(),
  subject_type: z.string(),
  subject_id: z.string(),
  request_summary: z.string().optional(),
  decision: z.enum(['allow', 'deny', 'timeout', 'error']).nullish(),
  decision_scope: decisionScopeSchema.nullish(),
  decision_reason: z.string().nullish(),
  decision_scope_ttl_ms: z.number().nullish(),
  prompt: approvalPromptSchema,
});
export type ApprovalRecord = z.infer<typeof approvalRecordSchema>;

export const approvalListSchema = z.looseObject({
  approvals: z.array(approvalRecordSchema),
  next_after_approval_id: z.string().nullable(),
});

/**
 * The same page with each record left unchecked, for a reader that checks only the records it
 * has not seen before (approval-feed.ts); approvalListSchema checks them all.
 */
export const rawApprovalListSchema = z.looseObject({
  approvals: z.array(z.unknown()),
  next_after_approval_id: z.string().nullable(),
});

export const approvalDecisionReplySchema = z.looseObject({ approval: approvalRecordSchema });

export const handoffSchema = z.looseObject({
  handoff_url: z.string().min(1),
  expires_at_unix_ms: z.number(),
});

export const diagnosticsSchema = z.looseObject({
  generated_at_unix_ms: z.number(),
  model_provider: z.unknown().optional(),
  rate_limits: z.unknown().optional(),
  browserd: z.unknown().optional(),
});
export type GatewayDiagnostics = z.infer<typeof diagnosticsSchema>;

export const inventorySchema = z.looseObject({
  generated_at_unix_ms: z.number(),
  summary: z.looseObject({
    devices: z.number().optional(),
    trusted_devices: z.number().optional(),
    stale_devices: z.number().optional(),
    offline_devices: z.number().optional(),
  }),
  devices: z.array(
    z.looseObject({
      device_id: z.string(),
      presence_state: z.string().optional(),
      trust_state: z.string().optional(),
    }),
  ),
});
export type GatewayInventory = z.infer<typeof inventorySchema>;

// ---- NDJSON stream lines (§2.4) ----

export const streamEventSchema = z.looseObject({ run_id: z.string(), event_type: z.string() });
export type StreamEvent = z.infer<typeof streamEventSchema>;

export const streamLineSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('meta'), run_id: z.string(), session_id: z.string() }),
  z.looseObject({ type: z.literal('event'), event: streamEventSchema }),
  z.looseObject({ type: z.literal('error'), run_id: z.string().optional(), error: z.string() }),
  z.looseObject({ type: z.literal('complete'), run_id: z.string(), status: z.string() }),
]);
export type StreamLine = z.infer<typeof streamLineSchema>;

export const statusPayloadSchema = z.looseObject({ kind: z.string(), message: z.string().optional() });
export const modelTokenPayloadSchema = z.looseObject({ token: z.string(), is_final: z.boolean() });
export const toolApprovalRequestPayloadSchema = z.looseObject({
  approval_id: z.string(),
  proposal_id: z.string().optional(),
  tool_name: z.string().optional(),
  prompt: approvalPromptSchema,
});

/** One derived artifact of an attachment (media.rs MediaDerivedArtifactRecord). */
export const derivedArtifactSchema = z.looseObject({
  derived_artifact_id: z.string().min(1),
  source_artifact_id: z.string().min(1),
  kind: z.string(),
  state: z.string(),
  parser_name: z.string(),
  content_text: z.string().optional(),
  summary_text: z.string().optional(),
  language: z.string().optional(),
  duration_ms: z.number().int().nonnegative().optional(),
  processing_ms: z.number().int().nonnegative().optional(),
  failure_reason: z.string().optional(),
  warnings: z.array(z.unknown()),
});
export type DerivedArtifact = z.infer<typeof derivedArtifactSchema>;

/** POST /console/v1/chat/sessions/{id}/attachments (handlers/console/chat.rs). */
export const attachmentUploadSchema = z.looseObject({
  attachment: z.looseObject({
    artifact_id: z.string().min(1),
    attachment_id: z.string().min(1),
    filename: z.string(),
    /** palyrad reports the sniffed type here, not the declared one. */
    declared_content_type: z.string(),
    content_hash: z.string(),
    size_bytes: z.number().int().nonnegative(),
    kind: z.string(),
  }),
  derived_artifacts: z.array(derivedArtifactSchema),
  task: z.looseObject({ task_id: z.string().min(1), task_kind: z.string(), state: z.string() }),
});
export type AttachmentUpload = z.infer<typeof attachmentUploadSchema>;
