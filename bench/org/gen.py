#!/usr/bin/env python3
"""Generates a synthetic organisation for the `pwflow audit` scale checks (issue 22).

    bench/org/gen.py OUT [--repos 1000] [--scripts 3] [--logins 10] [--seed 22]

OUT/<team>-<n>/ are git repositories (an empty `.git` directory is enough for
`--repos-under`), with a realistic mix: PHP, Node and Python services with their manifests,
monorepos holding several applications with their own manifests, clean repositories, and a
few plain folders that are not repositories. Each legacy script holds LOGINS password-flow
logins, so REPOS x SCRIPTS x LOGINS is about the number of findings (default ~30 000 from
3 000 scripts). Deterministic for a given seed. Writes OUT/repos.txt (one path per line, for
`--repos-from`).
"""
import argparse
import os
import random

PHP = """<?php
// Nightly job {n}: pulls the call log.
use RingCentral\\SDK\\SDK;
$rcsdk = new SDK(getenv('RC_CLIENT_ID'), getenv('RC_CLIENT_SECRET'), SDK::SERVER_PRODUCTION);
$platform = $rcsdk->platform();
"""
PHP_LOGIN = "$platform->login(getenv('RC_USERNAME'), getenv('RC_EXTENSION'), getenv('RC_PASSWORD{i}'));\n"

JS = """// Job {n}: posts a report to a team chat.
var SDK = require('ringcentral');
var rcsdk = new SDK({{ server: SDK.server.production, appKey: process.env.RC_APP_KEY, appSecret: process.env.RC_APP_SECRET }});
var platform = rcsdk.platform();
"""
JS_LOGIN = "platform.login({{ username: process.env.RC_USERNAME, extension: '101', password: process.env.RC_PASSWORD{i} }});\n"

PY = """# Job {n}: exports call recordings.
from ringcentral import SDK
rcsdk = SDK(os.environ['RC_CLIENT_ID'], os.environ['RC_CLIENT_SECRET'], 'https://platform.ringcentral.com')
platform = rcsdk.platform()
"""
PY_LOGIN = "platform.login(os.environ['RC_USERNAME'], '101', os.environ['RC_PASSWORD{i}'])\n"

CLEAN = "// Nothing to migrate here.\nexport function add(a, b) {\n  return a + b;\n}\n"

KINDS = {
    "php": ("composer.json", '{{"require": {{"ringcentral/ringcentral-php": "{v}"}}}}\n', ["^2.1.0", "^2.3.0", "^3.0"], "php", PHP, PHP_LOGIN),
    "node": ("package.json", '{{"name": "app", "dependencies": {{"ringcentral": "{v}"}}}}\n', ["3.2.1", "^3.1"], "js", JS, JS_LOGIN),
    "python": ("requirements.txt", "ringcentral=={v}\nrequests>=2\n", ["0.7.5", "0.7.12", "0.8.0"], "py", PY, PY_LOGIN),
}


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def app(rng, root, kind, scripts, logins, tag):
    manifest, template, versions, ext, head, login = KINDS[kind]
    write(os.path.join(root, manifest), template.format(v=rng.choice(versions)))
    for s in range(scripts):
        body = head.format(n=f"{tag}-{s}") + "".join(login.format(i=i) for i in range(logins))
        write(os.path.join(root, "jobs", f"job_{s}.{ext}"), body)
    write(os.path.join(root, "src", f"util.{ext}" if ext != "php" else "util.js"), CLEAN)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--repos", type=int, default=1000)
    ap.add_argument("--scripts", type=int, default=3)
    ap.add_argument("--logins", type=int, default=12)
    ap.add_argument("--seed", type=int, default=22)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    teams = ["billing", "crm", "ops", "support", "data", "web"]
    paths = []
    for n in range(a.repos):
        name = f"{rng.choice(teams)}-{n:04d}"
        root = os.path.join(a.out, name)
        os.makedirs(os.path.join(root, ".git"), exist_ok=True)
        paths.append(name)
        roll = rng.random()
        if roll < 0.08:  # clean repository
            write(os.path.join(root, "index.js"), CLEAN)
        elif roll < 0.23:  # monorepo: several applications with their own manifests
            kinds = list(KINDS)
            per = max(1, a.scripts // 2)
            for k, kind in enumerate(rng.sample(kinds, 2)):
                app(rng, os.path.join(root, "services", f"svc{k}"), kind, per, a.logins, f"{name}-{k}")
        else:
            app(rng, root, rng.choices(list(KINDS), weights=[4, 3, 2])[0], a.scripts, a.logins, name)
    for n in range(3):  # folders that are not repositories (copied sources, archives)
        app(rng, os.path.join(a.out, f"archive-{n}"), "php", 1, a.logins, f"archive-{n}")
    with open(os.path.join(a.out, "repos.txt"), "w", encoding="utf-8") as f:
        f.write("".join(f"{p}\n" for p in paths))


if __name__ == "__main__":
    main()
