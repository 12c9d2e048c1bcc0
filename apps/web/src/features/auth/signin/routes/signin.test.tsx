import { describe, expect, it } from "vitest";
import { fireEvent, screen } from "@testing-library/react";
import { graphError, mockApi, session } from "@/testing/mock-api";
import { renderApp } from "@/testing/render-app";

async function signInAs(username: string, password: string) {
  fireEvent.change(screen.getByLabelText("Email"), { target: { value: username } });
  fireEvent.click(screen.getByRole("button", { name: "Next" }));
  // The name's schema is loaded on first submit (kept off the sign-in page's first load), then the password step.
  fireEvent.change(await screen.findByLabelText("Password"), { target: { value: password } });
  fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
}

describe("Sign in", () => {
  it("says the account or password is incorrect on a 401", async () => {
    mockApi({
      "GET /api/session": { status: 401, body: graphError("InvalidAuthenticationToken", "Sign in") },
      "POST /api/session": { status: 401, body: graphError("InvalidCredentials", "Your account or password is incorrect.") },
    });
    renderApp("/signin");
    await screen.findByRole("heading", { name: "Sign in" });
    await signInAs("admin@contoso.com", "wrong");
    expect(await screen.findByText("Your account or password is incorrect.")).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Enter password" })).toBeTruthy();
  });

  it("goes to the page the user wanted after signing in", async () => {
    let signedIn = false;
    mockApi({
      "GET /api/session": () => (signedIn ? { body: session() } : { status: 401, body: graphError("x", "Sign in") }),
      "POST /api/session": () => {
        signedIn = true;
        return { body: session() };
      },
      "GET /api/tokens": { body: { value: [] } },
    });
    const { router } = renderApp("/signin?returnTo=%2Fsettings%2Ftokens");
    await screen.findByRole("heading", { name: "Sign in" });
    await signInAs("admin@contoso.com", "P@ssw0rd!");
    expect(await screen.findByRole("heading", { name: "API tokens" })).toBeTruthy();
    expect(router.state.location.pathname).toBe("/settings/tokens");
  });
});
