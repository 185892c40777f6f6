/** Volume commands, with cinder's names, arguments and output. */
import { Argument, InvalidArgumentError, type Command } from 'commander';
import type { VolumeRecord } from '../model/volume.js';
import { parseKeys, parseKeyValues, parsePositiveInt } from './args.js';
import type { Session } from './session.js';
import { registerLifecycleCommands, waitSettled } from './volume-actions.js';
import { formatVolumeList, formatVolumeShow } from './views.js';

interface CreateOptions {
  name?: string;
  description?: string;
  volumeType?: string;
  availabilityZone?: string;
  metadata?: string[];
  wait?: boolean;
}

interface ListOptions {
  name?: string;
  status?: string;
  metadata?: string[];
  sort?: string;
  limit?: number;
  marker?: string;
  allTenants?: boolean;
}

/** Cinder's `--all-tenants [0|1]`: bare means 1. */
const parseTenantsFlag = (v: string): boolean => {
  if (v === '0' || v === '1') return v === '1';
  throw new InvalidArgumentError('must be 0 or 1');
};

export function registerVolumeCommands(program: Command, s: Session): void {
  program.command('create')
    .description('Creates a volume.')
    .argument('<size>', 'size of volume, in GiBs', parsePositiveInt)
    .option('--name <name>', 'volume name')
    .option('--description <description>', 'volume description')
    .option('--volume-type <volume-type>', 'volume type')
    .option('--availability-zone <availability-zone>', 'availability zone for volume')
    .option('--metadata <key=value...>', 'metadata key and value pairs')
    .option('--wait', 'wait until the volume is available or in error')
    .action(async (size: number, o: CreateOptions, cmd: Command) => {
      const v = (await s.call(cmd, 'volume.create', {
        size,
        name: o.name,
        description: o.description,
        volumeType: o.volumeType,
        availabilityZone: o.availabilityZone,
        metadata: o.metadata ? parseKeyValues(o.metadata) : undefined,
      })) as VolumeRecord;
      if (!o.wait) return s.print(cmd, v, () => formatVolumeShow(v));
      const done = await waitSettled(s, cmd, v.id, ['available', 'error'], 'create');
      if (done.record) s.print(cmd, done.record, () => formatVolumeShow(done.record!));
    });

  registerReadCommands(program, s);
  registerMetadataCommand(program, s);
  registerLifecycleCommands(program, s);
}

function registerReadCommands(program: Command, s: Session): void {
  program.command('list')
    .description('Lists all volumes.')
    .option('--name <name>', 'filters results by a name')
    .option('--status <status>', 'filters results by a status')
    .option('--metadata <key=value...>', 'filters results by metadata key and value pairs')
    .option('--sort <key>[:<direction>]', 'comma-separated list of sort keys and directions')
    .option('--limit <limit>', 'maximum number of volumes to return', parsePositiveInt)
    .option('--marker <marker>', 'begin returning volumes that appear later in the list than this ID')
    .option('--all-tenants [0|1]', 'shows details for all tenants (admin only)', parseTenantsFlag)
    .action(async (o: ListOptions, cmd: Command) => {
      const { metadata, ...filters } = o;
      const volumes = await s.call(cmd, 'volume.list', { ...filters, ...(metadata ? { metadata: parseKeyValues(metadata) } : {}) });
      s.print(cmd, volumes, () => formatVolumeList(volumes as VolumeRecord[], o.allTenants === true));
    });

  program.command('show')
    .description('Shows volume details.')
    .argument('<volume>', 'name or ID of the volume')
    .action(async (volume: string, _o, cmd: Command) => {
      const v = await s.call(cmd, 'volume.show', { volume });
      s.print(cmd, v, () => formatVolumeShow(v as VolumeRecord));
    });

  program.command('rename')
    .description('Renames a volume.')
    .argument('<volume>', 'name or ID of the volume to rename')
    .argument('<name>', 'new name for the volume')
    .option('--description <description>', 'volume description')
    .action(async (volume: string, name: string, o: { description?: string }, cmd: Command) => {
      s.print(cmd, await s.call(cmd, 'volume.update', { volume, name, description: o.description }), () => '');
    });
}

function registerMetadataCommand(program: Command, s: Session): void {
  program.command('metadata')
    .description('Sets or deletes volume metadata.')
    .argument('<volume>', 'name or ID of the volume for which to update metadata')
    .addArgument(new Argument('<action>', 'the action').choices(['set', 'unset']))
    .argument('<key=value...>', 'metadata key and value pair to set or unset (only key is necessary to unset)')
    .action(async (volume: string, action: 'set' | 'unset', pairs: string[], _o, cmd: Command) => {
      // The node merges and removes keys itself, so concurrent changes to other keys are never lost.
      const result = action === 'set'
        ? await s.call(cmd, 'volume.setMetadata', { volume, metadata: parseKeyValues(pairs) })
        : await s.call(cmd, 'volume.unsetMetadata', { volume, keys: parseKeys(pairs) });
      s.print(cmd, result, () => '');
    });
}
