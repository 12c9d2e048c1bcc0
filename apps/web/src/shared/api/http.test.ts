import { describe, expect, it } from "vitest";
import { ApiError, request, setCsrfToken } from "@/shared/api/http";
import { graphError, mockApi } from "@/testing/mock-api";

describe("the HTTP client", () => {
  it("turns a Graph error body into an ApiError with status, code and message", async () => {
    mockApi({
      "POST /graph/beta/users": {
        status: 400,
        body: graphError("Request_BadRequest", "Invalid value specified for property 'userPrincipalName' of resource 'User'."),
      },
    });
    const err = await request("/graph/beta/users", { method: "POST", body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, code: "Request_BadRequest", requestId: "req-1" });
    expect((err as ApiError).message).toContain("userPrincipalName");
  });

  it("sends the session's CSRF token on writes but not on reads", async () => {
    const { calls } = mockApi({ "GET /api/tokens": { body: { value: [] } }, "DELETE /api/tokens/x": { status: 204 } });
    setCsrfToken("csrf-abc");
    await request("/api/tokens");
    await request("/api/tokens/x", { method: "DELETE" });
    expect(calls[0]?.headers.get("X-CSRF-Token")).toBeNull();
    expect(calls[1]?.headers.get("X-CSRF-Token")).toBe("csrf-abc");
  });
});
