// Validates an unpacked Teams app package (a folder with manifest.json, its icons and localization files)
// against Microsoft's own schemas as bundled in @microsoft/app-manifest. It never fetches a schema: a $schema
// that is not bundled is a problem, because validation must give the same answer on a machine without network.
//
//   node validate.mjs <package folder>
//
// Prints one line per problem ("<file>: <where> <what>") and exits 1 when there are any, 2 when the folder
// cannot be read, 0 with "valid" otherwise.
import { createRequire } from "node:module";
import { readFile, access } from "node:fs/promises";
import path from "node:path";

const require = createRequire(import.meta.url);
const { AppManifestUtils } = require("@microsoft/app-manifest");
const Ajv = require("ajv-draft-04");
const addFormats = require("ajv-formats");
const packageRoot = path.dirname(require.resolve("@microsoft/app-manifest/package.json"));
const bundledSchemas = path.join(packageRoot, "build", "json-schemas");
const schemaUrlPrefix = "https://developer.microsoft.com/json-schemas/";

const folder = process.argv[2];
if (!folder) {
  console.error("usage: node validate.mjs <folder with manifest.json>");
  process.exit(2);
}

const problems = [];
const report = (file, message) => problems.push(`${file}: ${message}`);

async function readJson(file) {
  try {
    // Teams tolerates a UTF-8 byte order mark; so does this.
    return JSON.parse((await readFile(path.join(folder, file), "utf8")).replace(/^\uFEFF/, ""));
  } catch (error) {
    report(file, error.code === "ENOENT" ? "is missing from the package" : `is not valid JSON (${error.message})`);
    return undefined;
  }
}

async function bundledSchema(file, url) {
  if (typeof url !== "string" || !url.startsWith(schemaUrlPrefix)) {
    report(file, `$schema must be a ${schemaUrlPrefix}… URL bundled with @microsoft/app-manifest, not ${JSON.stringify(url)}`);
    return undefined;
  }
  const local = path.join(bundledSchemas, ...url.slice(schemaUrlPrefix.length).split("/"));
  try {
    // The same clean-up the package applies to downloaded schemas: \a and \v are not JSON escapes.
    return JSON.parse((await readFile(local, "utf8")).replace(/\\a/g, "\\u0007").replace(/\\v/g, "\\u000b"));
  } catch {
    report(file, `$schema ${url} is not one of the schemas bundled with @microsoft/app-manifest`);
    return undefined;
  }
}

async function validateManifest(file, document) {
  const schema = await bundledSchema(file, document.$schema);
  if (schema) {
    for (const error of await AppManifestUtils.validateAgainstSchema(document, schema)) {
      report(file, error.startsWith(" ") ? `(root)${error}` : error);
    }
  }
}

// The localization schemas' key patterns (e.g. "\\b]" in activities.activityTypes) are valid JavaScript regular
// expressions only without the "u" flag, which ajv sets by default and the package's validator cannot turn off.
async function validateLocalization(file, document) {
  const schema = await bundledSchema(file, document.$schema);
  if (schema) {
    const ajv = new Ajv({ allErrors: true, strictTypes: false, unicodeRegExp: false });
    addFormats(ajv, ["uri", "email", "regex"]);
    const check = ajv.compile(schema);
    if (!check(document)) {
      for (const error of check.errors) {
        const where = error.params?.additionalProperty ? `/${error.params.additionalProperty}` : error.instancePath || "(root)";
        report(file, `${where} ${error.message}`);
      }
    }
  }
}

async function exists(file) {
  try {
    await access(path.join(folder, file));
    return true;
  } catch {
    return false;
  }
}

// "bots[0].commandLists[1].commands[0].title" → the value at that place in the manifest, or undefined.
function valueAt(document, key) {
  return key.split(".").flatMap(part => part.split(/\[(\d+)\]/).filter(Boolean))
    .reduce((node, step) => (node === undefined || node === null ? undefined : node[step]), document);
}

const manifest = await readJson("manifest.json");
if (manifest === undefined) {
  console.log(problems.join("\n"));
  process.exit(2);
}

await validateManifest("manifest.json", manifest);

for (const icon of ["color", "outline"]) {
  const file = manifest.icons?.[icon];
  if (typeof file === "string" && !(await exists(file))) {
    report("manifest.json", `/icons/${icon} names ${file}, which is missing from the package`);
  }
}

for (const language of manifest.localizationInfo?.additionalLanguages ?? []) {
  const localization = await readJson(language.file);
  if (localization === undefined) {
    continue;
  }
  await validateLocalization(language.file, localization);
  const expected = manifest.$schema?.replace("MicrosoftTeams.schema.json", "MicrosoftTeams.Localization.schema.json");
  if (localization.$schema !== expected) {
    report(language.file, `$schema should be ${expected}, the localization schema of the manifest's version`);
  }
  // Teams applies a translation by its path; one that points at nothing is silently lost.
  for (const key of Object.keys(localization).filter(key => key !== "$schema")) {
    if (typeof valueAt(manifest, key) !== "string") {
      report(language.file, `${key} translates nothing: manifest.json has no text there`);
    }
  }
}

if (problems.length > 0) {
  console.log(problems.join("\n"));
  process.exit(1);
}
console.log("valid");
