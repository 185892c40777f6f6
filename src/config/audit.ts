import {
  IGNORED_SECTION_NAMES, KNOWN_SECTION_NAMES, ignoredByPrefix, keyUse, knownKeys, sectionKind, usedKeys,
} from './known-keys.js';
import type { ConfigReader } from './reader.js';
import { closest, didYouMean } from './suggest.js';

type KeyedKind = 'DEFAULT' | 'backend_defaults' | 'backend';

export const NOT_USED = 'accepted but not used by Kiln';

/**
 * Walks every section and key of the file: real Cinder options Kiln does not act on become
 * warnings, anything else (most likely a typo) a problem with a suggestion.
 */
export function auditSections(reader: ConfigReader, backendSections: ReadonlySet<string>): void {
  for (const name of reader.sectionNames()) {
    const kind = sectionKind(name, backendSections);
    if (kind === 'ignored') reader.warn(reader.sectionAt(name), `section ${NOT_USED}`);
    else if (kind === 'unknown') auditUnknownSection(reader, name, backendSections);
    else auditKeys(reader, name, kind);
  }
}

function auditKeys(reader: ConfigReader, section: string, kind: KeyedKind): void {
  for (const key of reader.section(section)?.keys() ?? []) {
    const at = reader.setting(section, key)!;
    const use = keyUse(kind, key);
    if (use === 'used') continue;
    if (use === 'log-file') reader.warn(at, 'ignored: Kiln logs to stdout');
    else if (use === 'ignored') reader.warn(at, NOT_USED);
    else if (closest(key, usedKeys(kind)) === undefined && ignoredByPrefix(kind, key)) reader.warn(at, NOT_USED);
    else reader.fail(at, `unknown option${didYouMean(key, knownKeys(kind))}`);
  }
}

/**
 * Cinder configs keep disabled backends and options of features Kiln lacks, so an unknown
 * section is only a warning, unless it is a near-miss of [DEFAULT] or [backend_defaults].
 */
function auditUnknownSection(reader: ConfigReader, name: string, backendSections: ReadonlySet<string>): void {
  const at = reader.sectionAt(name);
  const keys = reader.section(name);
  if (keys?.has('volume_driver') || keys?.has('volume_backend_name')) {
    reader.warn(at, 'backend section is not listed in enabled_backends; ignored');
    return;
  }
  const bracket = (s: string) => `[${s}]`;
  const typo = closest(name, KNOWN_SECTION_NAMES);
  if (typo !== undefined) {
    reader.fail(at, `unknown section${didYouMean(name, KNOWN_SECTION_NAMES, bracket)}`);
    return;
  }
  const others = [...IGNORED_SECTION_NAMES, ...backendSections];
  reader.warn(at, `unknown section; ignored${didYouMean(name, others, bracket)}`);
}
