import { afterAll } from 'vitest';
import { InProcessRateLimiter } from '../../../src/infrastructure/limits/in-process-rate-limiter.adapter.js';
import { RedisRateLimiter } from '../../../src/infrastructure/limits/redis-rate-limiter.adapter.js';
import { describeRateLimiterContract } from './rate-limiter.contract.js';
import { redisForFile, writeTimeZoneProbe } from './limits-test-kit.js';

// time-zone.test.ts runs this file again in a child process with TZ=America/Los_Angeles and
// reads this probe to prove the zone really applied there.
afterAll(writeTimeZoneProbe);

describeRateLimiterContract('in-process', () => new InProcessRateLimiter());

const shared = redisForFile('contract');

describeRateLimiterContract('Redis (Lua)', () => new RedisRateLimiter(shared.redis));
