/**
 * Split `text` on `separator` where it is not inside parentheses or a '...' string literal
 * ("a($select=x,y),b" → ["a($select=x,y)", "b"]). Pieces are not trimmed. Returns undefined when the
 * parentheses do not balance or a string is left open.
 */
export function splitTopLevel(text: string, separator: string): string[] | undefined {
  const parts: string[] = [];
  let depth = 0;
  let inString = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === "'") {
        if (text[i + 1] === "'") i++;
        else inString = false;
      }
      continue;
    }
    if (ch === "'") inString = true;
    else if (ch === "(") depth++;
    else if (ch === ")") {
      depth--;
      if (depth < 0) return undefined;
    } else if (ch === separator && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (depth !== 0 || inString) return undefined;
  parts.push(text.slice(start));
  return parts;
}
