import { randomUUID } from "node:crypto";

/** An uppercase UUID, the form the real service's request ids take. */
export function createRequestId(): string {
  return randomUUID().toUpperCase();
}
