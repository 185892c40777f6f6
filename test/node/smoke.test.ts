import test from 'ava';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { admin, startTestNode, waitForVolume } from '../helpers/node.js';

test('creates, extends and deletes a file-backed volume end to end', async (t) => {
  const node = await startTestNode();
  t.teardown(() => node.cleanup());
  const v = await node.operations.volumes.create(admin, { size: 1, name: 'volume3' });
  t.is(v.status, 'creating');
  t.is(await waitForVolume(node, v.id, ['available', 'error']), 'available');
  const file = join(node.dataDir, 'volumes', 'file', `volume-${v.id}`);
  t.is((await stat(file)).size, 2 ** 30);
  await node.operations.volumes.extend(admin, { volume: 'volume3', newSize: 2 });
  t.is(await waitForVolume(node, v.id, ['available', 'error_extending']), 'available');
  t.is((await stat(file)).size, 2 * 2 ** 30);
  await node.operations.volumes.delete(admin, { volume: v.id });
  t.is(await waitForVolume(node, v.id, ['deleted', 'error_deleting']), 'deleted');
  await t.throwsAsync(stat(file));
});
