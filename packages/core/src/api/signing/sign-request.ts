import { createHmac, randomFillSync, timingSafeEqual } from "node:crypto";
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
  const { authorization, signature } = signCanonicalRequest(
    canonicalRequest,
    signedHeaders.join(";"),
    key,
  );
  return { authorization, signature, signedHeaders, canonicalRequest };
}

/** The last step of signing, for a canonical request however it was built (see sign-headers.ts). */
export function signCanonicalRequest(
  canonicalRequest: string,
  signedHeaders: string,
  key: SigningKey,
): { authorization: string; signature: string } {
  const stringToSign = `${SIGNATURE_ALGORITHM}\n${hashCanonicalRequest(canonicalRequest)}`;
  const signature = createHmac("sha256", key.accessKeySecret)
    .update(stringToSign, "utf8")
    .digest("hex");
  const authorization = `${SIGNATURE_ALGORITHM} Credential=${key.accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`;
  return { authorization, signature };
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

let formattedSecond = Number.NaN;
let formattedDate = "";

/**
 * `YYYY-MM-DDTHH:mm:ssZ`, the form x-acs-date takes. It changes once a second, and a client
 * signs many requests a second: the last one formatted is kept.
 */
export function formatAcsDate(date: Date): string {
  const second = Math.floor(date.getTime() / 1000);
  if (second !== formattedSecond) {
    formattedDate = date.toISOString().replace(/\.\d{3}Z$/, "Z");
    formattedSecond = second;
  }
  return formattedDate;
}

const NONCE_BYTES = 16;
/** Random bytes drawn at once for 256 nonces: one call to the system's generator, not 256. */
const noncePool = Buffer.alloc(NONCE_BYTES * 256);
let noncePoolOffset = noncePool.length;

/**
 * A fresh x-acs-signature-nonce: 16 random bytes, hex. The bytes come from the operating
 * system's CSPRNG in batches (as crypto.randomUUID does): each draw cost a system call, which
 * profiling showed as a visible share of the CPU a client spends per request. Each nonce still
 * has 128 unpredictable bits of its own; no byte is ever used twice.
 */
export function createNonce(): string {
  if (noncePoolOffset >= noncePool.length) {
    randomFillSync(noncePool);
    noncePoolOffset = 0;
  }
  const nonce = noncePool.toString("hex", noncePoolOffset, noncePoolOffset + NONCE_BYTES);
  noncePoolOffset += NONCE_BYTES;
  return nonce;
}
