import { type DestinationStream, type Logger, type LoggerOptions, pino } from 'pino';

export type { Logger } from 'pino';

export interface LoggerConfig {
  /** pino level; default `SWITCHYARD_LOG_LEVEL` or `info`. */
  level?: string;
  /** Where JSON lines go; default standard output. */
  destination?: DestinationStream;
  /** Extra fields on every line. */
  base?: Record<string, unknown>;
}

/** A pino JSON logger whose lines carry `name` (the process or component). */
export function createLogger(name: string, config: LoggerConfig = {}): Logger {
  const options: LoggerOptions = {
    name,
    level: config.level ?? process.env.SWITCHYARD_LOG_LEVEL ?? 'info',
    base: { pid: process.pid, ...config.base },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return config.destination ? pino(options, config.destination) : pino(options);
}

/** A logger that writes nothing, for library callers that did not pass one. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
