// @ts-check
// Generates the API reference (pages/api/**) from the packages' TSDoc with TypeDoc and
// typedoc-plugin-markdown; typedoc-vitepress-theme writes the sidebar
// (pages/api/typedoc-sidebar.json) that .vitepress/config.mts reads. Runs offline.
import { rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Application, Converter } from "typedoc";

const docsDir = resolve(fileURLToPath(new URL("..", import.meta.url)));
const packages = resolve(docsDir, "../../packages");
const out = join(docsDir, "pages", "api");

/** The published entry points: package (or package/subpath) and its source. */
export const API_ENTRIES = [
  { name: "node", file: "node/src/index.ts" },
  { name: "edge", file: "edge/src/index.ts" },
  { name: "edge/relay", file: "edge/src/relay.ts" },
  { name: "edge/gateway", file: "edge/src/gateway.ts" },
  { name: "core", file: "core/src/index.ts" },
  { name: "core/gateway", file: "core/src/gateway.ts" },
  { name: "testkit", file: "testkit/src/index.ts" },
];

export async function generateApiReference() {
  rmSync(out, { recursive: true, force: true });
  const app = await Application.bootstrapWithPlugins({
    entryPoints: API_ENTRIES.map((e) => join(packages, e.file)),
    tsconfig: join(docsDir, "tsconfig.typedoc.json"),
    plugin: ["typedoc-plugin-markdown", "typedoc-vitepress-theme"],
    out,
    // The docs build must not fail because a package being edited has a type error:
    // the packages' own typecheck and tests catch those.
    skipErrorChecking: true,
    excludeInternal: true,
    // No "Defined in" source links: the reference is read on the site, not next to a git host.
    disableSources: true,
    excludePrivate: true,
    readme: join(docsDir, "api-intro.md"),
    mergeReadme: true,
    hidePageTitle: false,
    hideBreadcrumbs: true,
    useCodeBlocks: true,
    parametersFormat: "table",
    interfacePropertiesFormat: "table",
    typeDeclarationFormat: "table",
    entryFileName: "index.md",
    // One page per package: a short reference that builds and checks fast.
    outputFileStrategy: "modules",
    name: "API reference",
    // @ts-expect-error options of typedoc-vitepress-theme
    docsRoot: join(docsDir, "pages"),
    sidebar: { autoConfiguration: true, format: "vitepress", pretty: true, collapsed: true },
    logLevel: "Warn",
  });
  // Name each module after its package (TypeDoc would say "node/src").
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const mod of context.project.children ?? []) {
      const entry = API_ENTRIES.find((e) => e.file.replace(/(\/index)?\.ts$/, "") === mod.name);
      if (entry) mod.name = `@kong-mlflow/${entry.name}`;
    }
  });
  const project = await app.convert();
  if (!project) throw new Error("TypeDoc could not convert the packages (see the messages above).");
  await app.generateOutputs(project);
  if (app.logger.hasErrors()) throw new Error("TypeDoc reported errors (see above).");
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  await generateApiReference();
  console.log(`apps/docs: API reference written to pages/api in ${Date.now() - started} ms`);
}
