import { generateKeyPairSync } from "node:crypto";

/** A throwaway RSA key for the app under test, generated once per test file (never committed). */
const pair = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});

export const privateKey: string = pair.privateKey;
export const publicKey: string = pair.publicKey;
