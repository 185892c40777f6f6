/**
 * A throwaway LVM volume group on a loop device over a sparse file, seen through its own
 * LVM_SYSTEM_DIR so lvm2 looks at no other device of the host. cleanup() removes exactly
 * what was made here: loop devices over this PV (the resolver's), the VG, the PV, the PV's
 * loop device (by name) and the directory.
 */
import { constants } from 'node:fs';
import { access, mkdir, mkdtemp, open, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createExecutor, type Executor } from '../../src/drivers/executor.js';
import { lvmEnv } from '../../src/drivers/lvm/lvm-runner.js';
import { parseLosetupList } from '../../src/drivers/lvm/losetup.js';

export interface LoopVg {
  vg: string;
  dir: string;
  pvFile: string;
  pvDevice: string;
  lvmConfDir: string;
  executor: Executor;
  /** Runs an lvm2 command with this VG's environment; resolves to stdout. */
  lvm(argv: [string, ...string[]]): Promise<string>;
  /** Bytes of the PV file, as the disk holds them. */
  readPv(offsetBytes: number, length: number): Promise<Buffer>;
  cleanup(): Promise<void>;
}

/** Names of the programs missing from PATH (no child process needed to tell). */
export async function missingPrograms(programs: readonly string[]): Promise<string[]> {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  const missing: string[] = [];
  for (const p of programs) {
    let found = false;
    for (const d of dirs) {
      if (await access(join(d, p), constants.X_OK).then(() => true, () => false)) { found = true; break; }
    }
    if (!found) missing.push(p);
  }
  return missing;
}

export const isRoot = (): boolean => process.getuid?.() === 0;

/** Why LVM-on-loop tests cannot run here, or undefined when they can. */
export async function lvmUnavailable(): Promise<string | undefined> {
  if (!isRoot()) return 'needs root (losetup)';
  const missing = await missingPrograms(['lvcreate', 'vgcreate', 'pvcreate', 'losetup', 'dd']);
  return missing.length > 0 ? `missing ${missing.join(', ')}` : undefined;
}

export async function createLoopVg(opts: { sizeGiB: number }): Promise<LoopVg> {
  const executor = createExecutor({ defaultTimeoutMs: 30_000 });
  const dir = await mkdtemp(join(tmpdir(), 'kiln-lvm-'));
  const vg = `kiln-test-${randomBytes(4).toString('hex')}`;
  const pvFile = join(dir, 'pv.img');
  const lvmConfDir = join(dir, 'lvm');
  let pvDevice = '';
  const env = () => lvmEnv(lvmConfDir);
  const lvm = async (argv: [string, ...string[]]) => (await executor.run({ argv, env: env() })).stdout;

  const cleanup = async () => {
    const step = async (f: () => Promise<unknown>) => { await f().catch(() => undefined); };
    if (pvDevice) {
      await step(async () => {
        const loops = parseLosetupList((await executor.run({ argv: ['losetup', '--json', '--list', '--associated', pvDevice] })).stdout);
        for (const l of loops) await executor.run({ argv: ['losetup', '--detach', l.name] }).catch(() => undefined);
      });
      await step(() => lvm(['vgremove', '-f', vg]));
      await step(() => lvm(['pvremove', '-y', pvDevice]));
      await step(() => executor.run({ argv: ['losetup', '--detach', pvDevice] }));
    }
    await rm(dir, { recursive: true, force: true });
  };

  try {
    await writeFile(pvFile, '');
    await truncate(pvFile, opts.sizeGiB * 2 ** 30);
    pvDevice = (await executor.run({ argv: ['losetup', '--find', '--show', pvFile] })).stdout.trim();
    await writeLvmConf(lvmConfDir, pvDevice, dir);
    await lvm(['pvcreate', '-q', pvDevice]);
    await lvm(['vgcreate', '-q', vg, pvDevice]);
  } catch (err) {
    await cleanup();
    throw err;
  }

  return {
    vg, dir, pvFile, pvDevice, lvmConfDir, executor, lvm, cleanup,
    readPv: (offsetBytes, length) => readAt(pvFile, offsetBytes, length),
  };
}

/** activation=0: the test kernels have no device-mapper; lvm2's metadata commands still work. */
async function writeLvmConf(confDir: string, pvDevice: string, stateDir: string): Promise<void> {
  for (const d of [confDir, join(stateDir, 'lock'), join(stateDir, 'backup'), join(stateDir, 'archive')]) await mkdir(d, { recursive: true });
  const filter = `["a|^${pvDevice}$|","r|.*|"]`;
  await writeFile(join(confDir, 'lvm.conf'), [
    `devices { filter=${filter} global_filter=${filter} obtain_device_list_from_udev=0 external_device_info_source="none" use_devicesfile=0 }`,
    `global { activation=0 locking_dir="${join(stateDir, 'lock')}" }`,
    'activation { udev_sync=0 udev_rules=0 monitoring=0 }',
    `backup { backup_dir="${join(stateDir, 'backup')}" archive_dir="${join(stateDir, 'archive')}" }`,
    '',
  ].join('\n'));
}

/** Bytes of a file or device as the disk holds them. */
export async function readAt(path: string, offsetBytes: number, length: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(length);
    await fh.read(buf, 0, length, offsetBytes);
    return buf;
  } finally {
    await fh.close();
  }
}
