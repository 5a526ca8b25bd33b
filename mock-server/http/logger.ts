import { redactText } from '../../contracts/core/redact';
import type { Logger } from '../domain/logger';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
export const LOG_LEVELS: readonly LogLevel[] = ['error', 'warn', 'info', 'debug'];

export type { Logger } from '../domain/logger';

export function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

/**
 * An error as a log line: its stack (or message), secrets redacted. Never its
 * other properties: body-parser errors carry the raw body in `body`.
 */
export function describeError(err: unknown): string {
  if (err instanceof Error) return redactText(err.stack ?? `${err.name}: ${err.message}`);
  return redactText(String(err));
}

/** Logs to stdout/stderr, dropping what is below `level`. */
export function createConsoleLogger(level: LogLevel = 'info', out: Pick<Console, 'log' | 'error'> = console): Logger {
  const rank = LOG_LEVELS.indexOf(level);
  const on = (l: LogLevel): boolean => LOG_LEVELS.indexOf(l) <= rank;
  return {
    error: (m, err) => out.error(err === undefined ? m : `${m}\n${describeError(err)}`),
    warn: (m) => (on('warn') ? out.error(m) : undefined),
    info: (m) => (on('info') ? out.log(m) : undefined),
    debug: on('debug') ? (m) => out.log(`debug: ${m}`) : undefined,
  };
}

