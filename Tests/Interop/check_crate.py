"""Checks an extracted Criticality archive with the readers its users have.

1. rocrate-validator (roc-validator) against workflow-run-crate-0.5, offline: the RO-Crate 1.1
   JSON-LD context is served from a requests-cache primed with a local copy, since the machines
   that run the tests cannot reach w3id.org. The 1.1 context is the 1.3 context that ro-crate-py
   ships with the bioschemas terms mapped as 1.1 maps them.
2. ro-crate-py opens the crate and finds the main workflow, every CreateAction and every file.
3. h5py opens every HDF5 file and sees labelled axes (dimension scales).

Usage: check_crate.py CRATE_DIR CACHE_DIR [LEVEL]  — prints one JSON object; exit status 0 when
all pass. LEVEL is the validator's requirement level (required, the default, or recommended); at
recommended, every issue is listed with its check's name and the value it failed on, and "ok"
asks only that no REQUIRED check fails (the caller judges the RECOMMENDED ones).
"""
import json
import os
import subprocess
import sys

crate_dir, cache_dir = sys.argv[1], sys.argv[2]
level = sys.argv[3] if len(sys.argv) > 3 else "required"
result = {}

# --- 1. the validator, offline ---------------------------------------------------------------
import requests
import requests_cache
import rocrate

context_url = "https://w3id.org/ro/crate/1.1/context"
with open(os.path.join(os.path.dirname(rocrate.__file__), "data", "ro-crate.jsonld")) as f:
    context = json.load(f)
terms = context["@context"]
for term in ("ComputationalWorkflow", "FormalParameter"):
    terms[term] = "https://bioschemas.org/" + term
for term in ("input", "output"):
    terms[term] = "https://bioschemas.org/properties/" + term
body = json.dumps(context).encode()


class LocalContext(requests.adapters.BaseAdapter):
    """Answers every request for the 1.1 context with the local copy."""

    def send(self, request, **kwargs):
        import io
        import urllib3
        response = requests.Response()
        response.status_code = 200
        response.raw = urllib3.HTTPResponse(body=io.BytesIO(body), headers={"Content-Type": "application/ld+json"},
                                            status=200, preload_content=False, request_url=request.url)
        response._content = body
        response.headers["Content-Type"] = "application/ld+json"
        response.url = request.url
        response.request = request
        return response

    def close(self):
        pass


os.makedirs(cache_dir, exist_ok=True)
cache_name = os.path.join(cache_dir, "http_cache")
session = requests_cache.CachedSession(cache_name=cache_name, backend="sqlite", expire_after=-1,
                                       allowable_methods=("GET",), allowable_codes=(200, 302, 404))
session.mount("https://w3id.org/", LocalContext())
session.get(context_url).raise_for_status()
session.close()

validator = subprocess.run(
    [sys.executable, "-m", "rocrate_validator.main", "validate", "-p", "workflow-run-crate-0.5", "--offline",
     "--cache-path", cache_name, "--no-paging", "-f", "json", "-np", "-l", level, crate_dir],
    capture_output=True, text=True)
if validator.returncode != 0 and "No module named" in validator.stderr:
    validator = subprocess.run(
        [os.path.join(os.path.dirname(sys.executable), "rocrate-validator"), "validate", "-p", "workflow-run-crate-0.5",
         "--offline", "--cache-path", cache_name, "--no-paging", "-f", "json", "-np", "-l", level, crate_dir],
        capture_output=True, text=True)
try:
    report = json.loads(validator.stdout)
    result["validator_passed"] = bool(report.get("passed"))
    result["validator_issues"] = [
        {"severity": i.get("severity"), "check": i.get("check", {}).get("identifier") if isinstance(i.get("check"), dict) else i.get("check"),
         "name": i.get("check", {}).get("name") if isinstance(i.get("check"), dict) else None,
         "message": i.get("message"), "value": i.get("violatingPropertyValue")} for i in report.get("issues", [])]
    result["required_passed"] = bool(report.get("passed")) or (
        level != "required" and not any(i["severity"] == "REQUIRED" for i in result["validator_issues"]))
except json.JSONDecodeError:
    result["validator_passed"] = False
    result["required_passed"] = False
    result["validator_issues"] = [{"message": (validator.stdout + validator.stderr)[-2000:]}]

# --- 2. ro-crate-py ---------------------------------------------------------------------------
from rocrate.rocrate import ROCrate

crate = ROCrate(crate_dir)
main = crate.mainEntity
result["main_workflow"] = main.id if main is not None else None
result["main_types"] = main.type if main is not None else None
actions = [e for e in crate.get_entities() if "CreateAction" in (e.type if isinstance(e.type, list) else [e.type])]
result["create_actions"] = len(actions)
result["stage_actions_with_times"] = sum(1 for a in actions if a.get("startTime") and a.get("endTime") and a.get("instrument"))
files = [e for e in crate.get_entities() if (e.type == "File" or (isinstance(e.type, list) and "File" in e.type))]
result["files"] = len(files)
result["files_missing_on_disk"] = [e.id for e in files if not os.path.exists(os.path.join(crate_dir, e.id))]
result["files_without_sha256"] = [e.id for e in files if not e.get("sha256")]

# --- 3. h5py ----------------------------------------------------------------------------------
import h5py

h5 = []
for root, _, names in os.walk(crate_dir):
    for name in names:
        if name.endswith(".h5"):
            path = os.path.join(root, name)
            with h5py.File(path, "r") as f:
                labelled = [k for k, d in f.items() if isinstance(d, h5py.Dataset) and len(d.dims) > 0
                            and all(len(d.dims[i]) > 0 for i in range(len(d.dims)))]
                h5.append({"file": os.path.relpath(path, crate_dir), "labelled_datasets": len(labelled)})
result["hdf5"] = h5

ok = (result["required_passed"] and result["main_workflow"] and result["create_actions"] > 0
      and not result["files_missing_on_disk"] and not result["files_without_sha256"]
      and all(x["labelled_datasets"] > 0 for x in h5))
result["ok"] = bool(ok)
print(json.dumps(result, indent=1))
sys.exit(0 if ok else 1)
