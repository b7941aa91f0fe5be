import { createServer } from "node:net";

function listenOnce(host: string, port: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen({ host, port, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === "object" && address ? address.port : port;
      server.close(() => resolvePort(bound));
    });
  });
}

/**
 * Asks the OS for a free TCP port on `host` (listen on port 0, read the port, close).
 * Another process may take the port before it is used; callers should still handle that.
 */
export function getFreePort(host = "127.0.0.1"): Promise<number> {
  return listenOnce(host, 0);
}

/**
 * Resolves `true` when `port` on `host` can be bound right now, `false` when it is in use
 * (`EADDRINUSE`). Other errors (e.g. `EACCES`, a bad host) reject.
 */
export async function isPortFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  try {
    await listenOnce(host, port);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EADDRINUSE") return false;
    throw err;
  }
}
