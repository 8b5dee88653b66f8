// POST /console/v1/chat/sessions/{id}/attachments, as palyrad's console_chat_attachment_upload_handler
// (handlers/console/chat.rs) answers it: the same checks in the same order, the same refusals, and a
// reply of the same shape {attachment, derived_artifacts, task, contract}. Derivation happens inside
// the request: a metadata summary always, extracted text for text/JSON, a transcript for audio.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ApiError, apiErrors } from './api-error';
import {
  decodeStrictBase64,
  sanitizeFilename,
  SniffError,
  sniffContent,
  type Sniffed,
} from './attachment-sniff';
import { authorize } from './auth-routes';
import type { ConsoleSession } from './console-sessions';
import { readJson } from './http-io';
import type { Reply, Route, RouteRequest } from './simulator-state';
import { isUlid } from './ulid';

/** palyrad's DEFAULT_OUTBOUND_MAX_UPLOAD_BYTES (media.rs); the 64 KiB body limit bites first. */
const MAX_UPLOAD_BYTES = 4 * 1024 * 1024;

const uploadBody = z.object({ filename: z.string(), content_type: z.string(), bytes_base64: z.string() });

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/** Store failures become ChannelPlatformError::Media, which palyrad answers as a 500. */
function mediaError(reason: string): ApiError {
  return new ApiError(500, 'internal_error', 'internal', false, `invalid media attachment: ${reason}`);
}

/**
 * palyrad 1e2f4d1 indexes every derived artifact's text (the metadata summary at least) as the
 * workspace document `attachments/{session}/{artifact}/{kind}.md`, and its workspace paths allow no
 * `attachments` root (domain/workspace.rs normalize_workspace_path), so every upload that passes
 * the sniffer ends in this 500. Modelled when the simulator models palyrad 1e2f4d1 as it is (no
 * audio transcript configured); a transcribing gateway is modelled as one that stores uploads.
 */
const WORKSPACE_ROOT_REFUSED = new ApiError(
  500,
  'internal_error',
  'internal',
  false,
  'code: \'Internal error\', message: "upsert workspace document failed: invalid workspace path: workspace root is not allowed: attachments"',
);

async function upload(r: RouteRequest): Promise<Reply> {
  const session = authorize(r, { csrf: true });
  const sessionId = r.params[0] ?? '';
  if (!isUlid(sessionId)) throw apiErrors.invalid('session_id must be a canonical ULID');
  const body = await readJson(r.req, uploadBody);
  const filename = body.filename.trim();
  if (!filename) throw apiErrors.invalid('filename cannot be empty');
  if (!body.content_type.trim()) throw apiErrors.invalid('content_type cannot be empty');
  const bytes = decodeStrictBase64(body.bytes_base64);
  if (bytes === null) throw apiErrors.invalid('bytes_base64 must be valid base64');
  if (bytes.length === 0) throw mediaError('attachment bytes cannot be empty');
  if (bytes.length > MAX_UPLOAD_BYTES)
    throw mediaError(`attachment.upload.too_large (${bytes.length}/${MAX_UPLOAD_BYTES})`);
  const transcript = r.state.config.audioTranscript;
  let sniffed: Sniffed;
  try {
    sniffed = sniffContent(bytes, transcript !== null);
  } catch (err) {
    if (err instanceof SniffError) throw mediaError(err.message);
    throw err;
  }

  if (transcript === null) throw WORKSPACE_ROOT_REFUSED;

  const now = Date.now();
  const artifactId = r.state.ids.next(now);
  const stored = {
    artifactId,
    filename: sanitizeFilename(filename, sniffed.contentType),
    contentType: sniffed.contentType,
    hash: sha256(bytes),
    size: bytes.length,
    sniffed,
  };
  const budget = sniffed.contentType.startsWith('image/') ? 850 : Math.floor(bytes.length / 4);
  const taskId = r.state.ids.next(now);
  const derive = (kind: string, parser: string, text: string, extra: Record<string, unknown> = {}) =>
    derivedRecord(r, session, sessionId, stored, taskId, now, { kind, parser, text, extra });

  const metadata = [
    `filename: ${stored.filename}`,
    `content_type: ${stored.contentType}`,
    `size_bytes: ${stored.size}`,
    `content_hash: ${stored.hash}`,
    ...(sniffed.widthPx !== null ? [`dimensions_px: ${sniffed.widthPx}x${sniffed.heightPx}`] : []),
  ].join('\n');
  const derived = [derive('metadata_summary', 'attachment-metadata', metadata, { processing_ms: 0 })];
  if (stored.contentType === 'text/plain' || stored.contentType === 'application/json') {
    derived.push(derive('extracted_text', 'attachment-document-extractor', bytes.toString('utf8').trim()));
  }
  if (stored.contentType.startsWith('audio/') && transcript !== null) {
    // The simulator has no speech model: any audio yields the configured fixed text.
    derived.push(
      derive('transcript', 'attachment-audio-transcriber', transcript, {
        language: 'en',
        duration_ms: null,
        processing_ms: 5,
      }),
    );
  }
  r.state.log.info(
    `console chat attachment stored artifact_id=${artifactId} content_type=${stored.contentType}`,
  );
  return {
    status: 200,
    body: {
      attachment: {
        artifact_id: artifactId,
        attachment_id: artifactId,
        filename: stored.filename,
        declared_content_type: stored.contentType,
        content_hash: stored.hash,
        size_bytes: stored.size,
        width_px: sniffed.widthPx,
        height_px: sniffed.heightPx,
        kind: stored.contentType.startsWith('image/')
          ? 'image'
          : stored.contentType.startsWith('audio/')
            ? 'audio'
            : 'file',
        budget_tokens: budget,
      },
      derived_artifacts: derived,
      // palyrad returns the task as created (queued), before it marks it running and done.
      task: {
        task_id: taskId,
        task_kind: 'attachment_derivation',
        session_id: sessionId,
        owner_principal: session.principal,
        device_id: session.deviceId,
        ...(session.channel ? { channel: session.channel } : {}),
        state: 'queued',
        priority: 50,
        attempt_count: 0,
        max_attempts: 1,
        budget_tokens: budget,
        input_text: filename,
        payload_json: JSON.stringify({
          source_artifact_id: artifactId,
          content_type: stored.contentType,
          filename: stored.filename,
        }),
        created_at_unix_ms: now,
        updated_at_unix_ms: now,
      },
      contract: { contract_version: 'control-plane.v1' },
    },
  };
}

function derivedRecord(
  r: RouteRequest,
  session: ConsoleSession,
  sessionId: string,
  stored: { artifactId: string; filename: string; contentType: string; hash: string },
  taskId: string,
  now: number,
  d: { kind: string; parser: string; text: string; extra: Record<string, unknown> },
): Record<string, unknown> {
  const summary = d.text.length > 320 ? `${d.text.slice(0, 319)}…` : d.text;
  const record: Record<string, unknown> = {
    derived_artifact_id: r.state.ids.next(now),
    source_artifact_id: stored.artifactId,
    attachment_id: stored.artifactId,
    session_id: sessionId,
    principal: session.principal,
    device_id: session.deviceId,
    ...(session.channel ? { channel: session.channel } : {}),
    filename: stored.filename,
    declared_content_type: stored.contentType,
    kind: d.kind,
    state: 'succeeded',
    parser_name: d.parser,
    parser_version: '1',
    source_content_hash: stored.hash,
    content_hash: sha256(d.text),
    content_text: d.text,
    summary_text: summary,
    warnings: [],
    anchors: [],
    background_task_id: taskId,
    recompute_required: false,
    orphaned: false,
    created_at_unix_ms: now,
    updated_at_unix_ms: now,
  };
  for (const [key, value] of Object.entries(d.extra)) if (value !== null) record[key] = value;
  return record;
}

export const attachmentRoutes: Route[] = [
  { method: 'POST', pattern: /^\/console\/v1\/chat\/sessions\/([^/]+)\/attachments$/, handler: upload },
];
