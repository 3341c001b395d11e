import { lazy } from "react";
import type { RouteObject } from "react-router";
import { GuestOnly } from "@/features/auth/components/guest-only";
import { RequireAdmin } from "@/features/auth/components/require-admin";
import { RequireAuth } from "@/features/auth/components/require-auth";
import { RequireChatAccess } from "@/features/auth/components/require-chat-access";
import { SignInPage } from "@/features/auth/components/sign-in-page";
import { ChatPage } from "@/features/chat/components/chat-page";
import { HealthCard } from "@/features/health/components/health-card";
import { HomePage } from "@/features/home/components/home-page";
import { Layout } from "./layout";
import { NotFoundPage } from "./not-found-page";
import { RouteErrorPage } from "./route-error-page";

// Sign-in and chat are the first screens people see, so they ship in the main bundle;
// pages fewer people open load on demand.
const SignUpPage = lazy(() =>
  import("@/features/auth/components/sign-up-page").then((m) => ({ default: m.SignUpPage })),
);
const AdminPage = lazy(() =>
  import("@/features/admin/components/admin-page").then((m) => ({ default: m.AdminPage })),
);

// Exported as data so tests can mount the same routes in a memory router.
export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      {
        errorElement: <RouteErrorPage />,
        children: [
          {
            path: "sign-in",
            element: (
              <GuestOnly>
                <SignInPage />
              </GuestOnly>
            ),
          },
          {
            path: "sign-up",
            element: (
              <GuestOnly>
                <SignUpPage />
              </GuestOnly>
            ),
          },
          { path: "status", element: <HomePage status={<HealthCard />} /> },
          {
            element: <RequireAuth />,
            children: [
              // The chat slot: features/chat's page, for users the rollout has reached.
              {
                index: true,
                element: (
                  <RequireChatAccess>
                    <ChatPage />
                  </RequireChatAccess>
                ),
              },
              {
                path: "admin",
                element: (
                  <RequireAdmin>
                    <AdminPage />
                  </RequireAdmin>
                ),
              },
            ],
          },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
