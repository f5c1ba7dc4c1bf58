"""Times what a user does with one large model (bench/scale.sh): list, count, file, plan and run a purge, back up,
delete the model."""
import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

base, password, step = sys.argv[1], sys.argv[2], sys.argv[3]


def call(method, path, body=None, token=None):
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode())
    if body is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=600) as r:
            text = r.read().decode()
            return r.status, json.loads(text) if text and text[0] in "[{" else text
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def timed(label, method, path, body=None):
    start = time.time()
    status, answer = call(method, path, body, token)
    seconds = time.time() - start
    if status >= 300:
        sys.exit(f"scale: {label} answered {status}: {answer}")
    print(f"scale {label} seconds {seconds:.2f}")
    return answer


token = call("POST", "/api/auth/login", {"username": "admin", "password": password})[1]["token"]
if step == "setup":
    def made(answer):
        if answer[0] != 201:
            sys.exit(f"scale: setup answered {answer[0]}: {answer[1]}")

    made(call("POST", "/api/models", {"name": "person", "attributes": [
        {"name": "email", "type": "string", "sensitivity": "personal", "required": True},
        {"name": "name", "type": "string", "sensitivity": "personal"},
        {"name": "city", "type": "string"}]}, token))
    made(call("POST", "/api/sequences", {"name": "signup", "entry": "store", "blocks": [
        {"id": "store", "type": "create-instance", "config": {"model": "person", "values": "{{input.body}}"}}],
        "triggers": [{"type": "http", "method": "POST", "path": "/signup"}]}, token))
elif step == "count":
    answer = call("GET", "/api/models/person/stats", token=token)[1]
    print(answer["active"] + answer["deactivated"])
else:
    where = urllib.parse.urlencode({"where": json.dumps({"email": "p1-777@example.org"})})
    timed("first-list-page", "GET", "/api/models/person/instances?limit=50")
    counts = timed("first-counts", "GET", "/api/models/person/stats")
    print(f"scale instances {counts['active'] + counts['deactivated']}")
    for _ in range(3):
        timed("list-page", "GET", "/api/models/person/instances?limit=50")
    timed("counts", "GET", "/api/models/person/stats")
    timed("filter", "GET", f"/api/models/person/instances?{where}")
    filed = timed("file-subject-purge", "POST", "/api/purge-requests", {"scope": {"type": "subject", "model": "person",
        "where": {"email": "p1-777@example.org"}, "attributes": {"email": "delete"}, "everywhere": True}})
    timed("plan-subject-purge", "POST", f"/api/purge-requests/{filed['id']}/plan")
    # four eyes: a second admin approves; then the run (purge, verification by rescanning, compaction) to its end
    call("POST", "/api/users", {"username": "approver", "password": password, "roles": ["admin"]}, token)
    approver = call("POST", "/api/auth/login", {"username": "approver", "password": password})[1]["token"]
    call("POST", f"/api/purge-requests/{filed['id']}/approve", token=approver)
    start = time.time()
    timed("start-subject-purge", "POST", f"/api/purge-requests/{filed['id']}/run")
    while (status := call("GET", f"/api/purge-requests/{filed['id']}", token=token)[1]["status"]) in ("running", "verifying"):
        time.sleep(0.2)
    if status != "completed":
        sys.exit(f"scale: the subject purge ended {status}")
    print(f"scale run-subject-purge seconds {time.time() - start:.2f}")
    timed("backup", "POST", "/api/backups")
    call("DELETE", "/api/sequences/signup", token=token)
    timed("delete-model", "DELETE", "/api/models/person?force=true")
