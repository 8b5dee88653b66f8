// The flooding sidecar of bench/log-flood.ts: writes N lines to stdout as fast as the pipe takes
// them (respecting its own back-pressure), then writes how long that took (ms) to a file. With
// `stay` it then idles, as a sidecar would, so the companion does not restart it.
import { writeFileSync } from 'node:fs';

const [countArg, resultFile, after] = process.argv.slice(2);
const total = Number(countArg);
const started = performance.now();
let sent = 0;

function pump(): void {
  while (sent < total) {
    const n = Math.min(2_000, total - sent);
    let chunk = '';
    for (let i = 0; i < n; i += 1)
      chunk += `2026-12-01T08:00:00Z INFO flood line ${sent + i} token=abc123def456\n`;
    sent += n;
    if (!process.stdout.write(chunk)) {
      process.stdout.once('drain', pump);
      return;
    }
  }
  process.stdout.write('', () => {
    writeFileSync(resultFile!, String(performance.now() - started));
    if (after === 'stay') setInterval(() => undefined, 1 << 30);
  });
}

pump();
