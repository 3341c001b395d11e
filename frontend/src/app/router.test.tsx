import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { createMemoryRouter, RouterProvider } from "react-router";
import { describe, expect, it } from "vitest";
import { renderWithProviders } from "@/test/render";
import { server } from "@/test/server";
import { routes } from "./router";

function renderAt(path: string) {
  return renderWithProviders(
    <RouterProvider router={createMemoryRouter(routes, { initialEntries: [path] })} />,
  );
}

describe("routes", () => {
  it("shows the home page with the server status and a link to the API docs", async () => {
    server.use(
      http.get("/readyz", () =>
        HttpResponse.json({ status: "ok", checks: { database: { status: "ok" } } }),
      ),
    );
    renderAt("/");

    expect(screen.getByRole("heading", { level: 1, name: "Parley" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "API documentation" })).toHaveAttribute(
      "href",
      "/api/docs",
    );
    expect(screen.getByRole("region", { name: "Server status" })).toBeInTheDocument();
    expect(await screen.findByText(/^Overall/)).toHaveTextContent("Overall OK");
  });

  it("answers an unknown address with a 404 page that leads back home", async () => {
    server.use(http.get("/readyz", () => HttpResponse.json({ status: "ok", checks: {} })));
    renderAt("/no/such/page");

    expect(screen.getByRole("heading", { level: 1, name: "Page not found" })).toBeInTheDocument();
    // The header brand link and the 404 button both lead home.
    await userEvent.click(screen.getByRole("link", { name: "Back to the home page" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Parley" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Parley" })).toHaveAttribute("href", "/");
  });
});
