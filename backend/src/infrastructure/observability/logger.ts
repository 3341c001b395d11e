import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';
import { requestContext } from '../../application/shared/request-context.js';

/**
 * Paths that may hold secrets. Serializers below never log headers or bodies, so this is the
 * second line of defence for anything a caller passes in a log object by mistake.
 */
const REDACT = [
  'password',
  '*.password',
  'passwordHash',
  '*.passwordHash',
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  'refreshToken',
  '*.refreshToken',
  'authorization',
  '*.authorization',
  'cookie',
  '*.cookie',
  'secret',
  '*.secret',
  'apiKey',
  '*.apiKey',
];

export function createLogger(level: string, destination?: DestinationStream): PinoLogger {
  return pino(
    {
      level,
      base: { service: 'parley' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT, censor: '[redacted]' },
      mixin() {
        const ctx = requestContext.getStore();
        return ctx ? { ...ctx } : {};
      },
    },
    destination,
  );
}
