export { pageLoad, type PageLoad, type SplitBuild } from "./page-load";
