/**
 * Parsers of `tgtadm --mode target --op show` and `--mode account --op show`. The output is
 * an indented outline (4 spaces a level); the format was taken from recorded tgt 1.0.85 output.
 */
import { KilnError } from '../../model/errors.js';

export interface TgtConnection { cid: number; address: string | undefined }
export interface TgtSession { sid: number; initiator: string; connections: TgtConnection[] }
export interface TgtLun {
  lun: number;
  type: string;
  /** undefined for LUN 0, the controller ("None"). */
  backingStore: string | undefined;
  sizeMB: number | undefined;
  backingStoreFlags: string;
}
export interface TgtTarget {
  tid: number;
  iqn: string;
  state: string | undefined;
  sessions: TgtSession[];
  luns: TgtLun[];
  /** CHAP accounts bound to the target (incoming). */
  accounts: string[];
  /** Initiator names and addresses allowed in. */
  acl: string[];
}

type Section = 'system' | 'nexus' | 'lun' | 'account' | 'acl' | undefined;

const sectionHeads: Record<string, Section> = {
  'System information:': 'system',
  'I_T nexus information:': 'nexus',
  'LUN information:': 'lun',
  'Account information:': 'account',
  'ACL information:': 'acl',
};

export function parseTgtTargets(stdout: string): TgtTarget[] {
  const targets: TgtTarget[] = [];
  let target: TgtTarget | undefined;
  let section: Section;
  let session: TgtSession | undefined;
  let lun: TgtLun | undefined;
  for (const raw of stdout.split('\n')) {
    if (raw.trim() === '') continue;
    const depth = Math.floor((raw.length - raw.trimStart().length) / 4);
    const line = raw.trim();
    if (depth === 0) {
      const m = /^Target (\d+): (\S+)$/.exec(line);
      if (!m) throw unexpected(raw);
      target = { tid: Number(m[1]), iqn: m[2]!, state: undefined, sessions: [], luns: [], accounts: [], acl: [] };
      targets.push(target);
      section = undefined;
      continue;
    }
    if (!target) throw unexpected(raw);
    if (depth === 1) {
      section = sectionHeads[line];
      continue;
    }
    if (section === 'system' && line.startsWith('State: ')) target.state = line.slice('State: '.length);
    else if (section === 'account') target.accounts.push(line);
    else if (section === 'acl') target.acl.push(line);
    else if (section === 'nexus') session = nexusLine(target, session, depth, line);
    else if (section === 'lun') lun = lunLine(target, lun, depth, line);
  }
  return targets;
}

function nexusLine(target: TgtTarget, session: TgtSession | undefined, depth: number, line: string): TgtSession | undefined {
  const nexus = /^I_T nexus: (\d+)$/.exec(line);
  if (depth === 2 && nexus) {
    const s: TgtSession = { sid: Number(nexus[1]), initiator: '', connections: [] };
    target.sessions.push(s);
    return s;
  }
  if (!session) return session;
  const initiator = /^Initiator: (\S+)/.exec(line);
  const conn = /^Connection: (\d+)$/.exec(line);
  const ip = /^IP Address: (\S+)$/.exec(line);
  if (initiator) session.initiator = initiator[1]!;
  else if (conn) session.connections.push({ cid: Number(conn[1]), address: undefined });
  else if (ip) {
    const last = session.connections.at(-1);
    if (last) last.address = ip[1];
  }
  return session;
}

function lunLine(target: TgtTarget, lun: TgtLun | undefined, depth: number, line: string): TgtLun | undefined {
  const head = /^LUN: (\d+)$/.exec(line);
  if (depth === 2 && head) {
    const l: TgtLun = { lun: Number(head[1]), type: '', backingStore: undefined, sizeMB: undefined, backingStoreFlags: '' };
    target.luns.push(l);
    return l;
  }
  if (!lun) return lun;
  const [key, ...rest] = line.split(':');
  const value = rest.join(':').trim();
  if (key === 'Type') lun.type = value;
  else if (key === 'Backing store path') lun.backingStore = value === 'None' ? undefined : value;
  else if (key === 'Backing store flags') lun.backingStoreFlags = value;
  else if (key === 'Size') {
    const mb = /^(\d+) MB/.exec(value)?.[1];
    lun.sizeMB = mb === undefined ? undefined : Number(mb);
  }
  return lun;
}

/** `--mode account --op show`: "Account list:" then one user name a line. */
export function parseTgtAccounts(stdout: string): string[] {
  return stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && l !== 'Account list:');
}

function unexpected(line: string): KilnError {
  return new KilnError('ERR_DRIVER', `unexpected tgtadm output line: ${JSON.stringify(line)}`);
}
