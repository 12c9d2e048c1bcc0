import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import type { Finding } from "@/shared/api/types";
import { mockApi, session, TENANT_ID } from "@/testing/mock-api";
import { renderApp } from "@/testing/render-app";

const finding = (over: Partial<Finding>): Finding => ({
  code: "X",
  severity: "error",
  category: "enrollment",
  title: "t",
  message: "m",
  fix: "f",
  why: "w",
  symptom: "s",
  sources: ["003_43f76a8e56847852.txt"],
  objects: [],
  ...over,
});

describe("Certlab Health", () => {
  it("groups the tenant's findings by severity with a count each, linking users and naming unknown objects", async () => {
    mockApi({
      "GET /api/session": { body: session() },
      [`GET /api/tenants/${TENANT_ID}/findings`]: {
        body: {
          value: [
            finding({
              code: "APPX_NO_APP_ADMIN",
              title: "No Application Administrator",
              objects: [{ type: "tenant", id: TENANT_ID, displayName: "Contoso" }],
            }),
            finding({
              code: "DIR_ADMIN_ACCOUNT_DISABLED",
              title: "Admin account disabled",
              objects: [{ type: "user", id: "u-1", displayName: "Jane Doe" }],
            }),
            finding({
              code: "CONN_X",
              severity: "warning",
              title: "Connector account unlicensed",
              objects: [{ type: "connector", id: "c-1", displayName: "CONN01" }],
            }),
          ],
          summary: { error: 2, warning: 1, info: 0 },
        },
      },
    });
    renderApp("/health");

    const errors = await screen.findByRole("region", { name: /Errors \(2\)/ });
    expect(within(errors).getAllByRole("article")).toHaveLength(2);
    const warnings = screen.getByRole("region", { name: /Warnings \(1\)/ });
    expect(within(warnings).getByText("Connector account unlicensed")).toBeTruthy();
    expect(screen.queryByRole("region", { name: /Info/ })).toBeNull();

    expect(screen.getByRole("link", { name: "Jane Doe (user)" }).getAttribute("href")).toBe("/entra/users/u-1");
    expect(screen.getByRole("link", { name: "Contoso (tenant)" }).getAttribute("href")).toBe("/entra/overview");
    // No blade for connectors yet: plain text, not a dead link.
    expect(screen.queryByRole("link", { name: /CONN01/ })).toBeNull();
    expect(screen.getByText("CONN01 (connector)")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Errors: 2" })).toBeTruthy();
  });
});
