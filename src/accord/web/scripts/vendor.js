// Copies the third-party assets the dashboard serves (package.json's "vendor" table: public
// name -> file under node_modules) and their licences into vendor/, which the server reads and
// the wheel ships. Runs after every `npm ci` / `npm install` (the "postinstall" script).
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const web = join(dirname(fileURLToPath(import.meta.url)), "..");
const modules = join(web, "node_modules");
const out = join(web, "vendor");
const { vendor } = JSON.parse(readFileSync(join(web, "package.json"), "utf8"));

rmSync(out, { recursive: true, force: true });
mkdirSync(out);
const packages = new Set();
for (const [name, source] of Object.entries(vendor)) {
  copyFileSync(join(modules, source), join(out, name));
  packages.add(source.split("/")[0]);
}
for (const pkg of packages) {
  const licence = join(modules, pkg, "LICENSE");
  if (!existsSync(licence)) throw new Error(`${pkg} has no LICENSE file to ship with its assets`);
  copyFileSync(licence, join(out, `${pkg}.LICENSE`));
}
console.log(`vendor/: ${Object.keys(vendor).length} assets, ${packages.size} licences`);
