/** Journal keys: `<persistence key>\x00<16 hex digits of sequence number>`, so one entity's journal is one range. */
const separator = '\x00';

export function journalKey(persistenceKey: string, sequenceNumber: number): string {
  return `${persistenceKey}${separator}${sequenceNumber.toString(16).padStart(16, '0')}`;
}

/** The whole journal range of one entity (exclusive bounds). */
export function journalRange(persistenceKey: string): { gt: string; lt: string } {
  return { gt: persistenceKey + separator, lt: persistenceKey + '\x01' };
}

export function assertPersistenceKey(key: string): void {
  if (key.length === 0 || key.includes(separator) || key.includes('\x01')) {
    throw new Error(`invalid persistence key ${JSON.stringify(key)}`);
  }
}
