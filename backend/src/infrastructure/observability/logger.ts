import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';

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

export interface LoggerOptions {
  destination?: DestinationStream;
  /**
   * Facts about the work in progress that every line should name (the request id, the user),
   * read at each write. The HTTP layer keeps them; the composition root passes this in.
   */
  context?: () => object | undefined;
}

export function createLogger(level: string, options: LoggerOptions = {}): PinoLogger {
  const { destination, context } = options;
  return pino(
    {
      level,
      base: { service: 'parley' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT, censor: '[redacted]' },
      mixin() {
        const facts = context?.();
        return facts ? { ...facts } : {};
      },
    },
    destination,
  );
}
