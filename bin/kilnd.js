#!/usr/bin/env node
// Runs straight from a checkout after `npm ci`: tsx compiles the TypeScript sources on load.
import { register } from 'tsx/esm/api';

register();
const { kilnd } = await import('../src/node/kilnd-main.ts');
process.exitCode = await kilnd(process.argv.slice(2), {
  stderr: (s) => process.stderr.write(s),
  env: process.env,
  cwd: process.cwd(),
  onSignal: (handler) => {
    for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => handler(signal));
  },
});
