import { existsSync } from "node:fs";
import { join } from "node:path";

/** The slice of esbuild's plugin API this uses (so tsup's and esbuild's types both fit). */
interface PluginBuild {
  onResolve(options: { filter: RegExp }, callback: (args: { path: string }) => { path: string } | undefined): void;
}

/**
 * An esbuild plugin that resolves `@kong-mlflow/<pkg>[/<entry>]` to
 * `<packagesDir>/<pkg>/src/<entry>.ts`: bundles are made from the sources of
 * this checkout, whatever state (or rebuild) the packages' `dist` is in.
 */
export function workspaceSources(packagesDir: string) {
  return {
    name: "workspace-sources",
    setup(build: PluginBuild) {
      build.onResolve({ filter: /^@kong-mlflow\// }, (args) => {
        const [, pkg, entry = "index"] = /^@kong-mlflow\/([^/]+)(?:\/(.+))?$/.exec(args.path)!;
        const path = join(packagesDir, pkg!, "src", `${entry}.ts`);
        return existsSync(path) ? { path } : undefined;
      });
    },
  };
}
