// The HTTP server around the app, as npm start runs it and as the tests that need a socket run it: request lines
// and headers up to 96 KB (SCEP GETs carry the whole PKCS#7 in the query), and what Node's parser refuses before
// Express sees it (headers too large, a malformed request line) answered in Graph's error body, not a bare 400/431.
import { createServer, type Server } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { Socket } from "node:net";
import { randomUUID } from "node:crypto";
import type { Express } from "express";
import { graphErrorDate } from "./errors.ts";

export const MAX_HEADER_BYTES = 96 * 1024;

function clientErrorResponse(status: number, code: string, message: string): string {
  const id = randomUUID();
  const body = JSON.stringify({ error: { code, message, innerError: { date: graphErrorDate(), "request-id": id, "client-request-id": id } } });
  const reason = status === 431 ? "Request Header Fields Too Large" : "Bad Request";
  return `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nrequest-id: ${id}\r\nX-Content-Type-Options: nosniff\r\nContent-Security-Policy: default-src 'none'; frame-ancestors 'none'\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n\r\n${body}`;
}

export function createHttpServer(app: Express): Server {
  return withClientErrors(createServer({ maxHeaderSize: MAX_HEADER_BYTES }, app));
}

/** The same server over TLS (npm start's HTTPS_PORT, issue 10), with a certificate from http/tls.ts. */
export function createHttpsServer(app: Express, tls: { key: string; cert: string }): Server {
  return withClientErrors(createTlsServer({ maxHeaderSize: MAX_HEADER_BYTES, key: tls.key, cert: tls.cert }, app));
}

function withClientErrors<S extends Server>(server: S): S {
  server.on("clientError", (err: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || err.code === "ECONNRESET") {
      socket.destroy();
      return;
    }
    const tooLarge = err.code === "HPE_HEADER_OVERFLOW";
    socket.end(
      tooLarge
        ? clientErrorResponse(431, "RequestHeaderFieldsTooLarge", `The request line and headers are larger than the ${MAX_HEADER_BYTES / 1024} KB this server accepts.`)
        : clientErrorResponse(400, "BadRequest", "The HTTP request could not be parsed."),
    );
  });
  return server;
}
