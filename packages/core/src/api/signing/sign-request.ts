import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import {
  buildCanonicalRequest,
  type CanonicalRequestInput,
  hashCanonicalRequest,
  SIGNATURE_ALGORITHM,
} from "./canonical-request.js";

export interface SigningKey {
  accessKeyId: string;
  accessKeySecret: string;
}

export interface Signature {
  authorization: string;
  signature: string;
  signedHeaders: string[];
  canonicalRequest: string;
}

/** Signs a canonical request with HMAC-SHA256 and returns the Authorization header. */
export function computeSignature(input: CanonicalRequestInput, key: SigningKey): Signature {
  const { canonicalRequest, signedHeaders } = buildCanonicalRequest(input);
  const stringToSign = `${SIGNATURE_ALGORITHM}\n${hashCanonicalRequest(canonicalRequest)}`;
  const signature = createHmac("sha256", key.accessKeySecret)
    .update(stringToSign, "utf8")
    .digest("hex");
  const authorization = `${SIGNATURE_ALGORITHM} Credential=${key.accessKeyId},SignedHeaders=${signedHeaders.join(";")},Signature=${signature}`;
  return { authorization, signature, signedHeaders, canonicalRequest };
}

export interface ParsedAuthorization {
  algorithm: string;
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

/** Reads an `ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…` header; undefined if malformed. */
export function parseAuthorization(header: string | undefined): ParsedAuthorization | undefined {
  if (!header) return undefined;
  const match = /^(\S+)\s+(.*)$/.exec(header.trim());
  if (!match?.[1] || match[2] === undefined) return undefined;
  const fields = new Map<string, string>();
  for (const part of match[2].split(",")) {
    const eq = part.indexOf("=");
    if (eq <= 0) return undefined;
    fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get("Credential");
  const signedHeaders = fields.get("SignedHeaders");
  const signature = fields.get("Signature");
  if (!accessKeyId || !signedHeaders || !signature) return undefined;
  return {
    algorithm: match[1],
    accessKeyId,
    signedHeaders: signedHeaders.split(";").filter(Boolean),
    signature,
  };
}

/** Constant-time comparison of two hex signatures, so timing does not leak how much matched. */
export function signaturesEqual(expected: string, actual: string): boolean {
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(actual, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `YYYY-MM-DDTHH:mm:ssZ`, the form x-acs-date takes. */
export function formatAcsDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** A fresh x-acs-signature-nonce: 16 random bytes, hex. */
export function createNonce(): string {
  return randomBytes(16).toString("hex");
}
