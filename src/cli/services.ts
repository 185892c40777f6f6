/** Service and pool commands, with cinder's names and output. */
import type { Command } from 'commander';
import type { ServiceRecord } from '../api/protocol.js';
import type { PoolState } from '../model/backend.js';
import type { Session } from './session.js';
import { formatPoolDetails, formatPoolNames, formatServiceChange, formatServiceList } from './views.js';

/** The node answers with the service row; fall back to what was asked if it answers with less. */
function changed(result: unknown, host: string, binary: string, status: 'enabled' | 'disabled', reason?: string) {
  const r = (typeof result === 'object' && result !== null ? result : {}) as Partial<ServiceRecord>;
  return {
    host: r.host ?? host,
    binary: r.binary ?? binary,
    status: r.status ?? status,
    disabledReason: status === 'disabled' ? r.disabledReason ?? reason ?? null : null,
  };
}

export function registerServiceCommands(program: Command, s: Session): void {
  program.command('service-list')
    .description('Lists all services. Filter by host and service binary.')
    .option('--host <hostname>', 'host name')
    .option('--binary <binary>', 'service binary')
    .action(async (o: { host?: string; binary?: string }, cmd: Command) => {
      const services = await s.call(cmd, 'service.list', { host: o.host, binary: o.binary });
      s.print(cmd, services, () => formatServiceList(services as ServiceRecord[]));
    });

  program.command('service-enable')
    .description('Enables the service.')
    .argument('<hostname>', 'host name')
    .argument('<binary>', 'service binary')
    .action(async (host: string, binary: string, _o, cmd: Command) => {
      const result = await s.call(cmd, 'service.enable', { host, binary });
      s.print(cmd, result, () => formatServiceChange(changed(result, host, binary, 'enabled')));
    });

  program.command('service-disable')
    .description('Disables the service.')
    .argument('<hostname>', 'host name')
    .argument('<binary>', 'service binary')
    .option('--reason <reason>', 'reason for disabling service')
    .action(async (host: string, binary: string, o: { reason?: string }, cmd: Command) => {
      const result = await s.call(cmd, 'service.disable', { host, binary, reason: o.reason });
      s.print(cmd, result, () => formatServiceChange(changed(result, host, binary, 'disabled', o.reason)));
    });

  program.command('get-pools')
    .description('Show pool information for backends. Admin only.')
    .option('--detail', 'show detailed information about pools')
    .action(async (o: { detail?: boolean }, cmd: Command) => {
      const pools = await s.call(cmd, 'pool.list', { detail: o.detail === true });
      s.print(cmd, pools, () => (o.detail ? formatPoolDetails(pools as PoolState[]) : formatPoolNames(pools as PoolState[])));
    });
}
