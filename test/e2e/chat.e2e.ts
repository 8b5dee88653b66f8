// Issue #4, flow 3: a chat message streams its reply token by token (the page shows at least two
// different partial texts before the final one) and the reply ends up in the transcript.
import { $, $$, browser, expect } from '@wdio/globals';
import { completeOnboarding, openCompanion, screenshot, showTab, UI_TIMEOUT } from './harness/companion-page';
import { startCompanion, type CompanionHandle } from './harness/companion-process';
import { recordedTexts, startRecordingText } from './harness/text-recorder';

// The simulator's deterministic model echoes the message, one word-sized token at a time.
const MESSAGE = 'Please list the five steps left before the release and who owns each of them this week';

/** Texts of finished transcript messages by role (the live streaming bubble excluded). */
async function transcriptTexts(role: 'user' | 'assistant'): Promise<string[]> {
  return $$(`[role="log"][aria-label="Transcript"] .msg.${role}:not(.streaming)`).map((m) => m.getText());
}

describe('chat', () => {
  let companion: CompanionHandle;

  before(async () => {
    // Slow tokens a little so the stream is visibly incremental even when the page renders late.
    companion = await startCompanion({ env: { PALYRA_SIM_TOKEN_DELAY_MS: '120' } });
    await openCompanion(companion);
    await completeOnboarding();
  });

  after(async () => {
    await companion?.stop();
  });

  it('streams the reply and keeps it in the transcript', async () => {
    await showTab('chat');
    await expect($('[role="status"][aria-label="Gateway connection"]')).toHaveText('Online');
    await startRecordingText('reply', '.msg.assistant.streaming .stream-text');

    await $('textarea[aria-label="Message"]').setValue(MESSAGE);
    await $('button=Send').click();

    await browser.waitUntil(async () => (await transcriptTexts('user')).some((t) => t.includes(MESSAGE)), {
      timeout: UI_TIMEOUT,
      timeoutMsg: 'the sent message did not appear in the transcript',
    });
    // Mid-stream picture: the reply is partial and still marked busy.
    await browser.waitUntil(
      async () => {
        const texts = await recordedTexts('reply');
        return texts.some((t) => t.length > 0 && t.trim() !== MESSAGE);
      },
      { timeout: UI_TIMEOUT, interval: 50, timeoutMsg: 'no partial reply was shown' },
    );
    await screenshot('chat-streaming');

    await browser.waitUntil(
      async () => {
        return (await transcriptTexts('assistant')).some((text) => text.includes(MESSAGE));
      },
      { timeout: 60_000, interval: 200, timeoutMsg: 'the final reply never reached the transcript' },
    );
    await expect($('.msg.assistant.streaming[aria-busy="true"]')).not.toBeExisting();

    const partials = [...new Set((await recordedTexts('reply')).map((t) => t.trim()))].filter(
      (t) => t.length > 0 && t !== MESSAGE,
    );
    expect(partials.length).toBeGreaterThanOrEqual(2);
    const lengths = new Set(partials.map((t) => t.length));
    expect(lengths.size).toBeGreaterThanOrEqual(2);
    // Each partial is a prefix of the final reply: the text grew, it was not replaced.
    for (const partial of partials) expect(MESSAGE.startsWith(partial)).toBe(true);
    await screenshot('chat-transcript');
  });
});
