// The account manager (top right): the shell draws its button, the menu is its own chunk loaded on demand
// (issue 9: first-load JS). The first activation still opens the menu, and the focus is not lost on the swap.
import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { guide, step } from "@/testing/guides";
import { mockApi, session } from "@/testing/mock-api";
import { renderApp } from "@/testing/render-app";

function mockHome() {
  mockApi({
    "GET /api/session": { body: session() },
    "GET /api/guides": { body: { value: [guide("seed-000", "Publish NDES through application proxy", [step("a", "A", false)])] } },
  });
}

describe("the account manager", () => {
  it("opens its menu on the first click, before its chunk was ever loaded", async () => {
    mockHome();
    renderApp("/");
    await screen.findByRole("heading", { name: "Welcome to Certlab", level: 1 });
    expect(screen.queryByRole("menu")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Account manager" }));
    const menu = await screen.findByRole("menu");
    expect(within(menu).getByRole("menuitem", { name: "API tokens" })).toBeTruthy();
    expect(within(menu).getByRole("menuitem", { name: "Sign out" })).toBeTruthy();
    expect(screen.getByText("Global Administrator")).toBeTruthy();
  });

  it("keeps the keyboard focus on the button when its menu is loaded on focus", async () => {
    mockHome();
    renderApp("/");
    await screen.findByRole("heading", { name: "Welcome to Certlab", level: 1 });
    const first = screen.getByRole("button", { name: "Account manager" });
    first.focus();
    fireEvent.focus(first);
    // The menu's own trigger replaces the shell's button and takes the focus over.
    await waitFor(() => expect(screen.getByRole("button", { name: "Account manager" })).not.toBe(first));
    const trigger = screen.getByRole("button", { name: "Account manager" });
    expect(document.activeElement).toBe(trigger);
    fireEvent.click(trigger);
    expect(await screen.findByRole("menuitem", { name: "Switch directory" })).toBeTruthy();
  });
});
