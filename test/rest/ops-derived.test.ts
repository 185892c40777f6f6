/** Pure parts of the operations added for the REST API: user messages and metadata ETags. */
import test from 'ava';
import { messageOf } from '../../src/node/operations/message-ops.js';
import { metadataEtag } from '../../src/node/operations/volume-meta-ops.js';
import type { VolumeRecord } from '../../src/model/volume.js';

const base: VolumeRecord = {
  id: 'v1', projectId: 'p1', userId: 'u1', name: 'v', description: null, sizeGiB: 1, status: 'available', volumeTypeId: 't',
  volumeTypeName: 'T', availabilityZone: 'nova', metadata: {}, host: null, backend: null, bootable: false, readonly: false,
  multiattach: false, attachments: [], errorReason: null, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:01.000Z',
};

const cases: [string, Partial<VolumeRecord>, string | undefined, string | undefined][] = [
  ['available volumes have none', {}, undefined, undefined],
  ['errors without a reason have none', { status: 'error' }, undefined, undefined],
  ['no valid backend', { status: 'error', errorReason: 'No valid backend was found. CapacityFilter removed the last backend' },
    'VOLUME_VOLUME_001_003', 'schedule allocate volume: No valid backend was found. CapacityFilter removed the last backend'],
  ['a failed create', { status: 'error', errorReason: 'Create failed after 3 attempt(s)' }, 'VOLUME_VOLUME_001_001', 'schedule allocate volume: Create failed after 3 attempt(s)'],
  ['a failed extend', { status: 'error_extending', errorReason: 'disk full' }, 'VOLUME_VOLUME_007_001', 'extend volume: disk full'],
  ['a failed delete', { status: 'error_deleting', errorReason: 'busy' }, 'VOLUME_VOLUME_000_001', 'delete volume: busy'],
];

for (const [name, patch, eventId, text] of cases) {
  test(`user messages: ${name}`, (t) => {
    const m = messageOf({ ...base, ...patch });
    t.is(m?.eventId, eventId);
    t.is(m?.userMessage, text);
  });
}

test('a message keeps its id while the error lasts and expires after 30 days', (t) => {
  const v: VolumeRecord = { ...base, status: 'error', errorReason: 'x' };
  t.is(messageOf(v)?.id, messageOf({ ...v })?.id);
  t.not(messageOf(v)?.id, messageOf({ ...v, updatedAt: '2026-01-02T00:00:00.000Z' })?.id);
  t.is(messageOf(v)?.expiresAt, '2026-01-31T00:00:01.000Z');
  t.regex(messageOf(v)?.id ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('metadata ETags change with the content', (t) => {
  t.is(metadataEtag({ a: '1' }), metadataEtag({ a: '1' }));
  t.not(metadataEtag({ a: '1' }), metadataEtag({ a: '2' }));
  t.regex(metadataEtag({}), /^[0-9a-f]{32}$/);
});
