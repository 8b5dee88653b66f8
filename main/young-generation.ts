// Keeps V8's young generation at its starting size (1 MiB per semi-space) for the companion's whole
// life. By default V8 doubles the semi-spaces whenever many objects survive a scavenge, up to
// 16 MiB each (32 MiB of new space), and start-up (module loading, the first gateway reads) does
// exactly that; the pages stay resident long after the burst, which was the largest single part of
// the idle RSS above bare Node. The companion's steady work is small and short-lived, so a 1 MiB
// nursery costs a few more (cheap) scavenges under load and saves ~10 MiB at idle.
//
// `--max-semi-space-size` only works on the command line (V8 sizes the heap once, at start-up), and
// `npm start`, the packaged app and the tests run `node launch.js` / Electron without extra flags.
// The growth factor, however, is read each time the new space would grow, so setting it here, before
// anything else is loaded, has the same effect from inside the process. Imported first by launch.ts.
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--semi-space-growth-factor=1');
