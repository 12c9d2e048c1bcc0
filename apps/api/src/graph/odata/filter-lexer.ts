import { filterSyntaxError } from "./errors";

export type TokenType =
  | "lparen" | "rparen" | "comma" | "colon" | "slash"
  | "string" | "number" | "guid" | "datetime" | "identifier" | "eof";

export interface Token {
  type: TokenType;
  /** Decoded value: the unescaped text of a string literal, the source text otherwise. */
  text: string;
  /** 0-based offset of the token's first character. */
  pos: number;
}

const GUID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/y;
const DATETIME = /\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2}))?/y;
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const IDENTIFIER = /[A-Za-z_$@][A-Za-z0-9_.$@]*/y;
const IDENTIFIER_CHAR = /[A-Za-z0-9_.$@-]/;

const PUNCTUATION: Record<string, TokenType> = { "(": "lparen", ")": "rparen", ",": "comma", ":": "colon", "/": "slash" };

function matchAt(re: RegExp, text: string, pos: number): string | undefined {
  re.lastIndex = pos;
  const m = re.exec(text);
  return m ? m[0] : undefined;
}

/** True when the character after a literal would glue it to more text (e.g. `12abc`, a GUID with a tail). */
function gluedAt(text: string, end: number): boolean {
  const next = text[end];
  return next !== undefined && IDENTIFIER_CHAR.test(next);
}

/** Split a $filter expression into tokens; the list always ends with an "eof" token at text.length. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < text.length) {
    const ch = text[pos]!;
    if (ch === " " || ch === "\t" || ch === "\r" || ch === "\n") {
      pos++;
      continue;
    }
    const punct = PUNCTUATION[ch];
    if (punct) {
      tokens.push({ type: punct, text: ch, pos });
      pos++;
      continue;
    }
    if (ch === "'") {
      const start = pos;
      let value = "";
      pos++;
      for (;;) {
        if (pos >= text.length) throw filterSyntaxError(text, start);
        const c = text[pos]!;
        if (c === "'") {
          if (text[pos + 1] === "'") {
            value += "'";
            pos += 2;
            continue;
          }
          pos++;
          break;
        }
        value += c;
        pos++;
      }
      tokens.push({ type: "string", text: value, pos: start });
      continue;
    }
    // A GUID may start with a letter (bf21f7e9-...), so try it before identifiers; a date before numbers.
    const guid = matchAt(GUID, text, pos);
    if (guid && !gluedAt(text, pos + guid.length)) {
      tokens.push({ type: "guid", text: guid, pos });
      pos += guid.length;
      continue;
    }
    const dt = matchAt(DATETIME, text, pos);
    if (dt && !gluedAt(text, pos + dt.length)) {
      if (Number.isNaN(Date.parse(dt))) throw filterSyntaxError(text, pos);
      tokens.push({ type: "datetime", text: dt, pos });
      pos += dt.length;
      continue;
    }
    const num = matchAt(NUMBER, text, pos);
    if (num) {
      if (gluedAt(text, pos + num.length)) throw filterSyntaxError(text, pos);
      tokens.push({ type: "number", text: num, pos });
      pos += num.length;
      continue;
    }
    const ident = matchAt(IDENTIFIER, text, pos);
    if (ident) {
      tokens.push({ type: "identifier", text: ident, pos });
      pos += ident.length;
      continue;
    }
    throw filterSyntaxError(text, pos);
  }
  tokens.push({ type: "eof", text: "", pos: text.length });
  return tokens;
}
