/**
 * One place that prepares @peculiar/x509: it needs `reflect-metadata` loaded first and a WebCrypto provider.
 * Every module of this package imports x509 from here so the provider is set exactly once.
 */
import "reflect-metadata";
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";

// Node's webcrypto is structurally the WebCrypto `Crypto` that @peculiar/x509 expects.
x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

export { x509, webcrypto };
export type CryptoKey = webcrypto.CryptoKey;
export type CryptoKeyPair = webcrypto.CryptoKeyPair;
