import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  requestId: string;
  userId?: string;
  sessionId?: string;
}

/**
 * Carries the request id (and, once known, the user and chat session) through every await of
 * a request, so that any log line written while serving it names them without threading a
 * logger through each call.
 */
export const requestContext = new AsyncLocalStorage<RequestContext>();
