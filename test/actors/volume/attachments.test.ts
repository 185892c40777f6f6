import test from 'ava';
import { statusFromAttachments } from '../../../src/actors/volume/evolve-attachments.js';
import type { VolumeStatus } from '../../../src/model/statuses.js';
import type { AttachmentSummary } from '../../../src/model/volume.js';
import { drive, resting } from './fixtures.js';

const att = (id: string, status: AttachmentSummary['status']): AttachmentSummary => ({
  id, volumeId: 'vol-1', instanceUuid: null, status, mode: 'rw', connector: null, attachedAt: null, createdAt: 'x', errorReason: null,
});
const connector = { initiator: 'iqn.x:h1', host: 'h1' };

const statusTable: [AttachmentSummary['status'][], string | undefined, VolumeStatus][] = [
  [[], undefined, 'available'],
  [['reserved'], undefined, 'reserved'],
  [['error_attaching'], undefined, 'reserved'],
  [['attaching'], undefined, 'attaching'],
  [['reserved', 'attaching'], undefined, 'attaching'],
  [['attached'], undefined, 'in-use'],
  [['attached', 'reserved'], undefined, 'in-use'],
  [['error_detaching'], undefined, 'in-use'],
  [['attached'], 'disconnect', 'detaching'],
];
for (const [statuses, intent, expected] of statusTable) {
  test(`a volume with attachments [${statuses.join(', ')}]${intent ? ` while ${intent}ing` : ''} is ${expected}`, (t) => {
    t.is(statusFromAttachments(statuses.map((s, i) => att(`a${i}`, s)), intent), expected);
  });
}

test('reserve, connect, complete and delete walk the volume through reserved, attaching, in-use and back to available', (t) => {
  const r = drive(resting('available'), [
    { type: 'CreateAttachment', attachmentId: 'a1', instanceUuid: 'i1', connector: null, mode: 'rw' },
    { type: 'UpdateAttachment', attachmentId: 'a1', connector },
    { type: 'Connected', attachmentId: 'a1', exportRecord: { iqn: 'q' }, connectionInfo: { driver_volume_type: 'iscsi' } },
    { type: 'CompleteAttachment', attachmentId: 'a1' },
    { type: 'DeleteAttachment', attachmentId: 'a1' },
    { type: 'Disconnected', attachmentId: 'a1', exportRemoved: true },
  ]);
  t.deepEqual(r.errors, []);
  t.deepEqual(r.events.map((e) => e.type), ['AttachmentReserved', 'ConnectRequested', 'AttachmentConnected', 'AttachmentCompleted', 'DisconnectRequested', 'AttachmentRemoved']);
  t.is(r.state.record?.status, 'available');
  t.is(r.state.exportRecord, null);
  t.deepEqual(r.state.connections, {});
});

test('a second attachment on a volume without multiattach is refused, naming multiattach', (t) => {
  const r = drive(resting('available'), [
    { type: 'CreateAttachment', attachmentId: 'a1', instanceUuid: null, connector: null, mode: 'rw' },
    { type: 'CreateAttachment', attachmentId: 'a2', instanceUuid: null, connector: null, mode: 'rw' },
  ]);
  t.is(r.errors.length, 1);
  t.regex(r.errors[0] ?? '', /ERR_INVALID_STATE/);
  t.is(r.state.record?.attachments.length, 1);
});

test('any attachment command is refused while a connect is in flight, and a stale report changes nothing', (t) => {
  const r = drive(resting('available', { multiattach: true }), [
    { type: 'CreateAttachment', attachmentId: 'a1', instanceUuid: null, connector, mode: 'rw' },
    { type: 'CreateAttachment', attachmentId: 'a2', instanceUuid: null, connector: null, mode: 'rw' },
    { type: 'Connected', attachmentId: 'other', exportRecord: { iqn: 'q' }, connectionInfo: {} },
  ]);
  t.is(r.errors.length, 1);
  t.is(r.state.intent?.kind, 'connect');
  t.deepEqual(r.state.connections, {});
});

test('complete before the connection exists is refused; a failed connect can be retried with update', (t) => {
  const r = drive(resting('available'), [
    { type: 'CreateAttachment', attachmentId: 'a1', instanceUuid: null, connector, mode: 'ro' },
    { type: 'ConnectFailed', attachmentId: 'a1', reason: 'tgtd is not running', exportRecord: null },
    { type: 'CompleteAttachment', attachmentId: 'a1' },
    { type: 'UpdateAttachment', attachmentId: 'a1', connector },
  ]);
  t.is(r.errors.length, 1);
  t.is(r.state.intent?.kind, 'connect');
  t.is(r.state.record?.attachments[0]?.status, 'attaching');
  t.is(r.state.record?.attachments[0]?.errorReason, null);
});

test('deleting the only attachment of an exported volume goes through a disconnect; deleting a bare reservation does not', (t) => {
  const bare = drive(resting('available'), [
    { type: 'CreateAttachment', attachmentId: 'a1', instanceUuid: null, connector: null, mode: 'rw' },
    { type: 'DeleteAttachment', attachmentId: 'a1' },
  ]);
  t.deepEqual(bare.events.map((e) => e.type), ['AttachmentReserved', 'AttachmentRemoved']);
  t.is(bare.state.record?.status, 'available');
});
