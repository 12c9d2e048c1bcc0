// The topology page: the graph and its table of connections say the same thing; clicking a connection shows the
// findings that colour it and links to both ends' screens.
import { describe, expect, it } from "vitest";
import { fireEvent, screen, within } from "@testing-library/react";
import type { Topology } from "@certlab/domain/topology/types";
import { finding } from "@/testing/guides";
import { mockApi, session } from "@/testing/mock-api";
import { renderApp } from "@/testing/render-app";

const topology: Topology = {
  nodes: [
    { id: "device", kind: "device", label: "iOS device", zone: "internet", health: "ok", findings: [] },
    { id: "appproxy", kind: "appProxyService", label: "Application proxy", zone: "cloud", health: "ok", findings: [], link: "/entra/enterprise-apps/app-1/app-proxy" },
    { id: "ndes", kind: "ndes", label: "NDES01", detail: "ndes01.corp.contoso.com", zone: "onPremises", health: "ok", findings: [], link: "/lab/ndes" },
  ],
  edges: [
    {
      id: "device-appproxy",
      source: "device",
      target: "appproxy",
      label: "HTTPS 443 https://ndes-contoso.msappproxy.net/",
      health: "error",
      findings: [finding("APPPROXY_PREAUTH_NOT_PASSTHROUGH", "error", { title: "NDES is not published with Passthrough" })],
    },
    { id: "appproxy-ndes", source: "appproxy", target: "ndes", label: "HTTPS 443 https://ndes01.corp.contoso.com/", health: "ok", findings: [] },
  ],
};

describe("the lab topology page", () => {
  it("lists every connection with its health and opens the findings of the one clicked", async () => {
    mockApi({ "GET /api/session": { body: session() }, "GET /api/topology": { body: topology } });
    renderApp("/lab/topology");
    const table = await screen.findByRole("table", { name: "Connections" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => r.getAttribute("data-health"))).toEqual(["error", "ok"]);
    expect(rows[0]!.textContent).toContain("HTTPS 443 https://ndes-contoso.msappproxy.net/");

    fireEvent.click(within(rows[0]!).getByRole("button", { name: "Error, 1 finding" }));
    const pane = await screen.findByRole("region", { name: "Selection: iOS device → Application proxy" });
    expect(within(pane).getByRole("list", { name: /Findings of/ }).textContent).toContain("NDES is not published with Passthrough");
    expect(within(pane).getByRole("link", { name: "Open Application proxy" }).getAttribute("href")).toBe("/entra/enterprise-apps/app-1/app-proxy");
    expect(screen.getByRole("figure", { name: "Lab topology" })).toBeTruthy();
  });
});
