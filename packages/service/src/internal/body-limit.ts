import type { IncomingMessage } from "node:http";

/**
 * Reads a request body without keeping it (no operation takes one) and stops at `maxBytes`:
 * true when the whole body fit, false as soon as it did not. Then the message is paused, so
 * Node reads a few more kilobytes at most and the sender's own buffers fill; the caller
 * answers 413 and closes the connection without reading the rest. Node would otherwise read
 * and discard all of it, however long, to keep the connection for another request.
 */
export function readBodyWithin(incoming: IncomingMessage, maxBytes: number): Promise<boolean> {
  return new Promise((resolve) => {
    let received = 0;
    const finish = (withinLimit: boolean) => {
      incoming.off("data", onData);
      incoming.off("end", onEnd);
      incoming.off("close", onClose);
      resolve(withinLimit);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        incoming.pause();
        finish(false);
      }
    };
    const onEnd = () => finish(true);
    // The sender went away mid-body: whatever is answered, no one reads it.
    const onClose = () => finish(false);
    incoming.on("data", onData);
    incoming.on("end", onEnd);
    incoming.on("close", onClose);
  });
}
