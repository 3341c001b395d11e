import { beforeEach, describe, expect, it } from 'vitest';
import type {
  ReplyControl,
  ReplyStopReason,
} from '../../../src/application/chat/send-message/ports/reply-control.port.js';
import { uniqueReplyId } from './replies-test-kit.js';

export interface ReplyControlHarness {
  /** The control of the instance that runs the replies. */
  readonly control: ReplyControl;
  /** Another instance's control (in-process: the same one; there is no other). */
  readonly other: ReplyControl;
  /** The acknowledgement window both were built with. */
  readonly ackMs: number;
}

/** What every ReplyControl must do: a stop reaches the running reply wherever it runs, and says so. */
export function describeReplyControlContract(name: string, create: () => Promise<ReplyControlHarness>): void {
  describe(`ReplyControl contract: ${name}`, () => {
    let h: ReplyControlHarness;
    beforeEach(async () => {
      h = await create();
    });

    it('stops a reply running on the same instance and acknowledges', async () => {
      const replyId = uniqueReplyId();
      const heard: ReplyStopReason[] = [];
      const unregister = h.control.onStop(replyId, (reason) => heard.push(reason));
      expect(await h.control.stop(replyId, 'stopped')).toBe(true);
      expect(heard).toEqual(['stopped']);
      unregister();
    });

    it('stops a reply running on another instance, which acknowledges', async () => {
      const replyId = uniqueReplyId();
      const bystander = uniqueReplyId();
      const heard: string[] = [];
      const unregister = h.control.onStop(replyId, (reason) => heard.push(`${replyId}:${reason}`));
      const unregisterBystander = h.control.onStop(bystander, (reason) =>
        heard.push(`${bystander}:${reason}`),
      );
      expect(await h.other.stop(replyId, 'session_deleted')).toBe(true);
      expect(heard).toEqual([`${replyId}:session_deleted`]);
      unregister();
      unregisterBystander();
    });

    it('answers false within the ack window when no instance runs the reply', async () => {
      const started = performance.now();
      expect(await h.other.stop(uniqueReplyId(), 'feature_disabled')).toBe(false);
      expect(performance.now() - started).toBeLessThan(h.ackMs + 1_000);
    });

    it('no longer reaches a reply that unregistered (it ended)', async () => {
      const replyId = uniqueReplyId();
      const heard: string[] = [];
      const unregister = h.control.onStop(replyId, (reason) => heard.push(reason));
      unregister();
      unregister(); // twice is harmless
      expect(await h.other.stop(replyId, 'stopped')).toBe(false);
      expect(await h.control.stop(replyId, 'stopped')).toBe(false);
      expect(heard).toEqual([]);
    });

    it('runs every handler of the reply even when one throws, and still acknowledges', async () => {
      const replyId = uniqueReplyId();
      const heard: string[] = [];
      const unregisterFailing = h.control.onStop(replyId, () => {
        throw new Error('handler failed');
      });
      const unregister = h.control.onStop(replyId, (reason) => heard.push(reason));
      expect(await h.other.stop(replyId, 'stopped')).toBe(true);
      expect(heard).toEqual(['stopped']);
      unregisterFailing();
      unregister();
    });
  });
}
