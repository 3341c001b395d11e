import { createMemoryRouter, RouterProvider } from 'react-router';
import { routes } from '@/app/router';
import { renderWithProviders } from './render';

/** The whole app (real routes, providers and auth) at `path`; `router` tells where it went. */
export function renderApp(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  return { router, ...renderWithProviders(<RouterProvider router={router} />) };
}

/** The current in-app address, e.g. "/sign-in?returnTo=%2Fadmin". */
export const currentPath = (router: ReturnType<typeof createMemoryRouter>) =>
  router.state.location.pathname + router.state.location.search;
