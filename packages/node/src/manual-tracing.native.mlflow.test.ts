import { manualTracingSuite } from "./testing/manual-tracing-suite";

manualTracingSuite("native");
