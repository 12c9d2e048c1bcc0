// Issue 8 "pictures": on the complete correct setup the lab topology is green; NDES switched to Microsoft Entra ID
// pre-authentication in Entra (seed 000: "It's not possible to use any form of pre authentication") turns the
// application proxy edge red; Passthrough again turns it green. Screenshots of the page go into the report.
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { signIn } from "../fixtures/portal";

type Edge = { id: string; source: string; target: string; label: string; health: string; findings: { code: string }[] };
type Topology = { nodes: { id: string; label: string; health: string; link?: string }[]; edges: Edge[] };

const RED = "rgb(197, 15, 31)";
const GREEN = "rgb(16, 124, 16)";

async function topology(page: Page): Promise<Topology> {
  const res = await page.request.get("/api/topology");
  expect(res.ok(), `GET /api/topology: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as Topology;
}

/** The stroke colour the picture draws an edge with (what an admin sees), and its health. */
async function edgeColour(page: Page, id: string) {
  const edge = page.getByTestId(`rf__edge-${id}`);
  await expect(edge).toBeVisible();
  return edge.locator("path.react-flow__edge-path");
}

async function shot(page: Page, testInfo: TestInfo, name: string) {
  await testInfo.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
}

/** Entra › Enterprise apps › the NDES application › Application proxy › Pre Authentication, saved. */
async function setPreAuthentication(page: Page, appName: RegExp, label: "Microsoft Entra ID" | "Passthrough") {
  await page.goto("/entra/enterprise-apps");
  await page.getByRole("table", { name: "Applications" }).getByRole("link", { name: appName }).first().click();
  await page.getByRole("navigation", { name: /^Application / }).getByRole("link", { name: "Application proxy" }).click();
  await expect(page.getByRole("heading", { name: /\| Application proxy$/ })).toBeVisible();
  await page.getByRole("combobox", { name: "Pre Authentication" }).selectOption({ label });
  await page.getByRole("toolbar", { name: "Commands" }).getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("combobox", { name: "Pre Authentication" })).toHaveValue(label === "Passthrough" ? "passthru" : "aadPreAuthentication");
  await expect(page.getByRole("toolbar", { name: "Commands" }).getByRole("button", { name: "Save" })).toBeDisabled();
}

test("the topology shows a red edge for a broken application proxy and a green one after the fix", async ({ page }, testInfo) => {
  test.setTimeout(150_000);
  await signIn(page);

  // The complete correct setup, from the home page (after its confirmation).
  await page.goto("/");
  await page.getByRole("button", { name: "Load the complete correct setup" }).click();
  await page.getByRole("dialog", { name: "Load the complete correct setup?" }).getByRole("button", { name: "Load" }).click();
  await expect(page.getByText("Loaded the complete correct setup").first()).toBeVisible();

  // From the lab console to the picture: everything the rules check is fine.
  await page.goto("/lab");
  await page.getByRole("link", { name: "see them on the lab topology" }).click();
  await expect(page.getByRole("heading", { name: "Lab topology", level: 1 })).toBeVisible();
  const before = await topology(page);
  expect(before.edges.filter((e) => e.health === "error" || e.health === "warning").map((e) => `${e.id}: ${e.findings.map((f) => f.code)}`)).toEqual([]);
  const connections = page.getByRole("table", { name: "Connections" });
  await expect(connections.locator('tr[data-health="error"]')).toHaveCount(0);
  for (const kind of ["appProxyService", "ndes", "issuingCa", "intune", "entra"]) {
    expect(before.nodes.some((n) => (n as { kind?: string }).kind === kind), kind).toBe(true);
  }

  // Break it in Entra: NDES behind Microsoft Entra ID pre-authentication (SCEP can't pre-authenticate).
  await setPreAuthentication(page, /NDES/, "Microsoft Entra ID");
  await page.goto("/lab/topology");
  const broken = await topology(page);
  const edge = broken.edges.find((e) => e.findings.some((f) => f.code === "APPPROXY_PREAUTH_NOT_PASSTHROUGH"));
  expect(edge, JSON.stringify(broken.edges.map((e) => [e.id, e.health, e.findings.map((f) => f.code)]))).toBeTruthy();
  expect(edge!.health).toBe("error");
  await expect(await edgeColour(page, edge!.id)).toHaveCSS("stroke", RED);
  const row = connections.getByRole("row").filter({ hasText: edge!.label });
  await expect(row).toHaveAttribute("data-health", "error");

  // Click the edge: its findings and a link to the object.
  await page.getByTestId(`rf__edge-${edge!.id}`).click({ force: true });
  const pane = page.getByRole("region", { name: /^Selection: / });
  await expect(pane).toContainText("APPPROXY_PREAUTH_NOT_PASSTHROUGH");
  await shot(page, testInfo, "topology: application proxy broken (red)");

  // Fix it, and the same edge is green again.
  await setPreAuthentication(page, /NDES/, "Passthrough");
  await page.goto("/lab/topology");
  await expect(await edgeColour(page, edge!.id)).toHaveCSS("stroke", GREEN);
  await expect(connections.getByRole("row").filter({ hasText: edge!.label })).toHaveAttribute("data-health", "ok");
  await shot(page, testInfo, "topology: application proxy fixed (green)");

  // Health links to the same picture, and shows seed 004's request flow.
  await page.goto("/health");
  await expect(page.getByRole("list", { name: "Hops of the SCEP request flow" }).getByRole("button")).toHaveCount(6);
  await page.getByRole("button", { name: "Lab topology" }).click();
  await expect(page).toHaveURL(/\/lab\/topology$/);
});
