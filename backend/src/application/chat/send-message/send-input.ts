import { ValidationFailed, type FieldError } from '../../../domain/shared/domain-error.js';

export interface SendParams {
  temperature?: number;
  topP?: number;
  maxTokens?: number;
}

export interface SendLimits {
  maxMessageLength: number;
  maxTokens: number;
}

export interface ValidSend {
  content: string;
  temperature: number | undefined;
  topP: number | undefined;
  maxTokens: number;
}

/**
 * The rules that come from configuration (tsoa checks the static ones): content trimmed,
 * 1..CHAT_MAX_MESSAGE_LENGTH characters, no NUL (PostgreSQL rejects U+0000 in text, and it is
 * never meant); per-request params within server limits. maxTokens may only lower the server's.
 * Errors have the same shape as tsoa's validation: 422 with errors[].
 */
export function validateSend(raw: { content: string; params?: SendParams }, limits: SendLimits): ValidSend {
  const errors: FieldError[] = [];
  const content = raw.content.trim();
  if (content.includes('\u0000'))
    errors.push({ path: 'content', message: 'must not contain NUL characters' });
  const length = [...content].length;
  if (length === 0) errors.push({ path: 'content', message: 'must not be empty' });
  if (length > limits.maxMessageLength)
    errors.push({ path: 'content', message: `must be at most ${limits.maxMessageLength} characters` });

  const { temperature, topP, maxTokens } = raw.params ?? {};
  if (temperature !== undefined && !(temperature >= 0 && temperature <= 2))
    errors.push({ path: 'params.temperature', message: 'must be between 0 and 2' });
  if (topP !== undefined && !(topP >= 0 && topP <= 1))
    errors.push({ path: 'params.topP', message: 'must be between 0 and 1' });
  if (
    maxTokens !== undefined &&
    !(Number.isInteger(maxTokens) && maxTokens >= 1 && maxTokens <= limits.maxTokens)
  ) {
    errors.push({
      path: 'params.maxTokens',
      message: `must be a whole number between 1 and ${limits.maxTokens}`,
    });
  }
  if (errors.length > 0) throw new ValidationFailed(errors);
  return { content, temperature, topP, maxTokens: maxTokens ?? limits.maxTokens };
}
