/**
 * A refusal reaches the client even when the body it refuses is still arriving. Closing a connection with body bytes
 * unread makes the kernel reset it, and a client still sending then sees EPIPE or ECONNRESET instead of the 4xx (the
 * hostile-input system test's multipart tRPC mutation). So a refused body is read and discarded first — but only up to
 * a bound: past it the answer goes at once and the connection is closed, so nobody can make us read without end.
 * Raw sockets, so that a reset is seen as a reset (fetch may or may not surface it, by timing).
 */
import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { requestLimits } from "../../../src/server/limits";
import { setupTestDatabase } from "../../helpers/db";
import { setupTestServer } from "../../helpers/http-server";

setupTestDatabase();
const baseUrl = setupTestServer();

interface Exchange {
  /** The whole answer as text (status line, headers, body). */
  answer: string;
  /** The socket's error (ECONNRESET, EPIPE), if any. */
  error: string | null;
  /** Body bytes the client had written when the answer began to arrive. */
  sentBeforeAnswer: number;
}

/**
 * Sends a request head, then `body` in chunks of 64 KiB, a few milliseconds apart (or, with `endless`, chunked-encoded
 * chunks as fast as they go until the answer arrives), and reads until the server closes the connection.
 */
function exchange(head: string, body: { bytes: number } | { endless: true }): Promise<Exchange> {
  const { port, hostname } = new URL(baseUrl());
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    const received: Buffer[] = [];
    let sent = 0;
    let sentBeforeAnswer = -1;
    let error: string | null = null;
    const chunk = Buffer.alloc(64 * 1024, "y");
    const pump = () => {
      // A sized body is sent whole whatever comes back, as fetch sends it; an endless one until the answer arrives.
      while (!socket.destroyed && ("bytes" in body || sentBeforeAnswer < 0)) {
        if ("bytes" in body) {
          if (sent >= body.bytes) return;
          const part = chunk.subarray(0, Math.min(chunk.length, body.bytes - sent));
          sent += part.length;
          // Paced, as a slower client's body arrives: a server that answers and closes early has closed by the next.
          return void socket.write(part, () => setTimeout(pump, 5));
        } else {
          sent += chunk.length;
          if (!socket.write(`${chunk.length.toString(16)}\r\n${chunk.toString()}\r\n`)) return void socket.once("drain", pump);
        }
      }
    };
    socket.on("connect", () => {
      socket.write(head);
      pump();
    });
    socket.on("data", (data) => {
      if (sentBeforeAnswer < 0) sentBeforeAnswer = sent;
      received.push(data);
    });
    socket.on("error", (e: NodeJS.ErrnoException) => {
      error = e.code ?? e.message;
    });
    socket.on("close", () => resolve({ answer: Buffer.concat(received).toString(), error, sentBeforeAnswer }));
  });
}

function head(method: string, path: string, headers: Record<string, string | number>): string {
  const lines = Object.entries({ host: "127.0.0.1", ...headers }).map(([name, value]) => `${name}: ${value}`);
  return `${method} ${path} HTTP/1.1\r\n${lines.join("\r\n")}\r\n\r\n`;
}

function parse(answer: string) {
  const [top = "", body = ""] = answer.split("\r\n\r\n");
  const [statusLine = "", ...headerLines] = top.split("\r\n");
  const headers = Object.fromEntries(headerLines.map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]));
  return { status: Number(statusLine.split(" ")[1]), headers, body: body ? (JSON.parse(body) as { error: { code: string } }) : null };
}

const KiB = 1024;

describe("refusals are delivered while the body is still arriving", () => {
  it("answers a multipart tRPC mutation 415 after reading its body, and closes the connection cleanly", async () => {
    const size = 600 * KiB;
    const result = await exchange(
      head("POST", "/api/trpc/workflow.save", { "content-type": "multipart/form-data; boundary=x", "content-length": size }),
      { bytes: size },
    );
    expect(result.error).toBeNull();
    const answer = parse(result.answer);
    expect(answer.status).toBe(415);
    expect(answer.headers.connection).toBe("close");
    expect(answer.body?.error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(result.sentBeforeAnswer).toBe(size);
  });

  it("answers 413 for a body past a small route's limit once the body is in (a 600 KiB log-in)", async () => {
    const size = 600 * KiB;
    const result = await exchange(head("POST", "/api/auth/token", { "content-type": "application/json", "content-length": size }), { bytes: size });
    expect(result.error).toBeNull();
    const answer = parse(result.answer);
    expect(answer.status).toBe(413);
    expect(answer.body?.error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(result.sentBeforeAnswer).toBe(size);
  });

  it("answers 415 for a REST body of the wrong type, read first (keep-alive answers need nothing more)", async () => {
    const size = 300 * KiB;
    const result = await exchange(head("POST", "/api/workflows", { "content-type": "text/plain", "content-length": size }), { bytes: size });
    expect(result.error).toBeNull();
    expect(parse(result.answer).status).toBe(415);
  });

  it("does not wait for a declared body past the bound: the answer comes before any of it is sent", async () => {
    const declared = requestLimits().refusedBodyDrainBytes + 1;
    const result = await exchange(
      head("POST", "/api/trpc/workflow.save", { "content-type": "multipart/form-data; boundary=x", "content-length": declared }),
      { bytes: 0 },
    );
    const answer = parse(result.answer);
    expect(answer.status).toBe(415);
    expect(answer.headers.connection).toBe("close");
  });

  it("stops reading an endless chunked body at the bound, answers and closes", async () => {
    const result = await exchange(
      head("POST", "/api/trpc/workflow.save", { "content-type": "text/plain", "transfer-encoding": "chunked" }),
      { endless: true },
    );
    // The answer arrived while the client was still sending: the server stopped reading at its bound. What the
    // client had written by then is the bound plus what the two kernels' socket buffers held (a few MiB at most).
    expect(parse(result.answer).status).toBe(415);
    expect(result.sentBeforeAnswer).toBeGreaterThan(requestLimits().refusedBodyDrainBytes);
    expect(result.sentBeforeAnswer).toBeLessThan(requestLimits().refusedBodyDrainBytes + 32 * 1024 * KiB);
  });
});
