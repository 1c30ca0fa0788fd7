#!/usr/bin/env python3
"""The house rules of the code's layout, checked on every `make test` (docs/architecture.md).

1. No import loops: within every crate, at every level of the module tree, no two sibling
   modules (files or folders) reach into each other, directly or round a longer loop. A loop
   means neither can be understood, tested or moved without the other.
2. The domain is pure: `app/domain` depends on no UI, I/O, storage or network crate (checked on
   its resolved dependency tree, for wasm and native alike), its code touches no file, socket,
   process, environment or clock, and it holds no wording (no Chinese string outside tests and
   comments: the words live in `app/src/i18n/`, which depends on the domain, never the reverse).
3. The device is one room: only `app/src/device/` touches the browser's storage; pages and
   components go through its functions (`device::queue`, `device::replica`, …).

Prints every violation with its file and exits 1 when there is one; prints a summary otherwise.
Standard library only, so it runs on a fresh machine before anything is installed.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CRATES = {"domain": ROOT / "app/domain/src", "app": ROOT / "app/src", "server": ROOT / "server/src"}
DOMAIN_PACKAGE = "domain"

# Crates the domain may depend on: data and its (de)serialisation, error derives, and the
# OpenAPI schema derive the server switches on. Anything else needs a reason in this list.
DOMAIN_ALLOWED_DEPENDENCIES = {"serde", "serde_json", "thiserror", "utoipa"}
# Crates that must not appear anywhere in the domain's dependency tree.
DOMAIN_FORBIDDEN_CRATES = re.compile(
    r"^(leptos.*|tachys|reactive_graph|server_fn.*|hydration_context|web-sys|js-sys|wasm-bindgen.*"
    r"|gloo-.*|tokio.*|sqlx.*|axum.*|hyper.*|reqwest|tower.*|toml.*|rand.*|uuid)$"
)
# What I/O or a clock looks like in Rust source.
DOMAIN_FORBIDDEN_CODE = re.compile(
    r"\bstd::(fs|net|process|env|io|thread)\b|\bSystemTime\b|\bInstant::now\b|\bFile::"
)
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")


def strip_comments_and_strings(source: str) -> tuple[str, list[tuple[int, str]]]:
    """Source with comments and string literals blanked (line numbers kept), and the string
    literals found, with their line numbers."""
    out: list[str] = []
    strings: list[tuple[int, str]] = []
    i, n, line = 0, len(source), 1
    while i < n:
        c = source[i]
        if source.startswith("//", i):
            j = source.find("\n", i)
            j = n if j < 0 else j
            i = j
            continue
        if source.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if source.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif source.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            out.append("\n" * source.count("\n", i, j))
            line += source.count("\n", i, j)
            i = j
            continue
        raw = re.match(r'b?r(#*)"', source[i:])
        if raw and (i == 0 or not (source[i - 1].isalnum() or source[i - 1] == "_")):
            end = '"' + raw.group(1)
            j = source.find(end, i + raw.end())
            j = n if j < 0 else j + len(end)
            strings.append((line, source[i:j]))
            out.append('""' + "\n" * source.count("\n", i, j))
            line += source.count("\n", i, j)
            i = j
            continue
        if c == '"':
            j = i + 1
            while j < n and source[j] != '"':
                j += 2 if source[j] == "\\" else 1
            j += 1
            strings.append((line, source[i:j]))
            out.append('""' + "\n" * source.count("\n", i, j))
            line += source.count("\n", i, j)
            i = j
            continue
        if c == "'":
            # A char literal ('a', '\n', '"') — not a lifetime ('a without a closing quote).
            lit = re.match(r"'(\\.[^']*|[^'\\])'", source[i:])
            if lit:
                out.append("' '")
                i += lit.end()
                continue
        if c == "\n":
            line += 1
        out.append(c)
        i += 1
    return "".join(out), strings


def without_tests(code: str) -> str:
    """Code with its `#[cfg(test)] mod … { … }` blocks blanked (line numbers kept)."""
    result = code
    for m in re.finditer(r"#\[cfg\(test\)\]\s*(pub(\([\w:]+\))?\s+)?mod\s+\w+\s*\{", code):
        depth, j = 1, m.end()
        while j < len(code) and depth:
            depth += {"{": 1, "}": -1}.get(code[j], 0)
            j += 1
        block = result[m.start() : j]
        result = result[: m.start()] + re.sub(r"[^\n]", " ", block) + result[j:]
    return result


def module_of(src: Path, file: Path) -> tuple[str, ...]:
    parts = list(file.relative_to(src).with_suffix("").parts)
    if parts[-1] in ("mod", "lib", "main"):
        parts.pop()
    return tuple(parts)


def is_test_only(src: Path, file: Path) -> bool:
    """Files that are test modules (`tests.rs`, `props.rs` declared under #[cfg(test)])."""
    parent = file.parent / "mod.rs" if file.name != "mod.rs" else None
    declaring = [parent] if parent and parent.exists() else []
    if file.parent == src:
        declaring = [src / "lib.rs", src / "main.rs"]
    sibling_decl = file.parent.with_suffix(".rs")
    if sibling_decl.exists():
        declaring.append(sibling_decl)
    for decl in declaring:
        if decl.exists() and re.search(
            r"#\[cfg\(test\)\]\s*(pub(\([\w:]+\))?\s+)?mod\s+" + re.escape(file.stem) + r"\s*;", decl.read_text()
        ):
            return True
    return False


def expand_use(tree: str) -> list[str]:
    """`crate::{a::{b, c}, d}` → [`crate::a::b`, `crate::a::c`, `crate::d`]."""
    tree = re.sub(r"\s+as\s+\w+", "", tree)
    tree = re.sub(r"\s+", "", tree)
    m = re.match(r"^(.*?)\{(.*)\}$", tree)
    if not m:
        return [tree]
    prefix, inner = m.group(1), m.group(2)
    items, depth, start = [], 0, 0
    for k, ch in enumerate(inner):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == "," and depth == 0:
            items.append(inner[start:k])
            start = k + 1
    items.append(inner[start:])
    return [p for item in items if item for p in expand_use(prefix + item)]


PATH = re.compile(r"\b(crate|super|self)((?:\s*::\s*(?:\w+|\{))+)")


def referenced_paths(code: str) -> list[str]:
    paths: list[str] = []
    for m in re.finditer(r"\buse\s+([^;]+);", code):
        paths.extend(expand_use(m.group(1)))
    blanked = re.sub(r"\buse\s+[^;]+;", "", code)
    for m in PATH.finditer(blanked):
        paths.append(re.sub(r"\s+", "", m.group(0)).rstrip(":{"))
    return paths


def resolve(path: str, here: tuple[str, ...], modules: set[tuple[str, ...]]) -> tuple[str, ...] | None:
    parts = [p for p in path.split("::") if p]
    if not parts:
        return None
    if parts[0] == "crate":
        base, rest = (), parts[1:]
    elif parts[0] in ("super", "self"):
        base = here
        while parts and parts[0] in ("super", "self"):
            if parts[0] == "super":
                base = base[:-1]
            parts = parts[1:]
        rest = parts
    else:
        return None
    target = base
    for part in rest:
        if target + (part,) in modules:
            target = target + (part,)
        else:
            break
    return target


def import_loops(crate: str, src: Path) -> list[str]:
    files = [f for f in src.rglob("*.rs") if not is_test_only(src, f)]
    modules = {module_of(src, f) for f in files}
    # Folders with a `name.rs` beside them are modules too.
    for f in files:
        m = module_of(src, f)
        for k in range(len(m)):
            modules.add(m[:k])
    edges: dict[tuple[str, ...], dict[tuple[str, str], list[str]]] = {}
    for f in files:
        here = module_of(src, f)
        code = without_tests(strip_comments_and_strings(f.read_text())[0])
        for path in referenced_paths(code):
            target = resolve(path, here, modules)
            if target is None:
                continue
            k = 0
            while k < min(len(here), len(target)) and here[k] == target[k]:
                k += 1
            if k == len(here) or k == len(target):
                continue  # within one module, or between a module and its own parent
            parent, a, b = here[:k], here[k], target[k]
            edges.setdefault(parent, {}).setdefault((a, b), []).append(
                f"{f.relative_to(ROOT)} uses {path}"
            )
    problems = []
    for parent, pairs in sorted(edges.items()):
        graph: dict[str, set[str]] = {}
        for a, b in pairs:
            graph.setdefault(a, set()).add(b)
        for component in strongly_connected(graph):
            if len(component) < 2:
                continue
            where = "::".join((crate,) + parent)
            lines = [f"import loop in {where}: {' ↔ '.join(sorted(component))}"]
            for (a, b), why in sorted(pairs.items()):
                if a in component and b in component:
                    lines.append(f"    {a} → {b}: {why[0]}" + (f" (+{len(why) - 1} more)" if len(why) > 1 else ""))
            problems.append("\n".join(lines))
    return problems


def strongly_connected(graph: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's algorithm."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            found.append(component)

    for v in list(graph):
        if v not in index:
            visit(v)
    return found


def domain_dependencies() -> list[str]:
    problems = []
    # Not --offline: on a fresh machine the crates are not downloaded yet, and cargo metadata
    # needs their manifests (it fetches what the lock file names; the build would anyway).
    run = subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--locked"],
        cwd=ROOT, capture_output=True, text=True,
    )
    if run.returncode != 0:
        return [f"cargo metadata failed, so the domain's dependencies were not checked:\n{run.stderr}"]
    meta = json.loads(run.stdout)
    packages = {p["id"]: p for p in meta["packages"]}
    domain = next((p for p in meta["packages"] if p["name"] == DOMAIN_PACKAGE), None)
    if domain is None:
        return [f"no package named {DOMAIN_PACKAGE!r} in the workspace"]
    for dep in domain["dependencies"]:
        if dep["kind"] in (None, "build") and dep["name"] not in DOMAIN_ALLOWED_DEPENDENCIES:
            problems.append(
                f"app/domain/Cargo.toml: the domain depends on {dep['name']!r}, which is not one of "
                f"{sorted(DOMAIN_ALLOWED_DEPENDENCIES)} (no UI, I/O or wording in the domain)"
            )
    # Every crate the domain reaches through normal dependencies, on any target, any feature.
    nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
    seen, todo = set(), [domain["id"]]
    while todo:
        node = nodes[todo.pop()]
        for dep in node["deps"]:
            if any(k["kind"] in (None, "build") for k in dep["dep_kinds"]) and dep["pkg"] not in seen:
                seen.add(dep["pkg"])
                todo.append(dep["pkg"])
    for pkg in sorted(seen):
        name = packages[pkg]["name"]
        if DOMAIN_FORBIDDEN_CRATES.match(name):
            problems.append(f"the domain's dependency tree reaches {name!r} (UI, I/O or wording crate)")
    return problems


def domain_code() -> list[str]:
    problems = []
    src = CRATES["domain"]
    for f in sorted(src.rglob("*.rs")):
        if is_test_only(src, f):
            continue
        code, strings = strip_comments_and_strings(f.read_text())
        code = without_tests(code)
        for number, text in enumerate(code.splitlines(), 1):
            if DOMAIN_FORBIDDEN_CODE.search(text):
                problems.append(f"{f.relative_to(ROOT)}:{number}: I/O or the clock in the domain: {text.strip()}")
        for number, literal in strings:
            if CJK.search(literal) and not in_test_block(f, number):
                problems.append(
                    f"{f.relative_to(ROOT)}:{number}: wording in the domain: {literal[:40]} "
                    "(words belong in app/src/i18n/)"
                )
    return problems


def in_test_block(file: Path, line: int) -> bool:
    code, _ = strip_comments_and_strings(file.read_text())
    lines = without_tests(code).splitlines()
    original = code.splitlines()
    return line - 1 < len(lines) and not lines[line - 1].strip() and original[line - 1].strip() != ""


DEVICE_STORAGE = re.compile(r"\bgloo_storage\b|\bLocalStorage\b|\blocal_storage\(|\bSessionStorage\b")


def storage_outside_device() -> list[str]:
    problems = []
    src = CRATES["app"]
    for f in sorted(src.rglob("*.rs")):
        if (src / "device") in f.parents:
            continue
        code, _ = strip_comments_and_strings(f.read_text())
        for number, text in enumerate(code.splitlines(), 1):
            if DEVICE_STORAGE.search(text):
                problems.append(
                    f"{f.relative_to(ROOT)}:{number}: the device's storage outside app/src/device: "
                    f"{text.strip()} (go through crate::device)"
                )
    return problems


def main() -> int:
    problems: list[str] = []
    for crate, src in CRATES.items():
        if src.exists():
            problems += import_loops(crate, src)
    problems += storage_outside_device()
    if CRATES["domain"].exists():
        problems += domain_dependencies()
        problems += domain_code()
    else:
        problems.append("app/domain/src is missing: the pure domain crate")
    if problems:
        print("The code's house rules are broken (scripts/check-architecture.py, docs/architecture.md):")
        for p in problems:
            print("  " + p.replace("\n", "\n  "))
        return 1
    counts = {c: sum(1 for _ in s.rglob("*.rs")) for c, s in CRATES.items()}
    print(f"Architecture: no import loops in {counts} files; the domain is pure.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
