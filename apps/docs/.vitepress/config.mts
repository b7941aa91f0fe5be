import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type DefaultTheme, defineConfig } from "vitepress";

const docsDir = fileURLToPath(new URL("..", import.meta.url));

/** The API reference sidebar that scripts/api-reference.mjs writes next to the generated pages. */
function apiSidebar(): DefaultTheme.SidebarItem[] {
  const file = `${docsDir}pages/api/typedoc-sidebar.json`;
  if (!existsSync(file)) return [];
  return JSON.parse(readFileSync(file, "utf8")) as DefaultTheme.SidebarItem[];
}

const guide: DefaultTheme.SidebarItem[] = [
  {
    text: "Guide",
    items: [
      { text: "Quickstart", link: "/guide/quickstart" },
      { text: "Run the demo", link: "/guide/demo" },
      { text: "Node.js", link: "/guide/node" },
      { text: "Edge workers", link: "/guide/edge" },
      { text: "Browsers", link: "/guide/browser" },
      { text: "Troubleshooting", link: "/guide/troubleshooting" },
    ],
  },
  {
    text: "Reference",
    items: [
      { text: "Configuration", link: "/reference/configuration" },
      { text: "Gateway signals", link: "/reference/gateway-signals" },
      { text: "Performance", link: "/reference/performance" },
      { text: "API reference", link: "/api/" },
    ],
  },
];

export default defineConfig({
  title: "kong-mlflow",
  description: "Trace LLM calls made through Kong AI Gateway into MLflow, from Node servers, edge workers and browsers.",
  srcDir: "pages",
  head: [["link", { rel: "icon", type: "image/svg+xml", href: "/favicon.svg" }]],
  // Screenshots and other static files live in apps/docs/public.
  vite: { publicDir: fileURLToPath(new URL("../public", import.meta.url)) },
  cleanUrls: false,
  lastUpdated: false,
  // Every internal link must resolve: the build fails on a dead one.
  ignoreDeadLinks: false,
  markdown: { lineNumbers: false },
  themeConfig: {
    nav: [
      { text: "Guide", link: "/guide/quickstart" },
      { text: "Reference", link: "/reference/configuration" },
      { text: "API", link: "/api/" },
    ],
    sidebar: {
      "/guide/": guide,
      "/reference/": guide,
      "/api/": [{ text: "API reference", link: "/api/", items: apiSidebar() }, ...guide.slice(1)],
    },
    search: { provider: "local" },
    outline: { level: [2, 3] },
  },
});
