import type { Plugin } from "esbuild";
import { workspaceAlias } from "../../../../vitest.aliases";

/**
 * An esbuild plugin that resolves `@kong-mlflow/*` imports to the packages'
 * sources (the same map vitest uses), so bundles need no build. Test helper.
 */
export function workspaceSources(): Plugin {
  return {
    name: "kong-mlflow-workspace-sources",
    setup(build) {
      build.onResolve({ filter: /^@kong-mlflow\// }, (args) => {
        const path = workspaceAlias[args.path];
        return path ? { path } : undefined;
      });
    },
  };
}
