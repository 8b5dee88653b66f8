// Push-to-talk capture in the page: the chosen microphone through MediaRecorder, with Palyra's
// silence rule (the level is read every 200 ms; an RMS under 0.015 for the silence timeout stops
// the recording) and a size stop, because palyrad takes at most 64 KiB per request.
import { MAX_VOICE_AUDIO_BASE64 } from '../../../../main/contract/voice';

export const LEVEL_SAMPLE_MS = 200;
export const SILENCE_RMS = 0.015;
/** The most raw bytes whose base64 fits the contract's cap (4 base64 chars per 3 bytes). */
export const MAX_RECORDING_BYTES = Math.floor(MAX_VOICE_AUDIO_BASE64 / 4) * 3;
/** Palyra's MIME preference (desktopVoice.ts). */
const MIME_PREFERENCE = ['audio/webm;codecs=opus', 'audio/webm', 'audio/mp4', 'audio/ogg;codecs=opus'];

export type StopReason = 'manual' | 'silence' | 'size';

export interface Recording {
  blob: Blob;
  mimeType: string;
  reason: StopReason;
  durationMs: number;
  deviceLabel: string;
}

export interface RecorderOptions {
  deviceId: string | null;
  silence: { enabled: boolean; timeoutMs: number };
  onLevel?: (rms: number) => void;
  now?: () => number;
}

export interface ActiveRecording {
  /** The microphone actually used (the chosen one, or the default when it was gone); '' unlabelled. */
  deviceLabel: string;
  stop(): void;
  done: Promise<Recording>;
}

export function pickMimeType(): string {
  const supported = (t: string) =>
    typeof MediaRecorder !== 'undefined' && typeof MediaRecorder.isTypeSupported === 'function'
      ? MediaRecorder.isTypeSupported(t)
      : false;
  return MIME_PREFERENCE.find(supported) ?? '';
}

export function fileExtension(mimeType: string): string {
  if (mimeType.includes('ogg')) return 'ogg';
  if (mimeType.includes('mp4')) return 'm4a';
  if (mimeType.includes('mpeg')) return 'mp3';
  return 'webm';
}

/** Root mean square of one frame of samples in [-1, 1]. */
export function rms(samples: Float32Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const s of samples) sum += s * s;
  return Math.sqrt(sum / samples.length);
}

async function openMicrophone(deviceId: string | null): Promise<MediaStream> {
  const base = { noiseSuppression: true, echoCancellation: true };
  if (!deviceId) return navigator.mediaDevices.getUserMedia({ audio: base });
  try {
    return await navigator.mediaDevices.getUserMedia({ audio: { ...base, deviceId: { exact: deviceId } } });
  } catch (err) {
    // The chosen microphone was unplugged: Palyra falls back to the default one.
    const name = (err as { name?: string }).name;
    if (name === 'NotFoundError' || name === 'OverconstrainedError')
      return navigator.mediaDevices.getUserMedia({ audio: base });
    throw err;
  }
}

/** Starts recording; rejects with the browser's DOMException when the microphone cannot be had. */
export async function startRecording(options: RecorderOptions): Promise<ActiveRecording> {
  const now = options.now ?? (() => performance.now());
  const stream = await openMicrophone(options.deviceId);
  const track = stream.getAudioTracks()[0];
  // Empty when the browser gives the track no label: the audit log then says "default microphone".
  const deviceLabel = track?.label ?? '';
  const mimeType = pickMimeType();
  const recorder = new MediaRecorder(stream, {
    ...(mimeType ? { mimeType } : {}),
    audioBitsPerSecond: 32_000,
  });
  const chunks: Blob[] = [];
  let bytes = 0;
  let largestChunk = 0;
  let reason: StopReason = 'manual';
  const startedAt = now();

  const context = new AudioContext();
  const analyser = context.createAnalyser();
  analyser.fftSize = 2048;
  analyser.smoothingTimeConstant = 0.12;
  context.createMediaStreamSource(stream).connect(analyser);
  const frame = new Float32Array(analyser.fftSize);
  let quietSince: number | null = null;

  const stop = (why: StopReason) => {
    if (recorder.state === 'inactive') return;
    reason = why;
    recorder.stop();
  };
  const timer = setInterval(() => {
    analyser.getFloatTimeDomainData(frame);
    const level = rms(frame);
    options.onLevel?.(level);
    if (!options.silence.enabled) return;
    const t = now();
    if (level >= SILENCE_RMS) quietSince = null;
    else if (quietSince === null) quietSince = t;
    else if (t - quietSince >= options.silence.timeoutMs) stop('silence');
  }, LEVEL_SAMPLE_MS);

  const done = new Promise<Recording>((resolve, reject) => {
    recorder.ondataavailable = (event: BlobEvent) => {
      if (event.data.size === 0) return;
      chunks.push(event.data);
      bytes += event.data.size;
      largestChunk = Math.max(largestChunk, event.data.size);
      // Stop while there is still room for the slice being recorded and the one stop() delivers.
      if (bytes + 2 * largestChunk >= MAX_RECORDING_BYTES) stop('size');
    };
    recorder.onerror = (event) =>
      reject((event as unknown as { error?: Error }).error ?? new Error('recording failed'));
    recorder.onstop = () => {
      clearInterval(timer);
      for (const t of stream.getTracks()) t.stop();
      void context.close().catch(() => undefined);
      const type = recorder.mimeType || mimeType || 'audio/webm';
      resolve({
        blob: new Blob(fitting(chunks), { type }),
        mimeType: type,
        reason,
        durationMs: now() - startedAt,
        deviceLabel,
      });
    };
  });
  recorder.start(250);
  return { deviceLabel, stop: () => stop('manual'), done };
}

/**
 * The longest run of leading slices that fits the cap. An encoder can overshoot its bit rate, so
 * the last slices may not fit; a prefix of a WebM/Ogg stream is still a playable recording.
 */
export function fitting(chunks: Blob[]): Blob[] {
  const kept: Blob[] = [];
  let total = 0;
  for (const chunk of chunks) {
    if (total + chunk.size > MAX_RECORDING_BYTES) break;
    kept.push(chunk);
    total += chunk.size;
  }
  return kept;
}

/** Blob → base64 without building one huge intermediate string of char codes. */
export async function blobToBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
