#!/usr/bin/env python3
"""Static checks of the Ansible project (tests/run calls one subcommand per check).

  templates   every template of our roles and of nginx/ starts with {{ ansible_managed | comment }}
  specs       every role default is prefixed caddy_<role>_ and declared in meta/argument_specs.yml;
              every import of the shared tidb_component passes the options its entry point requires
              and no other, and the calling role holds what it takes from there
  vault       the vault example holds placeholders only; no unencrypted vault.yml is in the tree
  nginx-once  nginx configuration exists once, in nginx/ (no copy under ansible/)
  argv-secrets no redis-cli gets a password on its command line (-a / --pass: visible in ps);
              REDISCLI_AUTH or the caddy-redis-admin helper instead
  port-variables  playbooks/vars/port-variables.yml lists every role default that follows a caddy_ports_*
              port, and nothing else (the pre-flight refuses an inventory that sets one of them)
  sql-tls     every community.mysql task that logs in over the network passes ca_cert (TiDB refuses
              plaintext clients: require_secure_transport)
"""
import pathlib
import re
import sys

import yaml

ANSIBLE = pathlib.Path(__file__).resolve().parent.parent
REPO = ANSIBLE.parent
# Roles of this project owned by the deployment work (monitoring/backup roles are tested elsewhere).
ROLES = ["common", "firewall", "tidb_os", "tidb_binaries", "tidb_tls", "tidb_restart", "tidb_component", "tidb_pd",
         "tidb_tikv", "tidb_server", "redis", "redis_sentinel", "app", "nginx", "haproxy", "keepalived"]
MANAGED = "{{ ansible_managed | comment }}"


def fail(errors):
    for e in errors:
        print("  " + e)
    return 1 if errors else 0


def templates():
    errors = []
    files = [p for r in ROLES for p in (ANSIBLE / "roles" / r / "templates").glob("*.j2")]
    files += list((REPO / "nginx").glob("*.j2"))
    for p in files:
        lines = p.read_text().splitlines()
        head = lines[1:2] if lines and lines[0].startswith("#!") else lines[:1]
        if head != [MANAGED]:
            errors.append(f"{p.relative_to(REPO)}: does not start with {MANAGED}")
    print(f"{len(files)} templates checked")
    return fail(errors) if files else fail(["no templates found"])


def specs():
    errors = []
    for r in ROLES:
        d = ANSIBLE / "roles" / r
        defaults = yaml.safe_load((d / "defaults/main.yml").read_text()) or {}
        spec_file = d / "meta/argument_specs.yml"
        if not spec_file.exists():
            errors.append(f"{r}: no meta/argument_specs.yml")
            continue
        options = yaml.safe_load(spec_file.read_text())["argument_specs"]["main"]["options"]
        for name in defaults:
            if not name.startswith(f"caddy_{r}_"):
                errors.append(f"{r}: variable {name} lacks the prefix caddy_{r}_")
            if name not in options:
                errors.append(f"{r}: {name} is not declared in argument_specs")
        for name, opt in options.items():
            if not opt.get("description"):
                errors.append(f"{r}: {name} has no description")
            if "type" not in opt:
                errors.append(f"{r}: {name} has no type")
    errors += component_imports()
    print(f"{len(ROLES)} roles checked")
    return fail(errors)


def component_imports():
    """Errors of the imports of tidb_component (the steps PD, TiKV and TiDB share): an option its entry
    point requires and not passed, one it does not declare, or what it takes from the calling role
    missing: templates/<name>.toml.j2, templates/run_<name>.sh.j2, and tasks/restart-target.yml
    setting <facts>_restart_target."""
    spec = yaml.safe_load((ANSIBLE / "roles/tidb_component/meta/argument_specs.yml").read_text())["argument_specs"]
    errors, found = [], 0
    for p in sorted((ANSIBLE / "roles").glob("*/tasks/*.yml")):
        role = p.parent.parent
        for task in tasks_of(yaml.safe_load(p.read_text()) or []):
            imported = task.get("ansible.builtin.import_role") or task.get("ansible.builtin.include_role")
            if not isinstance(imported, dict) or imported.get("name") != "tidb_component":
                continue
            found += 1
            where = f"{p.relative_to(ANSIBLE)}: '{task.get('name')}'"
            options = spec[imported.get("tasks_from", "main")]["options"]
            given = task.get("vars") or {}
            errors += [f"{where} does not pass {n}" for n, o in options.items() if o.get("required") and n not in given]
            errors += [f"{where} passes {n}, which tidb_component does not declare" for n in given if n not in options]
            name, facts = given.get("caddy_tidb_component_name"), given.get("caddy_tidb_component_facts")
            errors += [f"{role.name}: no templates/{t} (tidb_component writes it)"
                       for t in (f"{name}.toml.j2", f"run_{name}.sh.j2") if not (role / "templates" / t).exists()]
            target = role / "tasks/restart-target.yml"
            if not target.exists() or f"{facts}_restart_target:" not in target.read_text():
                errors.append(f"{role.name}: tasks/restart-target.yml does not set {facts}_restart_target")
    print(f"{found} imports of tidb_component checked")
    return list(dict.fromkeys(errors)) if found else ["no import of tidb_component found"]


def vault():
    errors = []
    example = ANSIBLE / "inventories/production/group_vars/all/vault.yml.example"
    data = yaml.safe_load(example.read_text())
    for key, value in data.items():
        if not key.startswith("vault_"):
            errors.append(f"{key}: vault variables are named vault_*")
        if "CHANGE_ME" not in str(value):
            errors.append(f"{key}: holds a value, not the CHANGE_ME placeholder")
    for p in ANSIBLE.rglob("vault.yml"):
        if not p.read_text().startswith("$ANSIBLE_VAULT;"):
            errors.append(f"{p.relative_to(REPO)} is not encrypted")
    print(f"{len(data)} secrets in the example")
    return fail(errors)


def nginx_once():
    errors = []
    for p in ANSIBLE.rglob("*"):
        if p.is_file() and p.suffix in (".j2", ".conf") and "tests" not in p.parts:
            text = p.read_text(errors="replace")
            if "ssl_protocols" in text or "server_tokens" in text or "add_header" in text:
                errors.append(f"{p.relative_to(REPO)} holds nginx configuration (it belongs in nginx/)")
    nginx_tasks = (ANSIBLE / "roles/nginx/tasks/config.yml").read_text()
    if "caddy_nginx_template_dir" not in nginx_tasks:
        errors.append("the nginx role does not template from caddy_nginx_template_dir")
    return fail(errors)


def argv_secrets():
    import re
    errors = []
    pattern = re.compile(r"redis-cli\b[^\n]*?(\s-a\s|\s--pass\b|,\s*-a\s*,)")
    files = [p for d in (ANSIBLE, REPO / "backups", REPO / "monitoring", REPO / "scripts")
             for p in d.rglob("*") if p.is_file() and p.suffix in ("", ".yml", ".sh", ".j2", ".py")]
    for p in files:
        if p.name == "static_checks.py":
            continue
        for n, line in enumerate(p.read_text(errors="replace").splitlines(), 1):
            if pattern.search(line):
                errors.append(f"{p.relative_to(REPO)}:{n}: password on redis-cli's command line: {line.strip()}")
    print(f"{len(files)} files checked")
    return fail(errors)


def tasks_of(node):
    """Every task mapping in a parsed playbook or task file (blocks, rescue, always, plays)."""
    if isinstance(node, list):
        for item in node:
            yield from tasks_of(item)
    elif isinstance(node, dict):
        yield node
        for key in ("tasks", "pre_tasks", "post_tasks", "handlers", "block", "rescue", "always"):
            if key in node:
                yield from tasks_of(node[key])


def sql_tls():
    errors, found = [], 0
    files = [p for p in ANSIBLE.rglob("*.yml") if "tests" not in p.relative_to(ANSIBLE).parts]
    for p in files:
        for task in tasks_of(yaml.safe_load(p.read_text()) or []):
            module = next((k for k in task if k.startswith("community.mysql.")), None)
            if not module or not isinstance(task[module], dict) or "login_unix_socket" in task[module]:
                continue
            found += 1
            if "ca_cert" not in task[module]:
                errors.append(f"{p.relative_to(REPO)}: '{task.get('name')}' logs in without ca_cert (plaintext)")
    print(f"{found} community.mysql tasks checked")
    return fail(errors)


def port_variables():
    follows = re.compile(r'^([a-z_]+): "\{\{ (caddy_ports_[a-z_]+) \}\}"$', re.M)
    in_roles = {}
    for p in (ANSIBLE / "roles").glob("*/defaults/main.yml"):
        in_roles.update(dict(follows.findall(p.read_text())))
    listed = yaml.safe_load((ANSIBLE / "playbooks/vars/port-variables.yml").read_text())["caddy_preflight_port_variables"]
    errors = [f"{name}: follows {port} in its role, not listed" for name, port in in_roles.items() if name not in listed]
    errors += [f"{name}: listed as following {port}, but its role's default follows {in_roles.get(name, 'no port')}"
               for name, port in listed.items() if in_roles.get(name) != port]
    print(f"{len(in_roles)} role port variables checked")
    return fail(errors)


if __name__ == "__main__":
    sys.exit({"templates": templates, "specs": specs, "vault": vault, "nginx-once": nginx_once,
              "argv-secrets": argv_secrets, "sql-tls": sql_tls, "port-variables": port_variables}[sys.argv[1]]())
