// The guide side panel (issue 8): it ticks a step when the tenant's state changes after any write in the portal,
// shows the findings blocking the current step, stays open when the admin moves to another portal, and restarts
// the guide only after a confirmation.
import { afterEach, describe, expect, it } from "vitest";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { guidePanel } from "@/shared/guides/guide-panel-store";
import { finding, guide, step } from "@/testing/guides";
import { mockApi, session } from "@/testing/mock-api";
import { renderApp } from "@/testing/render-app";

afterEach(() => guidePanel.reset());

/** The API's answer for seed 000 given how far the lab is: `done` steps are done. */
function seed000(done: number) {
  const steps = [
    step("install-connector", "Install and register the connector", done > 0, {
      blockingCodes: ["CONN_NOT_REGISTERED"],
      blockingFindings: done > 0 ? [] : [finding("CONN_NOT_REGISTERED", "error", { title: "No private network connector is registered" })],
    }),
    step("publish-ndes", "Publish NDES with Passthrough", done > 1, {
      screen: { portal: "entra", path: "/entra/enterprise-apps/new/on-premises", label: "Entra › Add an on-premises application" },
      blockingFindings: done > 1 ? [] : [finding("APPPROXY_PREAUTH_NOT_PASSTHROUGH", "error", { title: "NDES is not published with Passthrough" })],
    }),
  ];
  return guide("seed-000", "Publish NDES through application proxy", steps);
}

const stepItem = (panel: HTMLElement, title: RegExp) =>
  within(panel).getAllByRole("listitem").find((li) => title.test(li.textContent ?? ""))!;

describe("the guide side panel", () => {
  it("ticks the current step after a write elsewhere in the portal, and shows what blocks the next one", async () => {
    let done = 0;
    const { calls } = mockApi({
      "GET /api/session": { body: session() },
      "GET /api/guides/seed-000": () => ({ body: seed000(done) }),
      "GET /api/tokens": { body: { value: [] } },
      // Any write: here the lab changed meanwhile (the connector got registered), which the next read reflects.
      "POST /api/tokens": () => {
        done = 1;
        return {
          status: 201,
          body: { id: "t1", displayName: "ci", tokenPrefix: "clt_abcdef", token: "clt_abcdefghijklmnopqrstuvwxyz", createdDateTime: "2026-12-03T10:00:00Z", expiresDateTime: "2027-03-03T10:00:00Z", lastUsedDateTime: null },
        };
      },
    });
    guidePanel.open("seed-000");
    renderApp("/settings/tokens");

    const panel = await screen.findByRole("complementary", { name: "Guide panel" });
    await within(panel).findByText("0 of 2 steps done");
    expect(stepItem(panel, /Install and register the connector/).textContent).toContain("Current step");
    expect(within(panel).getByRole("list", { name: /Findings blocking “Install and register the connector”/ }).textContent).toContain(
      "No private network connector is registered",
    );
    // Only the current step lists its blockers in the panel.
    expect(within(panel).queryByRole("list", { name: /Findings blocking “Publish NDES/ })).toBeNull();
    expect(within(panel).getByRole("link", { name: /Go to Entra › Application proxy for “Install and register the connector”/ }).getAttribute("href")).toBe(
      "/entra/enterprise-apps/application-proxy",
    );

    fireEvent.click(await screen.findByRole("button", { name: "New token" }));
    fireEvent.change(await screen.findByLabelText(/^Name/), { target: { value: "ci" } });
    fireEvent.click(screen.getByRole("button", { name: "Create", hidden: true }));

    await within(panel).findByText("1 of 2 steps done");
    expect(stepItem(panel, /Install and register the connector/).textContent).toContain("Done");
    expect(stepItem(panel, /Publish NDES with Passthrough/).textContent).toContain("Current step");
    expect(within(panel).getByRole("list", { name: /Findings blocking “Publish NDES with Passthrough”/ }).textContent).toContain(
      "NDES is not published with Passthrough",
    );
    expect(calls.filter((c) => c.method === "GET" && c.url.pathname === "/api/guides/seed-000").length).toBeGreaterThanOrEqual(2);
  });

  it("stays open when the admin goes from the lab to Intune and Entra, until closed", async () => {
    mockApi({
      "GET /api/session": { body: session() },
      "GET /api/guides/seed-000": { body: seed000(0) },
    });
    guidePanel.open("seed-000");
    const { router } = renderApp("/lab/ndes");
    await screen.findByRole("complementary", { name: "Guide panel" });
    for (const to of ["/intune", "/entra/enterprise-apps", "/health"]) {
      await act(() => router.navigate(to));
      const panel = await screen.findByRole("complementary", { name: "Guide panel" });
      expect(within(panel).getByRole("heading", { name: "Publish NDES through application proxy" })).toBeTruthy();
    }
    fireEvent.click(screen.getByRole("button", { name: "Close the guide panel" }));
    await waitFor(() => expect(screen.queryByRole("complementary", { name: "Guide panel" })).toBeNull());
    expect(window.sessionStorage.getItem("certlab.guidePanel")).toBeNull();
  });

  it("restarts the guide only after the confirmation", async () => {
    let restarted = 0;
    const { calls } = mockApi({
      "GET /api/session": { body: session() },
      "GET /api/guides/seed-000": { body: seed000(2) },
      "POST /api/guides/seed-000/restart": () => {
        restarted += 1;
        return { body: seed000(0) };
      },
    });
    guidePanel.open("seed-000");
    renderApp("/health");
    const panel = await screen.findByRole("complementary", { name: "Guide panel" });
    await within(panel).findByText("All 2 steps done");

    fireEvent.click(within(panel).getByRole("button", { name: "Restart" }));
    const dialog = await screen.findByRole("dialog", { name: "Restart this guide?", hidden: true });
    expect(dialog.textContent).toContain("an empty lab");
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel", hidden: true }));
    await waitFor(() => expect(screen.queryByRole("dialog", { hidden: true })).toBeNull());
    expect(restarted).toBe(0);

    fireEvent.click(within(panel).getByRole("button", { name: "Restart" }));
    fireEvent.click(within(await screen.findByRole("dialog", { name: "Restart this guide?", hidden: true })).getByRole("button", { name: "Restart", hidden: true }));
    await waitFor(() => expect(restarted).toBe(1));
    expect(calls.find((c) => c.method === "POST")?.headers.get("X-CSRF-Token")).toBe("csrf-123");
  });
});
