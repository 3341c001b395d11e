/*
 * Examples for the OpenAPI document of the chat session routes. tsoa reads them statically:
 * plain literals only (no spreads, no template substitutions, no computed values).
 */

import type { ChatMessageDto } from './chat-message.dto.js';
import type {
  ChatExportDto,
  ChatMessagePage,
  ChatSessionDetailDto,
  ChatSessionDto,
  ChatSessionPage,
} from './chat.dto.js';
import type { Problem } from './problem.dto.js';

export const SESSION_EXAMPLE: ChatSessionDto = {
  id: '019a5c1e-7b2a-7c41-9d3e-5f0a1b2c3d4e',
  title: 'Trip to Lisbon in March',
  createdAt: '2026-11-22T09:58:12.345Z',
  updatedAt: '2026-11-22T10:02:40.118Z',
  lastActivityAt: '2026-11-22T10:02:40.118Z',
  messageCount: 2,
};

export const NEW_SESSION_EXAMPLE: ChatSessionDto = {
  id: '019a5c1e-7b2a-7c41-9d3e-5f0a1b2c3d4e',
  title: 'New chat',
  createdAt: '2026-11-22T09:58:12.345Z',
  updatedAt: '2026-11-22T09:58:12.345Z',
  lastActivityAt: '2026-11-22T09:58:12.345Z',
  messageCount: 0,
};

export const USER_MESSAGE_EXAMPLE: ChatMessageDto = {
  id: '019a5c1f-0c11-7e02-8a44-0b6e2f5d9a10',
  sessionId: '019a5c1e-7b2a-7c41-9d3e-5f0a1b2c3d4e',
  role: 'user',
  content: 'Plan three days in Lisbon in March, on foot.',
  status: 'complete',
  tokenCount: 12,
  model: null,
  errorCode: null,
  createdAt: '2026-11-22T10:02:31.007Z',
};

export const ASSISTANT_MESSAGE_EXAMPLE: ChatMessageDto = {
  id: '019a5c1f-0c12-7e02-8a44-0b6e2f5d9a11',
  sessionId: '019a5c1e-7b2a-7c41-9d3e-5f0a1b2c3d4e',
  role: 'assistant',
  content: 'Day 1: Alfama and the castle. Day 2: Baixa, Chiado and Bairro Alto. Day 3: Belém.',
  status: 'complete',
  tokenCount: 27,
  model: 'Meta-Llama-3.3-70B-Instruct',
  errorCode: null,
  createdAt: '2026-11-22T10:02:31.512Z',
};

export const SESSION_PAGE_EXAMPLE: ChatSessionPage = {
  items: [SESSION_EXAMPLE],
  nextCursor:
    'eyJsYXN0QWN0aXZpdHlBdCI6IjIwMjYtMTEtMjJUMTA6MDI6NDAuMTE4WiIsImlkIjoiMDE5YTVjMWUtN2IyYS03YzQxLTlkM2UtNWYwYTFiMmMzZDRlIn0',
};

export const SESSION_DETAIL_EXAMPLE: ChatSessionDetailDto = {
  id: '019a5c1e-7b2a-7c41-9d3e-5f0a1b2c3d4e',
  title: 'Trip to Lisbon in March',
  createdAt: '2026-11-22T09:58:12.345Z',
  updatedAt: '2026-11-22T10:02:40.118Z',
  lastActivityAt: '2026-11-22T10:02:40.118Z',
  messageCount: 2,
  messages: [USER_MESSAGE_EXAMPLE, ASSISTANT_MESSAGE_EXAMPLE],
  messagesCursor: null,
};

export const MESSAGE_PAGE_EXAMPLE: ChatMessagePage = {
  items: [USER_MESSAGE_EXAMPLE, ASSISTANT_MESSAGE_EXAMPLE],
  nextCursor: null,
};

export const EXPORT_JSON_EXAMPLE: ChatExportDto = {
  format: 'parley.chat.v1',
  exportedAt: '2026-11-22T11:00:00.000Z',
  session: {
    id: '019a5c1e-7b2a-7c41-9d3e-5f0a1b2c3d4e',
    title: 'Trip to Lisbon in March',
    titleSource: 'auto',
    createdAt: '2026-11-22T09:58:12.345Z',
    updatedAt: '2026-11-22T10:02:40.118Z',
    lastActivityAt: '2026-11-22T10:02:40.118Z',
    messageCount: 2,
  },
  messages: [
    {
      id: '019a5c1f-0c11-7e02-8a44-0b6e2f5d9a10',
      role: 'user',
      content: 'Plan three days in Lisbon in March, on foot.',
      status: 'complete',
      tokenCount: 12,
      tokenCountEstimated: true,
      model: null,
      finishReason: null,
      errorCode: null,
      createdAt: '2026-11-22T10:02:31.007Z',
      updatedAt: '2026-11-22T10:02:31.007Z',
    },
    {
      id: '019a5c1f-0c12-7e02-8a44-0b6e2f5d9a11',
      role: 'assistant',
      content: 'Day 1: Alfama and the castle. Day 2: Baixa, Chiado and Bairro Alto. Day 3: Belém.',
      status: 'complete',
      tokenCount: 27,
      tokenCountEstimated: false,
      model: 'Meta-Llama-3.3-70B-Instruct',
      finishReason: 'stop',
      errorCode: null,
      createdAt: '2026-11-22T10:02:31.512Z',
      updatedAt: '2026-11-22T10:02:40.118Z',
    },
  ],
};

export const EXPORT_MARKDOWN_EXAMPLE: string =
  '# Trip to Lisbon in March\n\n### You · 2026-11-22T10:02:31Z\n\nPlan three days in Lisbon in March, on foot.\n\n### Assistant · 2026-11-22T10:02:31Z\n\nDay 1: Alfama and the castle. Day 2: Baixa, Chiado and Bairro Alto. Day 3: Belém.\n';

export const UNAUTHENTICATED_EXAMPLE: Problem = {
  type: 'urn:parley:problem:unauthenticated',
  title: 'Authentication required',
  status: 401,
  detail: 'The access token has expired.',
  code: 'unauthenticated',
  requestId: '6f1c0b7e-2d4a-4c1e-9a55-3b8f0e2d7c19',
};

export const FEATURE_DISABLED_EXAMPLE: Problem = {
  type: 'urn:parley:problem:feature_disabled',
  title: 'Feature not enabled',
  status: 403,
  detail: 'Chat is not enabled for your account yet.',
  code: 'feature_disabled',
  requestId: '6f1c0b7e-2d4a-4c1e-9a55-3b8f0e2d7c19',
};

export const NOT_FOUND_EXAMPLE: Problem = {
  type: 'urn:parley:problem:not_found',
  title: 'Not found',
  status: 404,
  detail: 'The chat session does not exist.',
  code: 'not_found',
  requestId: '6f1c0b7e-2d4a-4c1e-9a55-3b8f0e2d7c19',
};

export const VALIDATION_EXAMPLE: Problem = {
  type: 'urn:parley:problem:validation_failed',
  title: 'Validation failed',
  status: 422,
  detail: 'Some fields are invalid.',
  code: 'validation_failed',
  requestId: '6f1c0b7e-2d4a-4c1e-9a55-3b8f0e2d7c19',
  errors: [{ path: 'limit', message: 'max 100' }],
};

export const TITLE_VALIDATION_EXAMPLE: Problem = {
  type: 'urn:parley:problem:validation_failed',
  title: 'Validation failed',
  status: 422,
  detail: 'Some fields are invalid.',
  code: 'validation_failed',
  requestId: '6f1c0b7e-2d4a-4c1e-9a55-3b8f0e2d7c19',
  errors: [{ path: 'title', message: 'must not be empty' }],
};
