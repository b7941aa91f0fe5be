import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const repo = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
const page = (path: string) => readFileSync(join(repo, "apps/docs/pages", path), "utf8");

/** Property names of an interface (nested object types as `batch.maxBatchSize`), own members only. */
function interfaceMembers(file: string, name: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visitMembers = (members: ts.NodeArray<ts.TypeElement>, prefix: string) => {
    for (const m of members) {
      if (!ts.isPropertySignature(m) || !m.name) continue;
      const key = `${prefix}${m.name.getText(source)}`;
      found.push(key);
      if (m.type && ts.isTypeLiteralNode(m.type)) visitMembers(m.type.members, `${key}.`);
    }
  };
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === name) visitMembers(node.members, "");
  });
  if (found.length === 0) throw new Error(`no interface ${name} with members in ${file}`);
  return found;
}

/** Environment variable names the packages read: string literals in their (non-test) sources. */
function envNames(dir: string): string[] {
  const names = new Set<string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== "testing") walk(path);
      } else if (e.name.endsWith(".ts") && !e.name.endsWith(".test.ts")) {
        const text = readFileSync(path, "utf8");
        for (const m of text.matchAll(/readEnv\w*\(\s*"([A-Z0-9_]+)"/g)) names.add(m[1]!);
        for (const m of text.matchAll(/\b(?:envName|env|setting)\s*[:=]\s*"((?:MLFLOW|KONG|OPENAI)_[A-Z0-9_]+)"/g)) names.add(m[1]!);
        for (const m of text.matchAll(/resolveFlag\([^)]*"([A-Z0-9_]+)"/g)) names.add(m[1]!);
        // a name given as an argument or in a table of settings: `read("url", "KONG_GATEWAY_URL", …)`, `[…, "KONG_MLFLOW_SAMPLE_RATE"]`
        for (const m of text.matchAll(/[,([]\s*"((?:MLFLOW|KONG|OPENAI)_[A-Z0-9_]+)"\s*[,)\]]/g)) names.add(m[1]!);
      }
    }
  };
  walk(dir);
  return [...names].sort();
}

/** Every `code` span of a Markdown page. */
function codeSpans(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!));
}

describe("the configuration reference (apps/docs/pages/reference/configuration.md)", () => {
  const documented = codeSpans(page("reference/configuration.md"));
  const missing = (names: string[], where: string) => names.filter((n) => !documented.has(n)).map((n) => `${n} (${where})`);

  it("lists every init() option, every Node and edge init() option, every gateway setting and every tracedOpenAI option", () => {
    const sources: Array<[string, string]> = [
      ["packages/core/src/config/tracing-options.ts", "TracingOptions"],
      ["packages/node/src/init.ts", "NodeTracingOptions"],
      ["packages/edge/src/init.ts", "EdgeTracingOptions"],
      ["packages/core/src/gateway/kong-gateway.ts", "KongGatewaySettings"],
      ["packages/core/src/openai/traced-openai.ts", "TracedOpenAIOptions"],
      ["packages/core/src/serialize/limits.ts", "SerializeLimits"],
    ];
    const problems: string[] = [];
    for (const [file, name] of sources) {
      const path = join(repo, file);
      if (!existsSync(path)) continue; // a runtime package without its own options yet
      const members = interfaceMembers(path, name).map((m) => (name === "SerializeLimits" ? `serialize.${m}` : m));
      problems.push(...missing(members, `${name} in ${file}`));
    }
    expect(problems, "add these to the configuration reference").toEqual([]);
  });

  it("lists every environment variable the packages read", () => {
    const names = ["core", "node", "edge"].flatMap((p) => envNames(join(repo, "packages", p, "src")));
    expect(names).toContain("MLFLOW_TRACKING_URI");
    expect(names).toContain("KONG_MLFLOW_TRACING_ENABLED");
    expect(names).toContain("MLFLOW_TRACKING_PASSWORD");
    expect(names).toContain("KONG_GATEWAY_URL");
    expect(missing([...new Set(names)], "read in packages/*/src"), "add these to the configuration reference").toEqual([]);
  });
});

describe("the gateway signals reference (apps/docs/pages/reference/gateway-signals.md)", () => {
  it("explains every attribute a traced call can carry", () => {
    const documented = codeSpans(page("reference/gateway-signals.md"));
    const keysFile = readFileSync(join(repo, "packages/core/src/gateway/signal-keys.ts"), "utf8");
    const keys = [...keysFile.matchAll(/:\s*"([a-z_.]+)"/g)].map((m) => m[1]!);
    const openaiDir = join(repo, "packages/core/src/openai");
    const literal = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory()
          ? literal(join(dir, e.name))
          : e.name.endsWith(".test.ts")
            ? []
            : [...readFileSync(join(dir, e.name), "utf8").matchAll(/setAttribute\(\s*"([a-z_.]+)"/g)].map((m) => m[1]!),
      );
    const all = [...new Set([...keys, ...literal(openaiDir)])];
    expect(keys.length).toBeGreaterThan(20);
    expect(all.filter((k) => !documented.has(k)), "add these to the gateway signals reference").toEqual([]);
  });
});
