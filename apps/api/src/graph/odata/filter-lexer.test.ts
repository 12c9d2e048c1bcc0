import { describe, expect, it } from "vitest";
import { ODataError } from "./errors";
import { tokenize } from "./filter-lexer";

const kinds = (text: string) => tokenize(text).map((t) => `${t.type}:${t.text}`);

describe("filter lexer", () => {
  it("splits a comparison into identifier, operator word and string, ending with eof at the text length", () => {
    const tokens = tokenize("displayName eq 'Adele'");
    expect(tokens.map((t) => [t.type, t.text, t.pos])).toEqual([
      ["identifier", "displayName", 0],
      ["identifier", "eq", 12],
      ["string", "Adele", 15],
      ["eof", "", 22],
    ]);
  });

  it("unescapes a doubled quote inside a string literal", () => {
    expect(kinds("'O''Brien'")).toEqual(["string:O'Brien", "eof:"]);
    expect(kinds("''''")).toEqual(["string:'", "eof:"]);
  });

  it("reads bare GUIDs, including ones that start with a letter", () => {
    expect(kinds("bf21f7e9-9d25-4da2-82ab-7fdd85049f83 00000000-0000-0000-0000-000000000000")).toEqual([
      "guid:bf21f7e9-9d25-4da2-82ab-7fdd85049f83",
      "guid:00000000-0000-0000-0000-000000000000",
      "eof:",
    ]);
  });

  it("reads ISO datetimes and dates as one token, and numbers with sign and decimals", () => {
    expect(kinds("2026-01-01T00:00:00Z 2026-03-12T08:19:05.123+02:00 2026-01-01 -12 3.5 1e3")).toEqual([
      "datetime:2026-01-01T00:00:00Z",
      "datetime:2026-03-12T08:19:05.123+02:00",
      "datetime:2026-01-01",
      "number:-12",
      "number:3.5",
      "number:1e3",
      "eof:",
    ]);
  });

  it("reads punctuation of paths, lambdas and lists", () => {
    expect(kinds("a/any(x:x in ('1',2))").map((k) => k.split(":")[0])).toEqual([
      "identifier", "slash", "identifier", "lparen", "identifier", "colon", "identifier", "identifier",
      "lparen", "string", "comma", "number", "rparen", "rparen", "eof",
    ]);
  });

  it("rejects an unterminated string at the position of its opening quote", () => {
    expect(() => tokenize("displayName eq 'Adele")).toThrowError(
      "Invalid filter clause: syntax error at position 15 in 'displayName eq 'Adele'.",
    );
  });

  it("rejects a character that starts no token, naming its position", () => {
    try {
      tokenize("id eq 1 & id eq 2");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ODataError);
      expect((e as ODataError).position).toBe(8);
      expect((e as ODataError).target).toBe("$filter");
    }
  });

  it("rejects a number glued to letters and an impossible date", () => {
    expect(() => tokenize("version eq 12abc")).toThrowError(/position 11/);
    expect(() => tokenize("createdDateTime gt 2026-13-45T00:00:00Z")).toThrowError(/position 19/);
  });
});
