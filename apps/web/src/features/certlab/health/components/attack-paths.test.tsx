// Issue 14: Health shows attack paths (security findings) apart from enrollment failures, each with its path in
// words taken from the finding.
import { describe, expect, it } from "vitest";
import { screen, within } from "@testing-library/react";
import type { Finding } from "@/shared/api/types";
import { mockApi, session, TENANT_ID } from "@/testing/mock-api";
import { renderApp } from "@/testing/render-app";

const base: Omit<Finding, "code" | "title" | "category"> = { severity: "error", message: "m", fix: "f", why: "w", symptom: "s", sources: ["X2"], objects: [] };

describe("Health: attack paths", () => {
  it("lists security findings under Attack paths with their path, and enrollment failures apart", async () => {
    mockApi({
      "GET /api/session": { body: session() },
      [`GET /api/tenants/${TENANT_ID}/findings`]: {
        body: {
          value: [
            {
              ...base,
              code: "ADCS_ESC1_ENROLLEE_SUPPLIES_SUBJECT",
              category: "security",
              title: "Anyone can request a logon certificate for any user (ESC1)",
              attackPath: ["CONTOSO\\Domain Users", "Enroll on 'Intune SCEP'", "supply subject", "Client Authentication", "logon as anyone"],
              objects: [{ type: "certificateTemplate", id: "tpl-1", displayName: "Intune SCEP" }],
            },
            { ...base, code: "CA_TEMPLATE_NOT_PUBLISHED", category: "enrollment", title: "The SCEP template is not published" },
          ],
          summary: { error: 2, warning: 0, info: 0 },
        },
      },
    });
    renderApp("/health");
    const paths = await screen.findByRole("region", { name: /Attack paths \(1\)/ });
    const card = within(paths).getByRole("article", { name: /ESC1/ });
    expect(within(card).getByRole("list", { name: "Path: CONTOSO\\Domain Users → Enroll on 'Intune SCEP' → supply subject → Client Authentication → logon as anyone" })).toBeTruthy();
    expect(within(paths).queryByText("The SCEP template is not published")).toBeNull();
    const errors = screen.getByRole("region", { name: /Errors \(1\)/ });
    expect(within(errors).getByText("The SCEP template is not published")).toBeTruthy();
    expect(within(errors).queryByText(/ESC1/)).toBeNull();
  });

  it("shows no Attack paths section when every finding is about enrollment", async () => {
    mockApi({
      "GET /api/session": { body: session() },
      [`GET /api/tenants/${TENANT_ID}/findings`]: { body: { value: [{ ...base, code: "X", category: "enrollment", title: "t" }], summary: { error: 1, warning: 0, info: 0 } } },
    });
    renderApp("/health");
    await screen.findByRole("region", { name: /Errors \(1\)/ });
    expect(screen.queryByRole("region", { name: /Attack paths/ })).toBeNull();
  });
});
