import { filterSemanticError, filterSyntaxError } from "./errors";
import type {
  ComparisonOp, FilterNode, FunctionName, LambdaNode, LiteralNode, PropertyNode,
} from "./filter-ast";
import { tokenize, type Token } from "./filter-lexer";
import { validateFilter } from "./filter-validate";
import type { EntityTypeInfo } from "./types";

const COMPARISON_OPS: ReadonlySet<string> = new Set(["eq", "ne", "gt", "ge", "lt", "le"]);
const FUNCTIONS: ReadonlySet<string> = new Set(["startswith", "endswith", "contains", "tolower", "toupper", "isof"]);
const LITERAL_WORDS: Record<string, boolean | null> = { true: true, false: false, null: null };
/** Nesting (parentheses, not, function arguments, lambdas) deeper than this is refused, as OData's node-count guard
 * does on Graph; without a bound a long run of "(" overflows the stack of a recursive-descent parser. Deep but
 * bounded filters (1,500 levels) are still evaluated. */
export const MAX_FILTER_DEPTH = 1500;

/**
 * Recursive-descent parser for $filter. Precedence, loosest first:
 *   or  <  and  <  comparison (eq ne gt ge lt le, in)  <  not  <  primary
 * primary := '(' expr ')' | literal | function '(' args ')' | path
 * path    := identifier ('/' identifier)* ['/' ('any'|'all') '(' [var ':' expr] ')']
 */
class Parser {
  private readonly tokens: Token[];
  private index = 0;
  /** Lambda variables in scope, innermost last. */
  private readonly variables: string[] = [];
  private depth = 0;

  constructor(private readonly text: string) {
    this.tokens = tokenize(text);
  }

  parse(): FilterNode {
    const node = this.parseOr();
    if (this.peek().type !== "eof") this.fail();
    return node;
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const t = this.peek();
    if (t.type !== "eof") this.index++;
    return t;
  }

  private fail(token: Token = this.peek()): never {
    throw filterSyntaxError(this.text, token.pos);
  }

  private expect(type: Token["type"]): Token {
    const t = this.peek();
    if (t.type !== type) this.fail(t);
    return this.next();
  }

  private isWord(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.type === "identifier" && t.text === word;
  }

  /** Entering a nested expression (no extra stack frame: the bound has to hold on the default stack). */
  private enter(pos: number): void {
    if (++this.depth > MAX_FILTER_DEPTH) throw filterSemanticError(`the expression nests deeper than ${MAX_FILTER_DEPTH} levels (at position ${pos}).`, pos);
  }

  private parseOr(): FilterNode {
    let left = this.parseAnd();
    while (this.isWord("or")) {
      const pos = this.next().pos;
      const right = this.parseAnd();
      left = { kind: "logical", op: "or", left, right, pos };
    }
    return left;
  }

  private parseAnd(): FilterNode {
    let left = this.parseComparison();
    while (this.isWord("and")) {
      const pos = this.next().pos;
      const right = this.parseComparison();
      left = { kind: "logical", op: "and", left, right, pos };
    }
    return left;
  }

  private parseComparison(): FilterNode {
    const left = this.parseUnary();
    const t = this.peek();
    if (t.type === "identifier" && COMPARISON_OPS.has(t.text)) {
      this.next();
      const right = this.parseUnary();
      return { kind: "comparison", op: t.text as ComparisonOp, left, right, pos: t.pos };
    }
    if (t.type === "identifier" && t.text === "in") {
      this.next();
      this.expect("lparen");
      const list: LiteralNode[] = [this.parseLiteralOnly()];
      while (this.peek().type === "comma") {
        this.next();
        list.push(this.parseLiteralOnly());
      }
      this.expect("rparen");
      return { kind: "in", left, list, pos: t.pos };
    }
    return left;
  }

  private parseUnary(): FilterNode {
    if (this.isWord("not") && this.peek(1).type !== "slash") {
      const pos = this.next().pos;
      this.enter(pos);
      const operand = this.parseUnary();
      this.depth--;
      return { kind: "not", operand, pos };
    }
    return this.parsePrimary();
  }

  private parseLiteralOnly(): LiteralNode {
    const lit = this.tryLiteral();
    if (!lit) this.fail();
    return lit;
  }

  private tryLiteral(): LiteralNode | undefined {
    const t = this.peek();
    switch (t.type) {
      case "string":
        this.next();
        return { kind: "literal", type: "string", value: t.text, pos: t.pos };
      case "number":
        this.next();
        return { kind: "literal", type: "number", value: Number(t.text), pos: t.pos };
      case "guid":
        this.next();
        return { kind: "literal", type: "guid", value: t.text, pos: t.pos };
      case "datetime":
        this.next();
        return { kind: "literal", type: "datetime", value: t.text, pos: t.pos };
      case "identifier":
        if (t.text in LITERAL_WORDS && this.peek(1).type !== "slash") {
          this.next();
          const value = LITERAL_WORDS[t.text]!;
          return { kind: "literal", type: value === null ? "null" : "boolean", value, pos: t.pos };
        }
        return undefined;
      default:
        return undefined;
    }
  }

  private parsePrimary(): FilterNode {
    const t = this.peek();
    if (t.type === "lparen") {
      this.next();
      this.enter(t.pos);
      const inner = this.parseOr();
      this.depth--;
      this.expect("rparen");
      return inner;
    }
    const lit = this.tryLiteral();
    if (lit) return lit;
    if (t.type !== "identifier") this.fail(t);
    if (this.peek(1).type === "lparen") return this.parseCall();
    return this.parsePath();
  }

  private parseCall(): FilterNode {
    const nameToken = this.next();
    const name = nameToken.text.toLowerCase();
    if (!FUNCTIONS.has(name)) {
      throw filterSemanticError(
        `unknown function '${nameToken.text}' at position ${nameToken.pos}; supported: startswith, endswith, contains, tolower, toupper, isof, any, all.`,
        nameToken.pos,
      );
    }
    this.expect("lparen");
    this.enter(nameToken.pos);
    const args: FilterNode[] = [];
    if (this.peek().type !== "rparen") {
      args.push(this.parseOr());
      while (this.peek().type === "comma") {
        this.next();
        args.push(this.parseOr());
      }
    }
    this.expect("rparen");
    this.depth--;
    return { kind: "call", name: name as FunctionName, args, pos: nameToken.pos };
  }

  private parsePath(): FilterNode {
    const first = this.next();
    const node: PropertyNode = { kind: "property", scope: null, path: [], pos: first.pos };
    if (this.variables.includes(first.text)) node.scope = first.text;
    else node.path.push(first.text);
    while (this.peek().type === "slash") {
      this.next();
      const seg = this.expect("identifier");
      if ((seg.text === "any" || seg.text === "all") && this.peek().type === "lparen") {
        return this.parseLambda(node, seg);
      }
      node.path.push(seg.text);
    }
    return node;
  }

  private parseLambda(collection: PropertyNode, opToken: Token): LambdaNode {
    const op = opToken.text as "any" | "all";
    this.expect("lparen");
    if (this.peek().type === "rparen") {
      if (op === "all") this.fail();
      this.next();
      return { kind: "lambda", op, collection, variable: null, body: null, pos: opToken.pos };
    }
    const variable = this.expect("identifier");
    if (/[.@$]/.test(variable.text) || variable.text in LITERAL_WORDS) this.fail(variable);
    this.expect("colon");
    this.variables.push(variable.text);
    this.enter(opToken.pos);
    const body = this.parseOr();
    this.depth--;
    this.variables.pop();
    this.expect("rparen");
    return { kind: "lambda", op, collection, variable: variable.text, body, pos: opToken.pos };
  }
}

/** Parse $filter text into an AST without looking at any entity type (syntax only). */
export function parseFilterSyntax(text: string): FilterNode {
  try {
    return new Parser(text).parse();
  } catch (e) {
    // A stack smaller than the depth bound assumes (another platform's default) still answers a 400.
    if (e instanceof RangeError) throw filterSemanticError(`the expression nests too deeply.`);
    throw e;
  }
}

/** Parse and validate $filter text against an entity type; property names come back in their declared case. */
export function parseFilter(text: string, type: EntityTypeInfo): FilterNode {
  return validateFilter(parseFilterSyntax(text), type);
}
