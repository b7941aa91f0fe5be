export { pageLoad, type PageLoad, type SplitBuild } from "./page-load";
export { vitePageLoad, type VitePageLoad } from "./vite-page-load";
