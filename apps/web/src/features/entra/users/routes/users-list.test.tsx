import { describe, expect, it } from "vitest";
import { screen } from "@testing-library/react";
import { globalReaderSession, mockApi, session } from "@/testing/mock-api";
import { renderApp } from "@/testing/render-app";

const users = {
  "@odata.count": 1,
  value: [
    {
      id: "u-1",
      displayName: "Jane Doe",
      userPrincipalName: "jane@contoso.com",
      userType: "Member",
      accountEnabled: true,
      createdDateTime: "2026-03-12T08:19:05Z",
    },
  ],
};

describe("Users", () => {
  it("offers New user to a Global Administrator", async () => {
    mockApi({ "GET /api/session": { body: session() }, "GET /graph/beta/users": { body: users } });
    renderApp("/entra/users");
    expect(await screen.findByRole("link", { name: "Jane Doe" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "New user" })).toBeTruthy();
  });

  it("shows a Global Reader the users but no New user button", async () => {
    mockApi({ "GET /api/session": { body: globalReaderSession() }, "GET /graph/beta/users": { body: users } });
    renderApp("/entra/users");
    expect(await screen.findByRole("link", { name: "Jane Doe" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "New user" })).toBeNull();
  });

  it("sends an unauthenticated visitor to sign-in, remembering where they were going", async () => {
    mockApi({ "GET /api/session": { status: 401, body: { error: { code: "InvalidAuthenticationToken", message: "Sign in" } } } });
    const { router } = renderApp("/entra/users");
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeTruthy();
    expect(router.state.location.pathname).toBe("/signin");
    expect(router.state.location.search).toBe("?returnTo=%2Fentra%2Fusers");
  });
});
