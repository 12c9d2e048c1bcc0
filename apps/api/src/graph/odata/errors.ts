/**
 * The one error type of the OData layer. Every invalid query option ends here; the HTTP layer maps it to 400
 * with Graph's error body (code "Request_BadRequest" on directory resources, "BadRequest" on Intune ones).
 * `target` names the query option at fault ("$filter", "$top", ...); `position` is the 0-based character
 * offset inside a $filter expression when the error is a syntax error there.
 */
export class ODataError extends Error {
  constructor(
    message: string,
    public readonly target?: string,
    public readonly position?: number,
  ) {
    super(message);
    this.name = "ODataError";
  }
}

/** "Invalid filter clause: syntax error at position 14 in 'displayName eq'." */
export function filterSyntaxError(text: string, position: number): ODataError {
  return new ODataError(`Invalid filter clause: syntax error at position ${position} in '${text}'.`, "$filter", position);
}

/** A $filter that parses but means nothing (wrong types, unknown function, ...). */
export function filterSemanticError(detail: string, position?: number): ODataError {
  return new ODataError(`Invalid filter clause: ${detail}`, "$filter", position);
}

/** "Could not find a property named 'foo' on type 'microsoft.graph.user'." */
export function unknownPropertyError(property: string, typeName: string, target: string): ODataError {
  return new ODataError(`Could not find a property named '${property}' on type '${typeName}'.`, target);
}
