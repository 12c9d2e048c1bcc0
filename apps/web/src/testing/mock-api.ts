// A fake same-origin API for component tests: routes by "METHOD /path" (query string ignored unless the key
// has one), records every request.
import { vi } from "vitest";
import type { SessionInfo } from "@/shared/api/types";

export type MockResponse = { status?: number; body?: unknown };
export type Handler = MockResponse | ((req: { url: URL; method: string; body: unknown; headers: Headers }) => MockResponse);

export type Recorded = { method: string; url: URL; body: unknown; headers: Headers };

export function mockApi(routes: Record<string, Handler>) {
  const calls: Recorded[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), window.location.origin);
    const method = (init?.method ?? "GET").toUpperCase();
    const headers = new Headers(init?.headers);
    const body = typeof init?.body === "string" ? JSON.parse(init.body) : undefined;
    calls.push({ method, url, body, headers });
    const handler = routes[`${method} ${url.pathname}${url.search}`] ?? routes[`${method} ${url.pathname}`];
    const res = typeof handler === "function" ? handler({ url, method, body, headers }) : handler;
    if (!res) return new Response(JSON.stringify(graphError("Request_ResourceNotFound", `No mock for ${method} ${url.pathname}`)), { status: 404 });
    const status = res.status ?? 200;
    return new Response(status === 204 ? null : JSON.stringify(res.body ?? {}), {
      status,
      headers: { "Content-Type": "application/json" },
    });
  });
  vi.stubGlobal("fetch", fetchMock);
  return { calls, fetchMock };
}

export function graphError(code: string, message: string) {
  return { error: { code, message, innerError: { date: "2026-03-12T08:19:05Z", "request-id": "req-1", "client-request-id": "req-1" } } };
}

export const TENANT_ID = "7c2f4a52-0c1e-4d0a-9a5e-0b7d2f1c3e11";

export function session(overrides: Partial<SessionInfo> = {}): SessionInfo {
  return {
    account: { signInName: "admin@contoso.onmicrosoft.com" },
    user: { id: "11111111-1111-4111-8111-111111111111", displayName: "Ada Admin", userPrincipalName: "admin@contoso.onmicrosoft.com" },
    tenant: { id: TENANT_ID, displayName: "Contoso", initialDomain: "contoso.onmicrosoft.com", defaultDomain: "contoso.com" },
    roles: [{ id: "62e90394-69f5-4237-9190-012177145e10", displayName: "Global Administrator" }],
    allowedActions: ["directory.read", "directory.users.write", "directory.groups.write", "directory.roles.write", "tokens.self"],
    directories: [{ tenantId: TENANT_ID, displayName: "Contoso", initialDomain: "contoso.onmicrosoft.com" }],
    csrfToken: "csrf-123",
    ...overrides,
  };
}

export const globalReaderSession = () =>
  session({
    roles: [{ id: "f2ef992c-3afb-46b9-b7cf-a126ee74c451", displayName: "Global Reader" }],
    allowedActions: ["directory.read", "intune.read", "audit.read", "tokens.self"],
  });
