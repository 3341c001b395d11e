import type { IocContainer, IocContainerFactory } from '@tsoa/runtime';
import type { Request } from 'express';

/**
 * tsoa's iocModule. The container belongs to the express app that serves the request (set by
 * app.ts in `app.locals.container`), not to this module, so that several apps can live in one
 * process (tests start two instances) and the routes module never waits for async start-up.
 */
export const iocContainer: IocContainerFactory<Request> = (request) => {
  const container = request.app.locals.container as IocContainer | undefined;
  if (!container) throw new Error('No DI container on this express app (app.locals.container).');
  return container;
};
