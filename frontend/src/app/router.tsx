import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { useMe } from '@/features/auth/api/get-me';
import { GuestOnly } from '@/features/auth/components/guest-only';
import { RequireAdmin } from '@/features/auth/components/require-admin';
import { RequireAuth } from '@/features/auth/components/require-auth';
import { RequireChatAccess } from '@/features/auth/components/require-chat-access';
import { SignInPage } from '@/features/auth/components/sign-in-page';
import { ChatErrorPage } from '@/features/chat/components/chat-error-page';
import { ChatSessionPage } from '@/features/chat/components/chat-session-page';
import { NewChatPage } from '@/features/chat/components/new-chat-page';
import { HealthCard } from '@/features/health/components/health-card';
import { HomePage } from '@/features/home/components/home-page';
import { ChatSlot } from './chat-slot';
import { Layout } from './layout';
import { LiveUpdates } from './live-updates';
import { NotFoundPage } from './not-found-page';
import { RouteErrorPage } from './route-error-page';

// Sign-in and chat are the first screens people see, so they ship in the main bundle;
// pages fewer people open load on demand.
const SignUpPage = lazy(() =>
  import('@/features/auth/components/sign-up-page').then((m) => ({ default: m.SignUpPage })),
);
const AdminPage = lazy(() => import('@/features/admin/admin-page').then((m) => ({ default: m.AdminPage })));

// The admin page needs to know who is signed in (your own role is not editable there); the
// app layer tells it, since features do not import each other. RequireAdmin has loaded /me.
function AdminRoute() {
  const me = useMe();
  return me.data ? <AdminPage currentUserId={me.data.id} /> : null;
}

// Exported as data so tests can mount the same routes in a memory router.
export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      {
        errorElement: <RouteErrorPage />,
        children: [
          {
            path: 'sign-in',
            element: (
              <GuestOnly>
                <SignInPage />
              </GuestOnly>
            ),
          },
          {
            path: 'sign-up',
            element: (
              <GuestOnly>
                <SignUpPage />
              </GuestOnly>
            ),
          },
          { path: 'status', element: <HomePage status={<HealthCard />} /> },
          {
            element: <RequireAuth />,
            children: [
              {
                // Signed in: every page follows the live feed (GET /events).
                element: <LiveUpdates />,
                children: [
                  // The chat slot: features/chat's page, for users the rollout has reached (or
                  // whose chat is paused: their history stays): "/" starts a chat,
                  // "/c/:sessionId" is one. Each page has its own error boundary, so the chat
                  // list beside it keeps working. Full-bleed: the layout drops its margins.
                  {
                    element: (
                      <RequireChatAccess>
                        <ChatSlot />
                      </RequireChatAccess>
                    ),
                    handle: { fullBleed: true },
                    children: [
                      { index: true, element: <NewChatPage />, errorElement: <ChatErrorPage /> },
                      {
                        path: 'c/:sessionId',
                        element: <ChatSessionPage />,
                        errorElement: <ChatErrorPage />,
                      },
                    ],
                  },
                  {
                    path: 'admin',
                    element: (
                      <RequireAdmin>
                        <AdminRoute />
                      </RequireAdmin>
                    ),
                  },
                ],
              },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
