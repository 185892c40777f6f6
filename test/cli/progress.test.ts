import test from 'ava';
import { Writable } from 'node:stream';
import { startProgress } from '../../src/cli/progress.js';

function fakeStream(isTTY: boolean): { stream: Writable; text: () => string } {
  let out = '';
  const stream = new Writable({ write(chunk, _enc, done) { out += String(chunk); done(); } });
  Object.assign(stream, { isTTY, columns: 80 });
  return { stream, text: () => out };
}

test('the spinner draws the status on a terminal', async (t) => {
  const { stream, text } = fakeStream(true);
  const p = startProgress(stream, 'volume vol1');
  p.update('creating');
  await new Promise((r) => setTimeout(r, 250));
  p.stop();
  t.regex(text(), /volume vol1: creating/);
});

test('nothing is drawn when the stream is not a terminal, or there is none', (t) => {
  const { stream, text } = fakeStream(false);
  const p = startProgress(stream, 'volume vol1');
  p.update('creating');
  p.stop();
  t.is(text(), '');
  t.notThrows(() => startProgress(undefined, 'x').stop());
});
