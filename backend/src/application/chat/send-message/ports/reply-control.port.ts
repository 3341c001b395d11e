/**
 * Ends a running reply early from wherever the request lands: the instance running it may be
 * another one. The run registers a handler for its reply while it runs; `stop` reaches it
 * (Redis pub/sub across instances, directly within one) and the running side acknowledges.
 * Without an acknowledgement within CHAT_STOP_ACK_MS nobody is running the reply any more
 * (its instance died, or it just ended): the caller ends the row itself.
 */
export type ReplyStopReason = 'stopped' | 'session_deleted' | 'feature_disabled';

export interface ReplyControl {
  /** True when the instance running the reply acknowledged the stop within the ack window. */
  stop(replyId: string, reason: ReplyStopReason): Promise<boolean>;
  /**
   * Called (on this instance) when someone stops `replyId`; returns the function that
   * unregisters it, to call when the reply has ended. The handler should only signal the run
   * (abort its controller): it runs before the acknowledgement goes out.
   */
  onStop(replyId: string, handler: (reason: ReplyStopReason) => void): () => void;
}
