// Placeholder build until the VitePress site lands (issue 5): checks that
// every page exists and copies the Markdown sources to dist/.
import { cpSync, existsSync, mkdirSync, readdirSync } from "node:fs";

const pages = readdirSync("pages").filter((f) => f.endsWith(".md"));
if (pages.length === 0 || !existsSync("pages/index.md")) {
  console.error("apps/docs: pages/index.md is missing");
  process.exit(1);
}
mkdirSync("dist", { recursive: true });
cpSync("pages", "dist", { recursive: true });
console.log(`apps/docs: ${pages.length} page(s) copied to dist/`);
