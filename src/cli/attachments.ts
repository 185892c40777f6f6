/** Cinder's v3 attachment commands (attachment-create, -update, -complete, -list, -show, -delete). */
import type { Command } from 'commander';
import type { AttachmentSummary, Connector } from '../model/volume.js';
import type { AttachmentView } from '../node/operations/attachment-ops.js';
import { formatProperties, formatTable, pyRepr } from './format.js';
import type { Session } from './session.js';

interface ConnectorOptions { initiator?: string; ip?: string; host?: string; platform?: string; ostype?: string; multipath?: boolean; mountpoint?: string }

function connectorOf(o: ConnectorOptions): Connector {
  const c: Connector = {};
  if (o.initiator) c.initiator = o.initiator;
  if (o.ip) c.ip = o.ip;
  if (o.host) c.host = o.host;
  if (o.platform) c.platform = o.platform;
  if (o.ostype) c.os_type = o.ostype;
  if (o.multipath !== undefined) c.multipath = o.multipath;
  if (o.mountpoint) c.mountpoint = o.mountpoint;
  return c;
}

const withConnectorOptions = (cmd: Command): Command => cmd
  .option('--initiator <iqn>', 'iSCSI initiator IQN of the host')
  .option('--ip <address>', 'IP address of the host')
  .option('--host <name>', 'host name')
  .option('--platform <platform>', 'host platform', 'x86_64')
  .option('--ostype <ostype>', 'host OS type', 'linux2')
  .option('--multipath', 'the host uses multipath')
  .option('--mountpoint <path>', 'where the host mounts the volume');

/** cinder attachment-show's rows; connection_info only when the node returned it. */
export function attachmentProperties(a: AttachmentView | AttachmentSummary): Record<string, unknown> {
  const props: Record<string, unknown> = {
    attach_mode: a.mode, attached_at: a.attachedAt ?? '', detached_at: '', id: a.id,
    instance: a.instanceUuid ?? '', status: a.status, volume_id: a.volumeId,
  };
  if ('connectionInfo' in a && a.connectionInfo) props.connection_info = pyRepr(a.connectionInfo);
  if (a.errorReason) props.error_reason = a.errorReason;
  return props;
}

export const formatAttachmentList = (rows: readonly AttachmentSummary[]): string =>
  formatTable(['ID', 'Volume ID', 'Status', 'Instance'], rows.map((a) => [a.id, a.volumeId, a.status, a.instanceUuid ?? '']));

export function registerAttachmentCommands(program: Command, s: Session): void {
  withConnectorOptions(program.command('attachment-create')
    .description('Create an attachment for a cinder volume.')
    .argument('<volume>', 'name or ID of volume to attach')
    .argument('[server_id]', 'ID of the server (instance) attaching to')
    .option('--connect', 'make an active connection using the connector options given')
    .option('--mode <mode>', 'access mode: rw or ro', 'rw'))
    .action(async (volume: string, serverId: string | undefined, o: ConnectorOptions & { connect?: boolean; mode: 'rw' | 'ro' }, cmd: Command) => {
      const result = await s.call(cmd, 'attachment.create', {
        volume, mode: o.mode, ...(serverId ? { instanceUuid: serverId } : {}), ...(o.connect ? { connector: connectorOf(o) } : {}),
      });
      s.print(cmd, result, () => formatProperties(attachmentProperties(result as AttachmentView)));
    });

  withConnectorOptions(program.command('attachment-update')
    .description('Update an attachment for a cinder volume with a connector.')
    .argument('<attachment>', 'ID of the attachment'))
    .action(async (attachment: string, o: ConnectorOptions, cmd: Command) => {
      const result = await s.call(cmd, 'attachment.update', { attachment, connector: connectorOf(o) });
      s.print(cmd, result, () => formatProperties(attachmentProperties(result as AttachmentView)));
    });

  program.command('attachment-complete')
    .description('Complete an attachment for a cinder volume.')
    .argument('<attachment...>', 'ID of the attachment(s)')
    .action(async (ids: string[], _o, cmd: Command) => {
      for (const attachment of ids) await s.call(cmd, 'attachment.complete', { attachment });
    });

  program.command('attachment-list')
    .description('Lists all attachments.')
    .option('--all-tenants', 'shows details for all tenants (admin only)')
    .option('--volume-id <volume>', 'filters results by a volume ID or name')
    .action(async (o: { allTenants?: boolean; volumeId?: string }, cmd: Command) => {
      const rows = await s.call(cmd, 'attachment.list', { ...(o.allTenants ? { allTenants: true } : {}), ...(o.volumeId ? { volume: o.volumeId } : {}) });
      s.print(cmd, rows, () => formatAttachmentList(rows as AttachmentSummary[]));
    });

  program.command('attachment-show')
    .description('Show detailed information for an attachment.')
    .argument('<attachment>', 'ID of the attachment')
    .action(async (attachment: string, _o, cmd: Command) => {
      const result = await s.call(cmd, 'attachment.show', { attachment });
      s.print(cmd, result, () => formatProperties(attachmentProperties(result as AttachmentView)));
    });

  program.command('attachment-delete')
    .description('Delete an attachment for a cinder volume.')
    .argument('<attachment...>', 'ID of the attachment(s)')
    .action(async (ids: string[], _o, cmd: Command) => {
      const results = [];
      for (const attachment of ids) results.push(await s.call(cmd, 'attachment.delete', { attachment }));
      s.print(cmd, results, () => '');
    });
}
