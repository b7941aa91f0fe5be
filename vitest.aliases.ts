import { fileURLToPath } from "node:url";

const src = (pkg: string, entry = "index") => fileURLToPath(new URL(`./packages/${pkg}/src/${entry}.ts`, import.meta.url));

/**
 * Workspace packages aliased to their sources, so tests need no build.
 * Subpaths come before their package: an alias also matches `<name>/…`.
 * Shared by every vitest project.
 */
export const workspaceAlias: Record<string, string> = {
  "@kong-mlflow/core/internal": src("core", "internal"),
  "@kong-mlflow/core/gateway": src("core", "gateway"),
  "@kong-mlflow/core": src("core"),
  "@kong-mlflow/node": src("node"),
  "@kong-mlflow/edge/relay": src("edge", "relay"),
  "@kong-mlflow/edge/gateway": src("edge", "gateway"),
  "@kong-mlflow/edge": src("edge"),
  "@kong-mlflow/testkit": src("testkit"),
};
