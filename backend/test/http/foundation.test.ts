import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

function expectProblem(res: request.Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({
    type: `urn:parley:problem:${code}`,
    status,
    code,
    title: expect.any(String),
    detail: expect.any(String),
  });
  expect(res.body.requestId).toBe(res.headers['x-request-id']);
  expect(res.body).not.toHaveProperty('stack');
}

describe('the foundation over HTTP', () => {
  let t: TestApp;
  let frontendDist: string;
  beforeAll(async () => {
    frontendDist = mkdtempSync(path.join(tmpdir(), 'parley-dist-'));
    mkdirSync(path.join(frontendDist, 'assets'));
    writeFileSync(
      path.join(frontendDist, 'index.html'),
      '<!doctype html><title>Parley</title><div id="root"></div>',
    );
    writeFileSync(path.join(frontendDist, 'assets', 'app-abc123.js'), 'console.log("parley")');
    t = await startTestApp({
      frontendDist,
      env: { CORS_ORIGINS: 'https://allowed.example.com', MAX_BODY_BYTES: '1kb' },
    });
  });
  afterAll(() => t?.close());

  describe('problem+json for every error kind', () => {
    it('404 for an unknown API route', async () => {
      const res = await request(t.app).get('/api/v1/does-not-exist');
      expectProblem(res, 404, 'not_found');
      expect(res.body.detail).toContain('/api/v1/does-not-exist');
    });

    it('404 for an unknown API route with another method', async () => {
      expectProblem(await request(t.app).delete('/api/v1/config'), 404, 'not_found');
    });

    it('400 for malformed JSON', async () => {
      const res = await request(t.app)
        .post('/api/v1/config')
        .set('Content-Type', 'application/json')
        .send('{"title": ');
      expectProblem(res, 400, 'bad_request');
    });

    it('413 for a body over MAX_BODY_BYTES', async () => {
      const res = await request(t.app)
        .post('/api/v1/config')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ text: 'x'.repeat(2048) }));
      expectProblem(res, 413, 'payload_too_large');
    });

    it('415 for a body that is not JSON', async () => {
      const res = await request(t.app).post('/api/v1/config').set('Content-Type', 'text/plain').send('hello');
      expectProblem(res, 415, 'unsupported_media_type');
      expect(res.body.detail).toContain('text/plain');
    });

    it('415 for a form-encoded body', async () => {
      const res = await request(t.app).post('/api/v1/config').type('form').send({ a: 'b' });
      expectProblem(res, 415, 'unsupported_media_type');
    });

    it('404 (not the SPA) for an asset that does not exist', async () => {
      expectProblem(await request(t.app).get('/assets/missing-999.js'), 404, 'not_found');
    });
  });

  describe('request ids', () => {
    it('echoes a well-formed X-Request-Id', async () => {
      const res = await request(t.app).get('/healthz').set('X-Request-Id', 'lb-1234.abc');
      expect(res.headers['x-request-id']).toBe('lb-1234.abc');
    });

    it('replaces a malformed one with a fresh id', async () => {
      const res = await request(t.app).get('/healthz').set('X-Request-Id', 'bad id with spaces');
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('operations', () => {
    it('/healthz answers 200', async () => {
      const res = await request(t.app).get('/healthz');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok' });
    });

    it('/readyz reports the real database and Redis as up', async () => {
      const res = await request(t.app).get('/readyz');
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('ok');
      expect(res.body.checks.database).toMatchObject({ status: 'up', kind: 'postgres' });
      expect(res.body.checks.redis).toMatchObject({ status: 'up' });
      expect(res.body.checks.llm).toEqual({
        status: 'up',
        circuit: 'closed',
        model: 'fake-model',
        provider: 'openai-compatible',
      });
    });

    it('/metrics exposes default metrics and the request duration histogram by route pattern', async () => {
      await request(t.app).get('/api/v1/config');
      const res = await request(t.app).get('/metrics');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.text).toContain('process_cpu_user_seconds_total');
      expect(res.text).toMatch(
        /http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/config",status_code="200"\} [1-9]/,
      );
    });

    it('GET /api/v1/config tells the frontend what it needs, without auth', async () => {
      const res = await request(t.app).get('/api/v1/config');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        signupEnabled: true,
        demoModel: false,
        model: 'fake-model',
        limits: { maxMessageLength: 4000, maxTokens: 1024 },
      });
    });

    it('says demoModel when no model key is configured (outside production)', async () => {
      const demo = await startTestApp({
        env: { SAMBANOVA_API_KEY: '', SAMBANOVA_MODEL: '', CHAT_MAX_MESSAGE_LENGTH: '500' },
      });
      try {
        const res = await request(demo.app).get('/api/v1/config');
        expect(res.body).toEqual({
          signupEnabled: true,
          demoModel: true,
          model: 'Meta-Llama-3.3-70B-Instruct',
          limits: { maxMessageLength: 500, maxTokens: 1024 },
        });
      } finally {
        await demo.close();
      }
    });

    it('serves the OpenAPI document and Swagger UI', async () => {
      const spec = await request(t.app).get('/api/v1/openapi.json');
      expect(spec.status).toBe(200);
      expect(spec.body.openapi).toMatch(/^3\./);
      expect(spec.body.paths).toHaveProperty('/config');
      expect(spec.body.servers).toEqual([{ url: '/api/v1' }]);
      const docs = await request(t.app).get('/api/docs/');
      expect(docs.status).toBe(200);
      expect(docs.text).toContain('swagger-ui');
    });
  });

  describe('security headers and CORS', () => {
    it('sets security headers and hides the framework', async () => {
      const res = await request(t.app).get('/healthz');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers).not.toHaveProperty('x-powered-by');
    });

    it('allows configured origins only', async () => {
      const allowed = await request(t.app).get('/api/v1/config').set('Origin', 'https://allowed.example.com');
      expect(allowed.headers['access-control-allow-origin']).toBe('https://allowed.example.com');
      const other = await request(t.app).get('/api/v1/config').set('Origin', 'https://evil.example.com');
      expect(other.headers).not.toHaveProperty('access-control-allow-origin');
    });
  });

  describe('the frontend from the same origin', () => {
    it('serves index.html for client routes', async () => {
      const res = await request(t.app).get('/chat/some-session').set('Accept', 'text/html');
      expect(res.status).toBe(200);
      expect(res.text).toContain('<div id="root">');
    });

    it('serves hashed assets with a long cache', async () => {
      const res = await request(t.app).get('/assets/app-abc123.js');
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toContain('immutable');
    });

    it('never falls back to the SPA under /api', async () => {
      expectProblem(await request(t.app).get('/api/anything').set('Accept', 'text/html'), 404, 'not_found');
    });
  });
});

describe('readiness when dependencies are down', () => {
  it('is degraded (200) when Redis does not answer, and down (503) when the database does not', async () => {
    const t = await startTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    try {
      const degraded = await request(t.app).get('/readyz');
      expect(degraded.status).toBe(200);
      expect(degraded.body.status).toBe('degraded');
      expect(degraded.body.checks.redis.status).toBe('down');
    } finally {
      await t.close();
    }

    const down = await startTestApp({ databaseUrl: 'postgres://postgres@127.0.0.1:1/none', migrate: false });
    try {
      const res = await request(down.app).get('/readyz');
      expect(res.status).toBe(503);
      expect(res.body.status).toBe('down');
      expect(res.body.checks.database.status).toBe('down');
      // The liveness probe does not depend on the database.
      expect((await request(down.app).get('/healthz')).status).toBe(200);
    } finally {
      await down.close();
    }
  });
});
