import { createPublicKey, createVerify, randomBytes, type KeyObject } from "node:crypto";
import { HttpError } from "./http-error.js";

/** Who is calling: the app (a JWT), one installation (a token from /access_tokens), or nobody. */
export type AuthContext =
  | { kind: "jwt" }
  | { kind: "installation"; installationId: number; token: string }
  | { kind: "none" };

interface IssuedToken {
  installationId: number;
  expiresAt: number;
}

const INSTALLATION_TOKEN_LIFETIME_MS = 60 * 60 * 1000;
/** GitHub rejects app JWTs that live longer than ten minutes. */
const MAX_JWT_LIFETIME_S = 10 * 60;

const base64UrlJson = (segment: string): Record<string, unknown> => {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

/**
 * Verifies app JWTs (RS256 with the public half of the app's private key, `iss` = app id, live `exp`)
 * and issues/validates installation tokens. Time comes from `authClock` (epoch ms), which defaults to
 * the real clock: Octokit signs JWTs with wall time even when the sandbox's own clock is faked.
 */
export class TokenIssuer {
  private readonly publicKey: KeyObject;
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(
    private readonly appId: number,
    privateKey: string,
    private readonly authClock: () => number,
  ) {
    this.publicKey = createPublicKey(privateKey.replace(/\\n/g, "\n"));
  }

  /** Reads the Authorization header; throws 401 with GitHub's messages for bad credentials. */
  authenticate(authorization: string | undefined): AuthContext {
    if (!authorization) return { kind: "none" };
    const match = /^(bearer|token)\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw new HttpError(401, "Bad credentials");
    const credential = match[2] as string;
    if (credential.split(".").length === 3) {
      this.verifyJwt(credential);
      return { kind: "jwt" };
    }
    const issued = this.tokens.get(credential);
    if (!issued || issued.expiresAt <= this.authClock()) throw new HttpError(401, "Bad credentials");
    return { kind: "installation", installationId: issued.installationId, token: credential };
  }

  issue(installationId: number): { token: string; expiresAt: Date } {
    const token = `ghs_${randomBytes(18).toString("base64url")}`;
    const expiresAt = this.authClock() + INSTALLATION_TOKEN_LIFETIME_MS;
    this.tokens.set(token, { installationId, expiresAt });
    return { token, expiresAt: new Date(expiresAt) };
  }

  /** Drops every token of an installation (it was uninstalled). */
  revokeInstallation(installationId: number): void {
    for (const [token, issued] of this.tokens) if (issued.installationId === installationId) this.tokens.delete(token);
  }

  private verifyJwt(jwt: string): void {
    const [header, payload, signature] = jwt.split(".") as [string, string, string];
    const claims = base64UrlJson(payload);
    if (base64UrlJson(header).alg !== "RS256") throw new HttpError(401, "A JSON web token could not be decoded");
    const verifier = createVerify("RSA-SHA256");
    verifier.update(`${header}.${payload}`);
    if (!verifier.verify(this.publicKey, Buffer.from(signature, "base64url"))) {
      throw new HttpError(401, "A JSON web token could not be decoded");
    }
    if (String(claims.iss) !== String(this.appId)) {
      throw new HttpError(401, `'Issuer' claim ('iss') must be an Integer (the App ID ${this.appId})`);
    }
    const now = Math.floor(this.authClock() / 1000);
    const { exp, iat } = claims;
    if (typeof exp !== "number" || exp <= now) {
      throw new HttpError(401, "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires");
    }
    if (typeof iat !== "number" || iat > now + 60) {
      throw new HttpError(401, "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued");
    }
    if (exp - iat > MAX_JWT_LIFETIME_S + 60 || exp > now + MAX_JWT_LIFETIME_S + 60) {
      throw new HttpError(401, "'Expiration time' claim ('exp') is too far in the future");
    }
  }
}
