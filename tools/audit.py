"""`make audit`: pip-audit over the project's virtualenv, failing clearly in each way it can fail.

Exit 0: every installed package was checked against PyPI's vulnerability data and none has a known
vulnerability. Exit 1: a known vulnerability (each listed with its fix). Exit 2: the audit could not run,
for example because PyPI's per-release vulnerability data (https://pypi.org/pypi/NAME/VERSION/json) is not
reachable from this machine; a package that could not be checked is never taken as safe.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent
COMMAND = [str(BIN / "pip-audit"), "--format", "json", "--progress-spinner", "off", "--skip-editable", "--desc", "on"]


def main() -> int:
    try:
        result = subprocess.run(COMMAND, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        print(f"make audit: FAILED: pip-audit did not run ({exc}); install it with `make install-test`")
        return 2
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        print(result.stderr.strip())
        print("make audit: FAILED: pip-audit gave no report (see above): the audit did not run")
        return 2
    dependencies = report["dependencies"]
    skipped = [d for d in dependencies if "skip_reason" in d]
    vulnerable = [d for d in dependencies if d.get("vulns")]
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fix = ", ".join(vuln.get("fix_versions") or []) or "no fixed release yet"
            print(f"{dependency['name']} {dependency['version']}: {vuln['id']} (fixed in: {fix})")
            if vuln.get("description"):
                print(f"    {vuln['description'].splitlines()[0][:200]}")
    if skipped:
        for dependency in skipped[:5]:
            print(f"not checked: {dependency['skip_reason']}")
        if len(skipped) > 5:
            print(f"... and {len(skipped) - 5} more")
        print(
            f"make audit: FAILED: {len(skipped)} of {len(dependencies)} packages could not be checked. When every one is "
            "'not found on PyPI', PyPI's vulnerability data (https://pypi.org/pypi/NAME/VERSION/json) is not "
            "reachable from here (a mirror or proxy that serves only package files): run `make audit` where it is."
        )
        return 2
    if vulnerable:
        count = sum(len(d["vulns"]) for d in vulnerable)
        print(f"make audit: FAILED: {count} known vulnerabilities in {len(vulnerable)} packages: upgrade the pins")
        return 1
    print(f"make audit: {len(dependencies)} packages checked, no known vulnerability")
    return 0


if __name__ == "__main__":
    sys.exit(main())
