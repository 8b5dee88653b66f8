// Replies read aloud through the platform's speech synthesis (speechSynthesis in the renderer:
// the OS voices on Electron, the browser's in the headless UI). Nothing leaves the machine unless
// the chosen voice is a network voice (`localService` false), which the audit log records.

export interface VoiceChoice {
  uri: string;
  label: string;
  local: boolean;
}

export function speechAvailable(): boolean {
  return (
    typeof window !== 'undefined' &&
    'speechSynthesis' in window &&
    typeof SpeechSynthesisUtterance !== 'undefined'
  );
}

export function listVoices(): VoiceChoice[] {
  if (!speechAvailable()) return [];
  return window.speechSynthesis
    .getVoices()
    .map((v) => ({ uri: v.voiceURI, label: `${v.name} (${v.lang})`, local: v.localService }));
}

/** Speaks `text`; resolves when it ends, rejects on a synthesis error. `cancel` stops it. */
export function speak(text: string, voiceUri: string | null): { done: Promise<void>; cancel: () => void } {
  const synth = window.speechSynthesis;
  const utterance = new SpeechSynthesisUtterance(text);
  const voice = voiceUri ? synth.getVoices().find((v) => v.voiceURI === voiceUri) : undefined;
  if (voice) {
    utterance.voice = voice;
    utterance.lang = voice.lang;
  }
  const done = new Promise<void>((resolve, reject) => {
    utterance.onend = () => resolve();
    utterance.onerror = (event) =>
      event.error === 'canceled' || event.error === 'interrupted'
        ? resolve()
        : reject(new Error(event.error));
  });
  synth.cancel();
  synth.speak(utterance);
  return { done, cancel: () => synth.cancel() };
}
