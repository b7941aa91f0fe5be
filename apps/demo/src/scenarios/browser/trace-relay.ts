// #region relay-imports
import { createServer } from "node:http";
import { createTraceRelay, toNodeHandler } from "@kong-mlflow/node";
// #endregion relay-imports

/** The server side of the browser page: the trace relay on a route of your own server (as the docs show it). */
export function startRelayServer(port: number): ReturnType<typeof createServer> {
  // #region relay
  // MLFLOW_TRACKING_URI and the MLflow credentials come from the server's environment.
  const relay = toNodeHandler(createTraceRelay({ experimentNames: ["kong-mlflow-demo"] }));

  const server = createServer((req, res) => {
    if (req.url === "/api/traces") return void relay(req, res);
    res.writeHead(404).end(); // ...your app's other routes
  });
  // #endregion relay
  return server.listen(port);
}
