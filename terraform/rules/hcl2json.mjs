// Prints one JSON object: every .tf file of the given directories (not recursive), parsed by
// @cdktf/hcl2json, keyed by its path as given. Expressions stay as written ("${var.name}").
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(join(process.env.HCL2JSON_MODULES, "package.json"));
const { parse } = require("@cdktf/hcl2json");

const result = {};
for (const directory of process.argv.slice(2)) {
  for (const name of readdirSync(directory).filter((n) => n.endsWith(".tf")).sort()) {
    const path = join(directory, name);
    result[path] = await parse(path, readFileSync(path, "utf8"));
  }
}
process.stdout.write(JSON.stringify(result));
