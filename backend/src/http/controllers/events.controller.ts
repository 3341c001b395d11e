import type { Request as ExRequest } from 'express';
import { inject, injectable } from 'inversify';
import { Controller, Get, Request, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import { FollowUserEvents } from '../../application/events/follow-user-events.use-case.js';
import { caller } from '../authentication.js';
import { UNAUTHENTICATED_EXAMPLE } from '../dtos/chat.examples.js';
import { toLiveEvent, type LiveEvent } from '../dtos/live-event.dto.js';
import type { Problem } from '../dtos/problem.dto.js';
import { LiveFeeds } from '../live-feeds.js';

@injectable()
@Route('events')
@Tags('Live updates')
@Security('jwt')
export class EventsController extends Controller {
  constructor(
    @inject(FollowUserEvents) private readonly follow: FollowUserEvents,
    @inject(LiveFeeds) private readonly feeds: LiveFeeds,
  ) {
    super();
  }

  /**
   * What changes for you, from any tab, device or server instance, as Server-Sent Events (see
   * the response schema): your sessions created, updated, deleted and restored, messages added
   * and replies ended, chat switched on or off for you (`features.changed`), your quota changed.
   * A `: keep-alive` comment comes every 15 s. Events have no ids and are not replayed: on every
   * (re)connect, refetch your session list and the open session. The stream closes when the
   * access token it was opened with expires (reconnect with a fresh one) and when the server
   * shuts down (reconnect, with backoff).
   * @summary Follow your live updates
   */
  @Get()
  @SuccessResponse(200, 'A stream of these events, until the token expires', 'text/event-stream')
  @Response<Problem>(
    401,
    'Missing, invalid or expired access token (`unauthenticated`)',
    UNAUTHENTICATED_EXAMPLE,
  )
  @Response<Problem>(503, 'This instance is shutting down (`service_unavailable`), with Retry-After')
  public async events(@Request() req: ExRequest): Promise<LiveEvent> {
    const user = caller(req);
    const feed = this.feeds.prepare(req.res!, user.tokenExpiresAt);
    try {
      const stop = await this.follow.execute(user, (event) => feed.send(toLiveEvent(event)));
      await feed.run().finally(stop);
    } finally {
      feed.close();
    }
    // The answer was written by hand; tsoa sends nothing once the headers are out.
    return undefined as never;
  }
}
