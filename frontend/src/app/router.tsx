import type { RouteObject } from "react-router";
import { HealthCard } from "@/features/health/components/health-card";
import { HomePage } from "@/features/home/components/home-page";
import { Layout } from "./layout";
import { NotFoundPage } from "./not-found-page";
import { RouteErrorPage } from "./route-error-page";

// Exported as data so tests can mount the same routes in a memory router.
export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      {
        errorElement: <RouteErrorPage />,
        children: [
          { index: true, element: <HomePage status={<HealthCard />} /> },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
