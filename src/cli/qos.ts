/** QoS spec commands, named and shaped like cinder's qos-* commands. */
import { Argument, type Command } from 'commander';
import type { QosConsumer, QosSpec } from '../model/catalog.js';
import { parseKeys, parseKeyValues, UsageError } from './args.js';
import type { Session } from './session.js';
import { formatQosAssociations, formatQosList, formatQosShow, type QosAssociation } from './views.js';

const consumers: readonly QosConsumer[] = ['front-end', 'back-end', 'both'];

/** Cinder passes the consumer among the spec pairs (`consumer=front-end`); the node takes it apart. */
export function splitConsumer(specs: Record<string, string>): { consumer: QosConsumer | undefined; specs: Record<string, string> } {
  const { consumer, ...rest } = specs;
  if (consumer === undefined) return { consumer: undefined, specs: rest };
  if (!(consumers as readonly string[]).includes(consumer)) {
    throw new UsageError(`bad consumer '${consumer}': must be one of ${consumers.join(', ')}`);
  }
  return { consumer: consumer as QosConsumer, specs: rest };
}

export function registerQosCommands(program: Command, s: Session): void {
  program.command('qos-create')
    .description('Creates a qos specs.')
    .argument('<name>', 'name of the new QoS specs')
    .argument('<key=value...>', 'QoS specs, consumer=front-end|back-end|both among them')
    .action(async (name: string, pairs: string[], _o, cmd: Command) => {
      const { consumer, specs } = splitConsumer(parseKeyValues(pairs));
      const q = await s.call(cmd, 'qos.create', { name, consumer, specs });
      s.print(cmd, q, () => formatQosShow(q as QosSpec));
    });

  program.command('qos-list')
    .description('Lists qos specs.')
    .action(async (_o, cmd: Command) => {
      const list = await s.call(cmd, 'qos.list', {});
      s.print(cmd, list, () => formatQosList(list as QosSpec[]));
    });

  program.command('qos-show')
    .description('Shows qos specs details.')
    .argument('<qos_specs>', 'name or ID of the qos specs to show')
    .action(async (qos: string, _o, cmd: Command) => {
      const q = await s.call(cmd, 'qos.show', { qos });
      s.print(cmd, q, () => formatQosShow(q as QosSpec));
    });

  program.command('qos-key')
    .description('Sets or unsets specifications for a qos spec.')
    .argument('<qos_specs>', 'name or ID of the qos specs')
    .addArgument(new Argument('<action>', 'the action').choices(['set', 'unset']))
    .argument('<key=value...>', 'metadata key and value pair to set or unset (only key is necessary to unset)')
    .action(async (qos: string, action: 'set' | 'unset', pairs: string[], _o, cmd: Command) => {
      const result = action === 'set'
        ? await s.call(cmd, 'qos.setKeys', { qos, specs: parseKeyValues(pairs) })
        : await s.call(cmd, 'qos.unsetKeys', { qos, keys: parseKeys(pairs) });
      s.print(cmd, result, () => '');
    });

  registerAssociationCommands(program, s);

  program.command('qos-delete')
    .description('Deletes a specified qos specs.')
    .option('--force', 'delete the qos specs even if they are in use')
    .argument('<qos_specs>', 'name or ID of the qos specs to delete')
    .action(async (qos: string, o: { force?: boolean }, cmd: Command) => {
      const result = await s.call(cmd, 'qos.delete', { qos, force: o.force });
      s.print(cmd, result, () => '');
    });
}

function registerAssociationCommands(program: Command, s: Session): void {
  program.command('qos-associate')
    .description('Associates qos specs with specified volume type.')
    .argument('<qos_specs>', 'name or ID of the QoS specs')
    .argument('<volume_type>', 'name or ID of the volume type to associate the QoS specs with')
    .action(async (qos: string, type: string, _o, cmd: Command) => {
      s.print(cmd, await s.call(cmd, 'qos.associate', { qos, type }), () => '');
    });

  program.command('qos-disassociate')
    .description('Disassociates qos specs from specified volume type.')
    .argument('<qos_specs>', 'name or ID of the QoS specs')
    .argument('<volume_type>', 'name or ID of the volume type to disassociate the QoS specs from')
    .action(async (qos: string, type: string, _o, cmd: Command) => {
      s.print(cmd, await s.call(cmd, 'qos.disassociate', { qos, type }), () => '');
    });

  program.command('qos-disassociate-all')
    .description('Disassociates qos specs from all its associations.')
    .argument('<qos_specs>', 'name or ID of the QoS specs')
    .action(async (qos: string, _o, cmd: Command) => {
      s.print(cmd, await s.call(cmd, 'qos.disassociateAll', { qos }), () => '');
    });

  program.command('qos-get-association')
    .description('Lists all associations for specified qos specs.')
    .argument('<qos_specs>', 'name or ID of the QoS specs')
    .action(async (qos: string, _o, cmd: Command) => {
      const rows = await s.call(cmd, 'qos.associations', { qos });
      s.print(cmd, rows, () => formatQosAssociations(rows as QosAssociation[]));
    });
}
