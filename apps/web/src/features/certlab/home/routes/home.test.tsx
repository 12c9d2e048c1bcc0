// Onboarding (issue 8): "/" signs a newcomer in and lands on the home page, which says what Certlab is, offers the
// guides with their progress, loads the complete correct setup or an empty lab after a confirmation, and links docs.
import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { guide, step } from "@/testing/guides";
import { graphError, mockApi, session } from "@/testing/mock-api";
import { renderApp } from "@/testing/render-app";

const guides = {
  value: [
    guide("seed-000", "Publish NDES through application proxy", [step("a", "A", true), step("b", "B", false), step("c", "C", false)]),
    guide("seed-002", "Configure the infrastructure", [step("x", "X", true)]),
  ],
};

describe("the home page at /", () => {
  it("is where a first sign-in from / lands: what Certlab is, the guides with progress, the docs", async () => {
    let signedIn = false;
    mockApi({
      "GET /api/session": () => (signedIn ? { body: session() } : { status: 401, body: graphError("x", "Sign in") }),
      "POST /api/session": () => {
        signedIn = true;
        return { body: session() };
      },
      "GET /api/guides": { body: guides },
    });
    const { router } = renderApp("/");
    await screen.findByRole("heading", { name: "Sign in" });
    expect(router.state.location.search).toBe("?returnTo=%2F");
    fireEvent.change(screen.getByLabelText("Email"), { target: { value: "admin@contoso.onmicrosoft.com" } });
    fireEvent.click(screen.getByRole("button", { name: "Next" }));
    fireEvent.change(await screen.findByLabelText("Password"), { target: { value: "P@ssw0rd!" } });
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByRole("heading", { name: "Welcome to Certlab", level: 1 })).toBeTruthy();
    expect(router.state.location.pathname).toBe("/");
    expect(screen.getByRole("region", { name: "What Certlab is" }).textContent).toMatch(/working model of the Microsoft Intune admin center/);
    const list = await screen.findByRole("list", { name: "Guides" });
    const card = within(list).getByRole("article", { name: "Publish NDES through application proxy" });
    expect(card.textContent).toContain("1 of 3 steps done");
    expect(within(list).getByRole("article", { name: "Configure the infrastructure" }).textContent).toContain("All 1 steps done");
    const docs = screen.getByRole("list", { name: "Docs" });
    expect(within(docs).getByRole("link", { name: "Getting started" }).getAttribute("href")).toBe("/docs/getting-started.md");
    // The top bar offers the guides from every portal.
    expect(screen.getByRole("banner").querySelector('a[href="/guides"]')?.textContent).toBe("Guides");
  });

  it("loads the complete correct setup only after a confirmation", async () => {
    const resets: unknown[] = [];
    mockApi({
      "GET /api/session": { body: session() },
      "GET /api/guides": { body: guides },
      "POST /api/lab/reset": ({ body }) => {
        resets.push(body);
        return { body: { scenario: (body as { scenario: string }).scenario } };
      },
    });
    renderApp("/");
    fireEvent.click(await screen.findByRole("button", { name: "Load the complete correct setup" }));
    let dialog = await screen.findByRole("dialog", { name: "Load the complete correct setup?", hidden: true });
    expect(dialog.textContent).toContain("replaces the whole lab of Contoso");
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel", hidden: true }));
    await waitFor(() => expect(screen.queryByRole("dialog", { hidden: true })).toBeNull());
    expect(resets).toEqual([]);

    fireEvent.click(screen.getByRole("button", { name: "Load the complete correct setup" }));
    dialog = await screen.findByRole("dialog", { name: "Load the complete correct setup?", hidden: true });
    fireEvent.click(within(dialog).getByRole("button", { name: "Load", hidden: true }));
    await waitFor(() => expect(resets).toEqual([{ scenario: "complete" }]));
    await waitFor(() => expect(screen.queryByRole("dialog", { hidden: true })).toBeNull());
    expect(await screen.findByText("Loaded the complete correct setup")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Start from an empty lab" }));
    dialog = await screen.findByRole("dialog", { name: "Start from an empty lab?", hidden: true });
    fireEvent.click(within(dialog).getByRole("button", { name: "Start", hidden: true }));
    await waitFor(() => expect(resets).toEqual([{ scenario: "complete" }, { scenario: "fresh" }]));
  });
});
