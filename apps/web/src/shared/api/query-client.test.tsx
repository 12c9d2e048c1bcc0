import { describe, expect, it } from "vitest";
import { fireEvent, screen } from "@testing-library/react";
import { notifications } from "@/shared/notifications/notification-store";
import { graphError, mockApi, session } from "@/testing/mock-api";
import { renderApp } from "@/testing/render-app";

describe("save errors", () => {
  it("appear in the notifications panel with Graph's message", async () => {
    mockApi({
      "GET /api/session": { body: session() },
      "GET /api/tokens": { body: { value: [] } },
      "POST /api/tokens": {
        status: 400,
        body: graphError("Request_BadRequest", "displayName: A token with this name already exists."),
      },
    });
    renderApp("/settings/tokens");
    fireEvent.click(await screen.findByRole("button", { name: "New token" }));
    fireEvent.change(await screen.findByLabelText(/^Name/), { target: { value: "ci" } });
    // Fluent's modal hides the page behind it from the accessibility tree (happy-dom computes the dialog as hidden too).
    fireEvent.click(screen.getByRole("button", { name: "Create", hidden: true }));

    await screen.findAllByText(/A token with this name already exists/);
    expect(notifications.getAll()[0]).toMatchObject({ intent: "error", title: "Could not create API token" });

    fireEvent.click(screen.getByRole("button", { name: "Notifications" }));
    const panel = await screen.findByRole("list", { name: "Notifications" });
    expect(panel.textContent).toContain("Could not create API token");
    expect(panel.textContent).toContain("displayName: A token with this name already exists.");
  });
});
