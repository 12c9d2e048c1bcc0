import { describe, expect, it } from "vitest";
import { formatFilter } from "./filter-format";
import { parseFilterSyntax } from "./filter-parser";

const roundTrip = (text: string) => formatFilter(parseFilterSyntax(text));

describe("formatFilter", () => {
  it.each([
    ["displayName eq 'O''Brien'", "displayName eq 'O''Brien'"],
    ["a eq 1 or b eq 2 and c eq 3", "a eq 1 or b eq 2 and c eq 3"],
    ["(a eq 1 or b eq 2) and c eq 3", "(a eq 1 or b eq 2) and c eq 3"],
    ["a eq 1 or (b eq 2 or c eq 3)", "a eq 1 or (b eq 2 or c eq 3)"],
    ["not (a eq 1)", "not (a eq 1)"],
    ["id in ('a', 'b')", "id in ('a','b')"],
    ["assignedLicenses/any(x: x/skuId eq 061f9ace-7d42-4136-88ac-31dc755f143f)", "assignedLicenses/any(x:x/skuId eq 061f9ace-7d42-4136-88ac-31dc755f143f)"],
    ["groupTypes/any()", "groupTypes/any()"],
    ["createdDateTime ge 2026-01-01T00:00:00Z and mail eq null", "createdDateTime ge 2026-01-01T00:00:00Z and mail eq null"],
    ["startswith(tolower(displayName), 'a')", "startswith(tolower(displayName),'a')"],
  ])("%s → %s", (input, output) => {
    expect(roundTrip(input)).toBe(output);
  });

  it("what it writes parses back to the same tree", () => {
    const text = "not (a eq 1 or b/any(x: x/c ne 'it''s')) and (d lt 2 or isof('microsoft.graph.user'))";
    const once = parseFilterSyntax(text);
    const twice = parseFilterSyntax(formatFilter(once));
    const strip = (n: unknown): unknown => JSON.parse(JSON.stringify(n, (k, v) => (k === "pos" ? undefined : v)));
    expect(strip(twice)).toEqual(strip(once));
  });
});
