import { randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string): boolean => uuidPattern.test(s);

/** Cinder's "host@backend#pool". */
export const formatHost = (node: string, backend: string, pool: string): string => `${node}@${backend}#${pool}`;
