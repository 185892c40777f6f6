/** Volume type commands, named and shaped like cinder's type-* commands. */
import { Argument, type Command } from 'commander';
import type { VolumeType } from '../model/catalog.js';
import { parseBool, parseKeys, parseKeyValues } from './args.js';
import type { Session } from './session.js';
import { formatExtraSpecsList, formatTypeList, formatTypeShow } from './views.js';

const typeRow = (t: unknown): string => formatTypeList([t as VolumeType]);

export function registerTypeCommands(program: Command, s: Session): void {
  registerTypeReads(program, s);
  registerTypeChanges(program, s);
}

function registerTypeReads(program: Command, s: Session): void {
  program.command('type-list')
    .description('Lists available volume types.')
    .action(async (_o, cmd: Command) => {
      const types = await s.call(cmd, 'type.list', {});
      s.print(cmd, types, () => formatTypeList(types as VolumeType[]));
    });

  program.command('type-show')
    .description('Shows volume type details.')
    .argument('<type>', 'name or ID of the volume type')
    .action(async (type: string, _o, cmd: Command) => {
      const t = await s.call(cmd, 'type.show', { type });
      s.print(cmd, t, () => formatTypeShow(t as VolumeType));
    });

  program.command('type-default')
    .description('Lists the default volume type.')
    .action(async (_o, cmd: Command) => {
      const t = await s.call(cmd, 'type.default', {});
      s.print(cmd, t, () => typeRow(t));
    });

  program.command('extra-specs-list')
    .description('Lists current volume types and extra specs.')
    .action(async (_o, cmd: Command) => {
      const types = await s.call(cmd, 'type.list', {});
      s.print(cmd, types, () => formatExtraSpecsList(types as VolumeType[]));
    });
}

function registerTypeChanges(program: Command, s: Session): void {
  program.command('type-create')
    .description('Creates a volume type.')
    .argument('<name>', 'name of the new volume type')
    .option('--description <description>', 'description of the new volume type')
    .option('--is-public <true|false>', 'make the type accessible to the public (default true)', parseBool)
    .action(async (name: string, o: { description?: string; isPublic?: boolean }, cmd: Command) => {
      const t = await s.call(cmd, 'type.create', { name, description: o.description, isPublic: o.isPublic });
      s.print(cmd, t, () => typeRow(t));
    });

  program.command('type-update')
    .description("Updates a volume type's name, description and/or is_public.")
    .argument('<type>', 'name or ID of the volume type')
    .option('--name <name>', 'new name of the volume type')
    .option('--description <description>', 'new description of the volume type')
    .option('--is-public <true|false>', 'make the type accessible to the public or not', parseBool)
    .action(async (type: string, o: { name?: string; description?: string; isPublic?: boolean }, cmd: Command) => {
      const t = await s.call(cmd, 'type.update', { type, name: o.name, description: o.description, isPublic: o.isPublic });
      s.print(cmd, t, () => typeRow(t));
    });

  program.command('type-delete')
    .description('Deletes volume type or types.')
    .argument('<type...>', 'name or ID of the volume type or types to delete')
    .action(async (types: string[], _o, cmd: Command) => {
      const results: unknown[] = [];
      for (const type of types) {
        try {
          results.push(await s.call(cmd, 'type.delete', { type }));
          if (!s.globals(cmd).json) s.io.stdout(`Request to delete volume type ${type} has been accepted.\n`);
        } catch (err) {
          s.report(cmd, err, `Delete for volume type ${type} failed`);
        }
      }
      if (s.globals(cmd).json && results.length > 0) s.print(cmd, results, () => '');
    });

  program.command('type-key')
    .description('Sets or unsets extra_spec for a volume type.')
    .argument('<type>', 'name or ID of the volume type')
    .addArgument(new Argument('<action>', 'the action').choices(['set', 'unset']))
    .argument('<key=value...>', 'extra_specs to set or unset (key is only necessary on unset)')
    .action(async (type: string, action: 'set' | 'unset', pairs: string[], _o, cmd: Command) => {
      const result = action === 'set'
        ? await s.call(cmd, 'type.setKeys', { type, specs: parseKeyValues(pairs) })
        : await s.call(cmd, 'type.unsetKeys', { type, keys: parseKeys(pairs) });
      s.print(cmd, result, () => '');
    });
}

