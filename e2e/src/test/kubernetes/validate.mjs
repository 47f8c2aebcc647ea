// Validates every document of a Kubernetes manifest against the Kubernetes OpenAPI schema:
// kubernetes-models' classes check types and required fields in validate(). Prints one line per
// problem and exits 1 on any; 0 and "N documents valid" when all are.
//   node validate.mjs FILE
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const file = process.argv[2];
if (!file) {
    console.error("usage: node validate.mjs MANIFEST.yaml");
    process.exit(2);
}
const problems = [];
const documents = parseAllDocuments(readFileSync(file, "utf8"));
for (const [index, document] of documents.entries()) {
    const where = `document ${index + 1}`;
    if (document.errors.length > 0) {
        problems.push(`${where}: not YAML: ${document.errors.map((e) => e.message).join("; ")}`);
        continue;
    }
    const object = document.toJS();
    const { apiVersion, kind } = object ?? {};
    if (typeof apiVersion !== "string" || typeof kind !== "string") {
        problems.push(`${where}: no apiVersion and kind`);
        continue;
    }
    // "v1" is the core group; "apps/v1" is group apps, version v1: kubernetes-models/apps/v1.
    let model;
    try {
        model = (await import(`kubernetes-models/${apiVersion}`))[kind];
    } catch (e) {
        problems.push(`${where}: unknown apiVersion ${apiVersion} (${e.message})`);
        continue;
    }
    if (typeof model !== "function") {
        problems.push(`${where}: unknown kind ${kind} in ${apiVersion}`);
        continue;
    }
    try {
        new model(object).validate();
    } catch (e) {
        problems.push(`${where} (${kind} ${object.metadata?.name}): ${e.message}`);
    }
}
if (documents.length === 0) {
    problems.push("no documents");
}
for (const problem of problems) {
    console.error(problem);
}
if (problems.length > 0) {
    process.exit(1);
}
console.log(`${documents.length} documents valid`);
