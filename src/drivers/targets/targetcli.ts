/**
 * argv for targetcli (LIO), a parser of its `ls` tree, and what its failures mean. Written
 * from targetcli-fb 2.1.x's documented commands and output; LIO is not in the kernels this
 * project tests on, so these are checked only against constructed output.
 */
import type { Argv } from '../argv.js';
import { ExecError } from '../exec-error.js';
import { KilnError } from '../../model/errors.js';

export type BackstoreKind = 'block' | 'fileio';

/** Block devices go to the block backstore, anything else (a file) to fileio. */
export const backstoreKindOf = (devicePath: string): BackstoreKind => (devicePath.startsWith('/dev/') ? 'block' : 'fileio');

const tpg = (iqn: string) => `/iscsi/${iqn}/tpg1`;

export function backstoreCreateArgs(cmd: string, kind: BackstoreKind, name: string, devicePath: string): Argv {
  return kind === 'block'
    ? [cmd, '/backstores/block', 'create', `name=${name}`, `dev=${devicePath}`]
    : [cmd, '/backstores/fileio', 'create', `name=${name}`, `file_or_dev=${devicePath}`];
}
export const backstoreDeleteArgs = (cmd: string, kind: BackstoreKind, name: string): Argv => [cmd, `/backstores/${kind}`, 'delete', name];
export const targetCreateArgs = (cmd: string, iqn: string): Argv => [cmd, '/iscsi', 'create', iqn];
export const targetDeleteArgs = (cmd: string, iqn: string): Argv => [cmd, '/iscsi', 'delete', iqn];
export const portalCreateArgs = (cmd: string, iqn: string, ip: string, port: number): Argv => [cmd, `${tpg(iqn)}/portals`, 'create', ip, String(port)];
export const portalDeleteArgs = (cmd: string, iqn: string, ip: string, port: number): Argv => [cmd, `${tpg(iqn)}/portals`, 'delete', ip, String(port)];
export const lunCreateArgs = (cmd: string, iqn: string, kind: BackstoreKind, name: string, lun: number): Argv =>
  [cmd, `${tpg(iqn)}/luns`, 'create', `/backstores/${kind}/${name}`, `lun=${lun}`];
/** CHAP required, and only initiators with an ACL get in (no demo mode). */
export const tpgSecureArgs = (cmd: string, iqn: string): Argv =>
  [cmd, tpg(iqn), 'set', 'attribute', 'authentication=1', 'generate_node_acls=0', 'demo_mode_write_protect=0'];
export const aclCreateArgs = (cmd: string, iqn: string, initiator: string): Argv => [cmd, `${tpg(iqn)}/acls`, 'create', initiator];
export const aclDeleteArgs = (cmd: string, iqn: string, initiator: string): Argv => [cmd, `${tpg(iqn)}/acls`, 'delete', initiator];
/** LIO keeps CHAP per ACL: the secret is an argument, which the executor redacts. */
export const aclAuthArgs = (cmd: string, iqn: string, initiator: string, user: string, password: string): Argv =>
  [cmd, `${tpg(iqn)}/acls/${initiator}`, 'set', 'auth', `userid=${user}`, `password=${password}`];
export const saveConfigArgs = (cmd: string): Argv => [cmd, 'saveconfig'];
export const lsArgs = (cmd: string, path: string): Argv => [cmd, 'ls', path];

export interface TreeNode { name: string; info: string; children: TreeNode[] }

/** `o- name ....... [info]` lines; the column of "o-" gives the depth (2 per level). */
export function parseTargetcliTree(stdout: string): TreeNode[] {
  const roots: TreeNode[] = [];
  const stack: { depth: number; node: TreeNode }[] = [];
  for (const line of stdout.split('\n')) {
    const at = line.indexOf('o- ');
    if (at < 0) continue;
    const m = /^o- (\S+)(?:\s*\.*\s*)(?:\[(.*)\])?\s*$/.exec(line.slice(at));
    if (!m) throw new KilnError('ERR_DRIVER', `unexpected targetcli output line: ${JSON.stringify(line)}`);
    const node: TreeNode = { name: m[1]!, info: m[2] ?? '', children: [] };
    const depth = at / 2;
    while (stack.length > 0 && stack.at(-1)!.depth >= depth) stack.pop();
    (stack.at(-1)?.node.children ?? roots).push(node);
    stack.push({ depth, node });
  }
  return roots;
}

export interface LioTarget {
  iqn: string;
  acls: string[];
  luns: { lun: number; backstore: string; backingStore: string | undefined }[];
  portals: string[];
}

/** The targets under `targetcli ls /iscsi`, first TPG only (the one this driver makes). */
export function lioTargets(tree: readonly TreeNode[]): LioTarget[] {
  const iscsi = tree.find((n) => n.name === 'iscsi');
  return (iscsi?.children ?? []).map((t) => {
    const tpg1 = t.children.find((c) => c.name === 'tpg1');
    const part = (name: string) => tpg1?.children.find((c) => c.name === name)?.children ?? [];
    return {
      iqn: t.name,
      acls: part('acls').map((a) => a.name),
      luns: part('luns').map((l) => {
        // "block/volume-x (/dev/vg/volume-x) (default_tg_pt_gp)"
        const m = /^(\S+)(?: \(([^)]*)\))?/.exec(l.info);
        return { lun: Number(l.name.replace(/^lun/, '')), backstore: m?.[1] ?? '', backingStore: m?.[2] };
      }),
      portals: part('portals').map((p) => p.name),
    };
  });
}

export type TargetcliFailureKind = 'exists' | 'not-found' | 'other';

export function classifyTargetcliFailure(output: string): TargetcliFailureKind {
  if (/already exists|exists in configFS|exists$/im.test(output)) return 'exists';
  if (/no such path|does not exist|no such|not found/i.test(output)) return 'not-found';
  return 'other';
}

/** targetcli reports most errors on stdout, so both streams are read. */
export function targetcliError(err: unknown, doing: string): KilnError {
  if (!(err instanceof ExecError)) return err instanceof KilnError ? err : new KilnError('ERR_DRIVER', `${doing}: ${String(err)}`, { cause: err });
  const said = `${err.stdout}\n${err.stderr}`.trim();
  const reason = err.notFound ? 'not-installed' : err.timedOut ? 'timeout' : classifyTargetcliFailure(said);
  const why = reason === 'not-installed' ? `${err.argv[0]} is not installed (install targetcli-fb)` : reason === 'timeout' ? err.message : said || err.message;
  return new KilnError('ERR_DRIVER', `${doing}: ${why}`, { cause: err, details: { reason, command: err.argv[0], exitCode: err.exitCode } });
}
