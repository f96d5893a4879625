#!/usr/bin/env node
// Runs the pwflow binary that npm installed with this package: one of the optional
// dependencies `@pwflow/cli-<os>-<cpu>` (esbuild's and biome's layout; npm installs only the
// one whose `os` and `cpu` match). Nothing is downloaded at install or run time.
"use strict";

const { spawnSync } = require("node:child_process");

const PLATFORMS = {
  "darwin arm64": "@pwflow/cli-darwin-arm64",
  "darwin x64": "@pwflow/cli-darwin-x64",
  "linux arm64": "@pwflow/cli-linux-arm64",
  "linux x64": "@pwflow/cli-linux-x64",
  "win32 x64": "@pwflow/cli-win32-x64",
};

function fail(message) {
  process.stderr.write(`pwflow: ${message}\n`);
  process.exit(2); // pwflow's exit code for usage and internal errors
}

function binaryPath() {
  if (process.env.PWFLOW_BINARY) return process.env.PWFLOW_BINARY;
  const platform = `${process.platform} ${process.arch}`;
  const pkg = PLATFORMS[platform];
  if (!pkg) {
    fail(`no prebuilt binary for ${platform}; build one with \`cargo install --locked pwflow\``);
  }
  const exe = process.platform === "win32" ? "pwflow.exe" : "pwflow";
  try {
    return require.resolve(`${pkg}/bin/${exe}`);
  } catch {
    return fail(
      `${pkg} is not installed. npm skips it when optional dependencies are omitted ` +
        "(--omit=optional, --no-optional): reinstall pwflow without that option",
    );
  }
}

const bin = binaryPath();
const result = spawnSync(bin, process.argv.slice(2), { stdio: "inherit" });
if (result.error) fail(`cannot run ${bin}: ${result.error.message}`);
if (result.signal) process.kill(process.pid, result.signal);
process.exit(result.status ?? 2);
