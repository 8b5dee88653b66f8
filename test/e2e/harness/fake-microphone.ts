// A fake microphone for the voice specs: Chromium's fake capture device fed by a WAV that
// espeak-ng speaks at test time, followed by silence (Chromium loops the file, so every recording
// hears speech, then a pause long enough for the silence stop). Applied in the launcher's
// onWorkerStart, only to workers running a voice spec; other specs keep the stock Chromium.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/** What the WAV says; the simulator's fixed transcript (DEMO_TRANSCRIPT) is the same sentence. */
export const SPOKEN_SENTENCE = 'Summarise the open approvals for me';
const TRAILING_SILENCE_S = 3.5;

interface ChromeCaps {
  'goog:chromeOptions'?: { args?: string[] };
}

/** espeak-ng's WAV with silence appended (sizes in the RIFF header rewritten to match). */
export function speakToWav(sentence: string, dir: string): string {
  const spoken = join(dir, 'spoken.wav');
  execFileSync('espeak-ng', ['-v', 'en-us', '-s', '150', '-w', spoken, sentence], { stdio: 'pipe' });
  const wav = readFileSync(spoken);
  if (wav.toString('latin1', 0, 4) !== 'RIFF' || wav.toString('latin1', 8, 12) !== 'WAVE')
    throw new Error('espeak-ng did not write a RIFF/WAVE file');
  let offset = 12;
  let format: { channels: number; rate: number; bits: number } | null = null;
  while (offset + 8 <= wav.length) {
    const id = wav.toString('latin1', offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    if (id === 'fmt ') {
      format = {
        channels: wav.readUInt16LE(offset + 10),
        rate: wav.readUInt32LE(offset + 12),
        bits: wav.readUInt16LE(offset + 22),
      };
    }
    if (id === 'data') {
      if (!format) throw new Error('espeak-ng WAV has no fmt chunk before data');
      const samples = wav.subarray(offset + 8, offset + 8 + Math.min(size, wav.length - offset - 8));
      const silence = Buffer.alloc(
        Math.round(TRAILING_SILENCE_S * format.rate) * format.channels * (format.bits / 8),
      );
      const data = Buffer.concat([samples, silence]);
      const header = Buffer.from(wav.subarray(0, offset + 8));
      header.writeUInt32LE(data.length, offset + 4);
      header.writeUInt32LE(header.length - 8 + data.length, 4);
      const out = join(dir, 'fake-microphone.wav');
      writeFileSync(out, Buffer.concat([header, data]));
      return out;
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error('espeak-ng WAV has no data chunk');
}

/** onWorkerStart: fake microphone flags for voice specs (granted, or denied for *-denied specs). */
export function prepareFakeMicrophone(caps: unknown, specs: string[]): void {
  const voiceSpecs = specs
    .map((s) => basename(s.replace(/^file:\/\//, '')))
    .filter((s) => s.startsWith('voice'));
  if (voiceSpecs.length === 0) return;
  const options = (caps as ChromeCaps)['goog:chromeOptions'];
  if (!options) return;
  const wav = speakToWav(SPOKEN_SENTENCE, mkdtempSync(join(tmpdir(), 'companion-e2e-voice-')));
  const denied = voiceSpecs.every((s) => s.includes('denied'));
  options.args = [
    ...(options.args ?? []),
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-audio-capture=${wav}`,
    '--autoplay-policy=no-user-gesture-required',
    denied ? '--deny-permission-prompts' : '--use-fake-ui-for-media-stream',
  ];
}
