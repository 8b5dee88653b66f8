// Fakes of the browser's media and speech APIs for the voice component tests. jsdom has none of
// them; these behave like Chromium's where the components depend on it (a stopped MediaRecorder
// delivers its last chunk and then `stop`; speak() ends with `end` or `error`), and let a test set
// the microphone level the AnalyserNode reports, and each call's answer.
import { vi } from 'vitest';

export class FakeTrack {
  stopped = false;
  constructor(readonly label: string) {}
  stop(): void {
    this.stopped = true;
  }
}

export class FakeStream {
  readonly tracks: FakeTrack[];
  constructor(label: string) {
    this.tracks = [new FakeTrack(label)];
  }
  getAudioTracks(): FakeTrack[] {
    return this.tracks;
  }
  getTracks(): FakeTrack[] {
    return this.tracks;
  }
}

type DataHandler = ((event: { data: Blob }) => void) | null;

export class FakeMediaRecorder {
  static instances: FakeMediaRecorder[] = [];
  static isTypeSupported(type: string): boolean {
    return type === 'audio/webm;codecs=opus' || type === 'audio/webm';
  }
  state: 'inactive' | 'recording' = 'inactive';
  readonly mimeType: string;
  timeslice: number | undefined;
  ondataavailable: DataHandler = null;
  onerror: ((event: unknown) => void) | null = null;
  onstop: (() => void) | null = null;
  /** Bytes the recorder still holds when stopped (delivered as the last chunk). */
  tailBytes = 700;

  constructor(
    readonly stream: FakeStream,
    readonly options: { mimeType?: string; audioBitsPerSecond?: number } = {},
  ) {
    this.mimeType = options.mimeType ?? 'audio/webm';
    FakeMediaRecorder.instances.push(this);
  }

  start(timeslice?: number): void {
    this.timeslice = timeslice;
    this.state = 'recording';
  }

  /** One timeslice of recorded audio arrives. */
  emitData(bytes: number): void {
    this.ondataavailable?.({ data: new Blob([new Uint8Array(bytes)], { type: this.mimeType }) });
  }

  stop(): void {
    if (this.state === 'inactive') return;
    this.state = 'inactive';
    // Chromium: the final dataavailable, then stop, both after stop() returns.
    queueMicrotask(() => {
      if (this.tailBytes > 0) this.emitData(this.tailBytes);
      this.onstop?.();
    });
  }
}

/** The level every AnalyserNode reports: a constant signal, so its RMS is this value. */
export const microphone = { level: 0 };

class FakeAnalyser {
  fftSize = 2048;
  smoothingTimeConstant = 0.8;
  getFloatTimeDomainData(frame: Float32Array): void {
    frame.fill(microphone.level);
  }
}

export class FakeAudioContext {
  static instances: FakeAudioContext[] = [];
  closed = false;
  constructor() {
    FakeAudioContext.instances.push(this);
  }
  createAnalyser(): FakeAnalyser {
    return new FakeAnalyser();
  }
  createMediaStreamSource(): { connect: (node: unknown) => void } {
    return { connect: () => undefined };
  }
  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}

export interface FakeDevice {
  deviceId: string;
  kind: 'audioinput' | 'audiooutput' | 'videoinput';
  label: string;
  groupId: string;
}

/** navigator.mediaDevices with the calls recorded and the answers chosen by the test. */
export function installMediaDevices(devices: FakeDevice[] = []) {
  const getUserMedia = vi.fn(async (constraints: { audio: { deviceId?: { exact: string } } }) => {
    const wanted = constraints.audio.deviceId?.exact;
    const device = devices.find((d) => d.deviceId === wanted);
    return new FakeStream(device?.label ?? 'Default - Built-in Microphone');
  });
  const enumerateDevices = vi.fn(async () => devices);
  Object.defineProperty(navigator, 'mediaDevices', {
    configurable: true,
    value: { getUserMedia, enumerateDevices },
  });
  vi.stubGlobal('MediaRecorder', FakeMediaRecorder);
  vi.stubGlobal('AudioContext', FakeAudioContext);
  return { getUserMedia, enumerateDevices };
}

export function uninstallMediaDevices(): void {
  Reflect.deleteProperty(navigator, 'mediaDevices');
  FakeMediaRecorder.instances = [];
  FakeAudioContext.instances = [];
  microphone.level = 0;
}

export function domError(name: string, message = name): DOMException {
  return new DOMException(message, name);
}

// ---- speech synthesis ----

export interface FakeVoice {
  voiceURI: string;
  name: string;
  lang: string;
  localService: boolean;
  default: boolean;
}

export class FakeUtterance {
  voice: FakeVoice | null = null;
  lang = '';
  onend: (() => void) | null = null;
  onerror: ((event: { error: string }) => void) | null = null;
  constructor(readonly text: string) {}
}

export class FakeSpeechSynthesis extends EventTarget {
  readonly spoken: FakeUtterance[] = [];
  cancels = 0;
  constructor(public voices: FakeVoice[]) {
    super();
  }
  getVoices(): FakeVoice[] {
    return this.voices;
  }
  speak(utterance: FakeUtterance): void {
    this.spoken.push(utterance);
  }
  cancel(): void {
    this.cancels += 1;
    // Chromium ends a cancelled utterance with the error "interrupted".
    const current = this.spoken.at(-1);
    current?.onerror?.({ error: 'interrupted' });
  }
  /** The utterance being spoken finishes. */
  finish(): void {
    this.spoken.at(-1)?.onend?.();
  }
  fail(error: string): void {
    this.spoken.at(-1)?.onerror?.({ error });
  }
}

export function installSpeech(voices: FakeVoice[]): FakeSpeechSynthesis {
  const synth = new FakeSpeechSynthesis(voices);
  Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: synth });
  vi.stubGlobal('SpeechSynthesisUtterance', FakeUtterance);
  return synth;
}

export function uninstallSpeech(): void {
  Reflect.deleteProperty(window, 'speechSynthesis');
}
