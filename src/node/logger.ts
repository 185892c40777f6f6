import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, name = 'kiln'): Logger {
  return pino({ name, level });
}

export const silentLogger = (): Logger => pino({ level: 'silent' });
