/**
 * The deployed Worker's size: `wrangler deploy --dry-run --minify` builds exactly what a deploy
 * would upload (no account needed), and every JavaScript module it writes is gzipped here
 * (node:zlib, default level), which is the size Cloudflare's Worker size limits apply to.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { note, ROOT } from "./lib";

export interface BundleResult {
  rawBytes: number;
  gzipBytes: number;
  files: string[];
}

export function benchBundle(): BundleResult {
  const outdir = mkdtempSync(join(tmpdir(), "rapport-bench-bundle-"));
  try {
    const build = spawnSync("npx", ["--no-install", "wrangler", "deploy", "--dry-run", "--outdir", outdir, "--minify"], {
      cwd: ROOT,
      env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false" },
      encoding: "utf8",
    });
    if (build.status !== 0) {
      throw new Error(`wrangler deploy --dry-run failed (exit ${build.status}):\n${build.stderr}\n${build.stdout}`.slice(0, 4000));
    }
    const files = readdirSync(outdir).filter((name) => /\.(m?js|cjs)$/.test(name));
    if (files.length === 0) throw new Error(`wrangler wrote no JavaScript to ${outdir}`);
    let rawBytes = 0;
    let gzipBytes = 0;
    for (const name of files) {
      const bytes = readFileSync(join(outdir, name));
      rawBytes += bytes.byteLength;
      gzipBytes += gzipSync(bytes).byteLength;
    }
    note(`bundle: ${files.join(", ")}: ${(rawBytes / 1024).toFixed(1)} KB minified, ${(gzipBytes / 1024).toFixed(1)} KB gzipped`);
    return { rawBytes, gzipBytes, files };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
