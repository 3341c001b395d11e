import express from 'express';
import request from 'supertest';
import { ValidateError } from '@tsoa/runtime';
import { describe, expect, it } from 'vitest';
import { NotFound, ServiceUnavailable, ValidationFailed } from '../../src/domain/shared/domain-error.js';
import { errorMiddleware } from '../../src/http/error.middleware.js';

function appThrowing(error: unknown, exposeStack = false) {
  const logged: { obj: object; msg?: string }[] = [];
  const log = (obj: object, msg?: string) => logged.push({ obj, msg });
  const app = express();
  app.get('/boom', () => {
    throw error;
  });
  app.use(errorMiddleware({ debug: log, info: log, warn: log, error: log }, { exposeStack }));
  return { app, logged };
}

describe('the error middleware', () => {
  it('turns tsoa validation errors into 422 with errors[] named as the client sent them', async () => {
    const { app } = appThrowing(
      new ValidateError(
        { 'requestBody.title': { message: 'max length 200' }, limit: { message: 'max 100' } },
        'invalid',
      ),
    );
    const res = await request(app).get('/boom');
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      code: 'validation_failed',
      type: 'urn:parley:problem:validation_failed',
    });
    expect(res.body.errors).toEqual([
      { path: 'title', message: 'max length 200' },
      { path: 'limit', message: 'max 100' },
    ]);
  });

  it('answers the same 422 shape for rules checked in use cases', async () => {
    const { app } = appThrowing(
      new ValidationFailed([{ path: 'content', message: 'must be at most 4000 characters' }]),
    );
    const res = await request(app).get('/boom');
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: 'content', message: 'must be at most 4000 characters' }]);
  });

  it('maps domain errors by their code', async () => {
    const res = await request(appThrowing(new NotFound('chat session')).app).get('/boom');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'not_found', detail: 'The chat session does not exist.' });
  });

  it('adds Retry-After for service_unavailable', async () => {
    const res = await request(appThrowing(new ServiceUnavailable('Redis is down', 5)).app).get('/boom');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
  });

  it('answers 500 without a stack or the message of an unknown error, and logs the cause', async () => {
    const { app, logged } = appThrowing(new Error('secret internals at /srv/parley'));
    const res = await request(app).get('/boom');
    expect(res.status).toBe(500);
    expect(res.body.code).toBe('internal_error');
    expect(JSON.stringify(res.body)).not.toContain('secret internals');
    expect(res.body).not.toHaveProperty('stack');
    expect(logged).toHaveLength(1);
    expect((logged[0]!.obj as { err: Error }).err.message).toBe('secret internals at /srv/parley');
  });

  it('includes the stack in development only', async () => {
    const res = await request(appThrowing(new Error('dev'), true).app).get('/boom');
    expect(res.body.stack).toContain('Error: dev');
  });
});
