#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check the shadow_mm netlink spec and the uAPI header against each other.

Documentation/netlink/specs/shadow_mm.yaml is the contract; the uAPI header
include/uapi/linux/shadow_mm.h and the RST page
Documentation/netlink/shadow_mm.rst are generated from it by the kernel's
YNL tools (Linux 6.12, tools/net/ynl). This host test checks, each as its
own KTAP test:

  - the spec loads, carries the SPDX tag the YNL generator demands and
    says "protocol: genetlink";
  - the spec validates against Documentation/netlink/genetlink.yaml
    (draft-07, as the schema declares);
  - the family, every definition, enum entry, attribute and op has a doc;
    every multicast group gets a documented op (mcgrp), as the schema
    has no doc for a group;
  - every op's request/reply/event attributes exist in its attribute set;
  - every enum, nest and checks reference in the spec resolves;
  - ynl-gen-c.py --mode uapi --header reproduces the header byte for byte;
  - independently of that generator: every name the spec implies is
    defined by the header, the header defines no SHADOW_MM_* name (nor
    enum shadow_mm_* tag) the spec lacks, and a program compiled with gcc
    against the header prints the values the spec implies;
  - ynl-gen-rst.py reproduces the RST page byte for byte.

Needs python3 with PyYAML and jsonschema 4.x, and gcc. No network, except
that the default YNL tree comes from scripts/fetch-source, which downloads
linux-source-6.12 once if it is not cached yet.

Usage:
  python3 selftests/spec/spec_test.py [--ynl DIR] [--spec FILE] [--header FILE]
                                      [--rst FILE] [--regen]

  --ynl DIR      the extracted 6.12 tree holding Documentation/netlink/ and
                 tools/net/ynl/ (default: $SMM_YNL_DIR, else the output of
                 scripts/fetch-source --print 6.12)
  --spec FILE    the spec to check (default: the tree's)
  --header FILE  the uAPI header to check (default: the tree's)
  --rst FILE     the generated RST page to check (default: the tree's)
  --regen        write the generator's header and RST page over --header
                 and --rst, then run the checks

Output is KTAP; the exit status is 0 when every test passes, 1 otherwise.
"""

import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))))
SPEC_REL = 'Documentation/netlink/specs/shadow_mm.yaml'
HEADER_REL = 'include/uapi/linux/shadow_mm.h'
RST_REL = 'Documentation/netlink/shadow_mm.rst'
# The only license ynl-gen-c.py accepts on a spec.
SPEC_LICENSE = '((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)'
TOOL_TIMEOUT = 120


class Failure(Exception):
    """A test's verdict when it cannot go on; the message is diagnostic."""


def shown(path):
    """A path as the diagnostics show it: relative to the tree if in it."""
    rel = os.path.relpath(path, TOP)
    return path if rel.startswith('..') else rel


def c_upper(name):
    return name.upper().replace('-', '_')


def c_lower(name):
    return name.lower().replace('-', '_')


# ---------------------------------------------------------------- inputs

def find_ynl(arg):
    """Return (dir, None) for a usable YNL tree, or (None, why not)."""
    if arg:
        where = arg
        how = '--ynl'
    elif os.environ.get('SMM_YNL_DIR'):
        where = os.environ['SMM_YNL_DIR']
        how = '$SMM_YNL_DIR'
    else:
        how = 'scripts/fetch-source --print 6.12'
        tool = os.path.join(TOP, 'scripts', 'fetch-source')
        try:
            res = subprocess.run([tool, '--print', '6.12'],
                                 capture_output=True, text=True,
                                 timeout=1800)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return None, f'{how} failed: {exc}'
        if res.returncode != 0:
            return None, (f'{how} failed: ' +
                          res.stderr.strip().replace('\n', '; '))
        where = res.stdout.strip()
    for rel in ('Documentation/netlink/genetlink.yaml',
                'tools/net/ynl/ynl-gen-c.py',
                'tools/net/ynl/ynl-gen-rst.py'):
        if not os.path.isfile(os.path.join(where, rel)):
            return None, (f'YNL tree from {how} ({where!r}) has no '
                          f'{rel}; pass --ynl DIR (the directory '
                          f'holding Documentation/netlink and '
                          f'tools/net/ynl) or run '
                          f'scripts/fetch-source 6.12')
    return os.path.abspath(where), None


def load_spec(path):
    """Return (spec dict, first line) or raise Failure."""
    import yaml

    try:
        with open(path, encoding='utf-8') as f:
            text = f.read()
    except OSError as exc:
        raise Failure(f'cannot read spec: {exc}')
    try:
        spec = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise Failure(f'spec is not valid YAML: {exc}')
    if not isinstance(spec, dict):
        raise Failure('spec is not a YAML mapping')
    return spec, text.split('\n', 1)[0]


def entries_of(defn):
    """Yield (name, explicit value or None, doc) of an enum's entries."""
    for e in defn.get('entries', []):
        if isinstance(e, str):
            yield e, None, None
        else:
            yield e['name'], e.get('value'), e.get('doc')


def expected_uapi(spec):
    """What the spec implies for the uAPI header, computed here.

    Deliberately independent of tools/net/ynl/lib: it follows the naming
    and numbering rules of the genetlink protocol level (YNL's
    "Documentation/userspace-api/netlink/specs.rst").

    Return (names, tags): names maps each C name to (value, where) in
    declaration order, value an int or a str (a string constant) or None
    (a const whose value is an expression); tags maps each enum tag to
    where it comes from.
    """
    names = {}
    tags = {}
    fam = spec['name']
    ident = fam.replace('-', '_')

    def add(name, value, where):
        if name in names:
            raise Failure(f'{where} and {names[name][1]} both '
                          f'render as {name}')
        names[name] = (value, where)

    add(c_upper(fam + '_FAMILY_NAME'), fam, 'name')
    add(c_upper(fam + '_FAMILY_VERSION'), spec.get('version', 1),
        'version (default 1)')

    for d in spec.get('definitions', []):
        if d.get('header') or d.get('scope', 'uapi') != 'uapi':
            continue
        where = f"definitions[{d['name']}]"
        if d['type'] == 'const':
            value = d['value'] if isinstance(d['value'], int) else None
            add(c_upper(f"{ident}-{d['name']}"), value, where)
            continue
        tags[c_lower(d.get('enum-name') or f"{ident}-{d['name']}")] = where
        pfx = d.get('name-prefix', f"{ident}-{d['name']}-")
        nxt = d.get('value-start', 0)
        mask = 0
        last = None
        for name, value, _ in entries_of(d):
            if value is None:
                value = nxt
            nxt = value + 1
            if d['type'] == 'flags':
                value = 1 << value
                mask |= value
            last = value
            add(c_upper(pfx + name), value,
                f'{where}.entries[{name}]')
        if d.get('render-max'):
            if d['type'] == 'flags':
                add(c_upper(pfx + 'mask'), mask,
                    f'{where}.render-max')
            else:
                add('__' + c_upper(pfx + 'max'), last + 1,
                    f'{where}.render-max')
                add(c_upper(pfx + 'max'), last,
                    f'{where}.render-max')

    for s in spec.get('attribute-sets', []):
        if 'subset-of' in s:
            continue
        where = f"attribute-sets[{s['name']}]"
        if 'enum-name' in s:
            tags[c_lower(s['enum-name'])] = where
        if 'name-prefix' in s:
            pfx = s['name-prefix']
        elif s['name'] == fam:
            pfx = f'{ident}-a-'
        else:
            pfx = f"{ident}-a-{s['name']}-"
        value = 1
        for a in s['attributes']:
            value = a.get('value', value)
            add(c_upper(pfx + a['name']), value,
                f"{where}.attributes[{a['name']}]")
            value += 1
        add('__' + c_upper(pfx + 'max'), value, f'{where} (count)')
        add(c_upper(pfx + 'max'), value - 1, f'{where} (max)')

    ops = spec['operations']
    if 'enum-name' in ops:
        tags[c_lower(ops['enum-name'])] = 'operations'
    pfx = ops.get('name-prefix', f'{fam}-cmd-')
    apfx = ops.get('async-prefix')
    value = 1
    for op in ops['list']:
        value = op.get('value', value)
        where = f"operations.list[{op['name']}]"
        if apfx and ('notify' in op or 'event' in op):
            add(c_upper(apfx + op['name']), value, where)
        else:
            add(c_upper(pfx + op['name']), value, where)
            last = value
        value += 1
    if any(not (apfx and ('notify' in op or 'event' in op))
           for op in ops['list']):
        add('__' + c_upper(pfx + 'max'), last + 1, 'operations (count)')
        add(c_upper(pfx + 'max'), last, 'operations (max)')

    for g in spec.get('mcast-groups', {}).get('list', []):
        add(c_upper(f"{ident}-mcgrp-{g['name']}"), g['name'],
            f"mcast-groups[{g['name']}]")
    return names, tags


def header_defines(text):
    """Return (names, tags) the header defines: macros and enumerators,
    and enum tags, with comments removed first."""
    text = re.sub(r'/\*.*?\*/', ' ', text, flags=re.S)
    text = re.sub(r'//[^\n]*', ' ', text)
    names = set(re.findall(r'^\s*#\s*define\s+(\w+)', text, flags=re.M))
    tags = set()
    for tag, body in re.findall(r'\benum\s*(\w*)\s*\{(.*?)\}', text,
                                flags=re.S):
        if tag:
            tags.add(tag)
        for item in body.split(','):
            m = re.match(r'\s*([A-Za-z_]\w*)', item)
            if m:
                names.add(m.group(1))
    return names, tags


# ----------------------------------------------------------- the runner

class Ktap:
    def __init__(self, tests):
        self.tests = tests
        self.failed = 0

    def run(self):
        print('TAP version 13')
        print(f'1..{len(self.tests)}')
        for num, (name, func) in enumerate(self.tests, 1):
            try:
                problems = func() or []
            except Failure as exc:
                problems = [str(exc)]
            except Exception as exc:  # a bug here is a failure too
                problems = [f'{type(exc).__name__}: {exc}']
            for p in problems:
                for line in str(p).splitlines() or ['']:
                    print(f'# {line}')
            if problems:
                self.failed += 1
                print(f'not ok {num} {name}')
            else:
                print(f'ok {num} {name}')
        print(f'# {len(self.tests) - self.failed} passed, '
              f'{self.failed} failed')
        return 1 if self.failed else 0


class SpecTest:
    def __init__(self, args):
        self.args = args
        self.spec_path = os.path.abspath(args.spec)
        self.header_path = os.path.abspath(args.header)
        self.rst_path = os.path.abspath(args.rst)
        self.ynl, self.ynl_error = find_ynl(args.ynl)
        self.tmp = tempfile.mkdtemp(prefix='smm-spec-test.')
        self._spec = None
        self._spec_error = None
        self._staged = None

    def close(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    # Inputs shared by the tests; each raises Failure when missing.

    def spec(self):
        if self._spec is None and self._spec_error is None:
            try:
                self._spec, self.first_line = \
                    load_spec(self.spec_path)
            except Failure as exc:
                self._spec_error = str(exc)
        if self._spec_error:
            raise Failure(self._spec_error)
        return self._spec

    def need_ynl(self):
        if not self.ynl:
            raise Failure(self.ynl_error)
        return self.ynl

    def header_text(self):
        try:
            with open(self.header_path, encoding='utf-8') as f:
                return f.read()
        except OSError as exc:
            raise Failure(f'cannot read header: {exc}')

    def staged_spec(self):
        """Copy the spec into a scratch kernel-like tree and return
        its path there.

        ynl-gen-c.py names the spec by its path under the kernel root
        (the nearest directory up holding MAINTAINERS; without one it
        loops forever) and validates it against ../<protocol>.yaml.
        """
        if self._staged is None:
            ynl = self.need_ynl()
            root = os.path.join(self.tmp, 'kernel')
            net = os.path.join(root, 'Documentation', 'netlink')
            os.makedirs(os.path.join(net, 'specs'))
            open(os.path.join(root, 'MAINTAINERS'), 'w').close()
            src = os.path.join(ynl, 'Documentation', 'netlink')
            for name in os.listdir(src):
                if name.endswith('.yaml'):
                    shutil.copy(os.path.join(src, name), net)
            self._staged = os.path.join(root, SPEC_REL)
            shutil.copy(self.spec_path, self._staged)
        return self._staged

    def run_tool(self, argv, what):
        try:
            res = subprocess.run([sys.executable] + argv,
                                 capture_output=True, text=True,
                                 cwd=self.tmp, timeout=TOOL_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise Failure(f'{what} did not finish in '
                          f'{TOOL_TIMEOUT}s')
        if res.returncode != 0:
            raise Failure(f'{what} failed (exit {res.returncode}):\n'
                          + (res.stdout + res.stderr).strip())

    def generate_header(self):
        out = os.path.join(self.tmp, 'shadow_mm.h')
        tool = os.path.join(self.need_ynl(), 'tools/net/ynl/ynl-gen-c.py')
        self.run_tool([tool, '--mode', 'uapi', '--header',
                       '--spec', self.staged_spec(), '-o', out],
                      'ynl-gen-c.py --mode uapi --header')
        return out

    def generate_rst(self):
        out = os.path.join(self.tmp, 'shadow_mm.rst')
        tool = os.path.join(self.need_ynl(),
                            'tools/net/ynl/ynl-gen-rst.py')
        self.run_tool([tool, '-i', self.staged_spec(), '-o', out],
                      'ynl-gen-rst.py')
        return out

    def regen(self):
        """--regen: write the generated files over the checked ones."""
        for make, dest in ((self.generate_header, self.header_path),
                           (self.generate_rst, self.rst_path)):
            try:
                shutil.copy(make(), dest)
                print(f'regenerated {dest}', file=sys.stderr)
            except Failure as exc:
                print(f'cannot regenerate {dest}: {exc}', file=sys.stderr)

    def compare(self, generated, checked, what):
        with open(generated, encoding='utf-8') as f:
            want = f.read()
        try:
            with open(checked, encoding='utf-8') as f:
                have = f.read()
        except OSError as exc:
            return [f'cannot read {what}: {exc}',
                    'regenerate: python3 selftests/spec/spec_test.py '
                    '--regen']
        if want == have:
            return []
        diff = list(difflib.unified_diff(
                have.splitlines(), want.splitlines(),
                fromfile=shown(checked), tofile=f'generated from {SPEC_REL}',
                lineterm=''))
        head = diff[:60]
        if len(diff) > len(head):
            head.append(f'... {len(diff) - len(head)} more lines')
        return ([f'{what} differs from what the YNL generator emits '
                 f'for the spec:'] + head +
                ['regenerate: python3 selftests/spec/spec_test.py '
                 '--regen'])

    # ------------------------------------------------------- the tests

    def t_spec_loads(self):
        spec = self.spec()
        problems = []
        tag = '# SPDX-License-Identifier: '
        if self.first_line != tag + SPEC_LICENSE:
            problems.append(f'first line must be "{tag}'
                            f'{SPEC_LICENSE}" (ynl-gen-c.py accepts '
                            f'no other), not "{self.first_line}"')
        if spec.get('protocol') != 'genetlink':
            problems.append('spec must say "protocol: genetlink", '
                            f'not {spec.get("protocol")!r}')
        if spec.get('name') != 'shadow_mm':
            problems.append(f'family name is {spec.get("name")!r}, '
                            'not "shadow_mm"')
        return problems

    def t_schema(self):
        import jsonschema
        import yaml

        spec = self.spec()
        path = os.path.join(self.need_ynl(),
                            'Documentation/netlink/genetlink.yaml')
        with open(path, encoding='utf-8') as f:
            schema = yaml.safe_load(f)
        # The schema names draft-07 by a URL jsonschema does not know;
        # validate() would fall back to 2020-12 and ignore the
        # schema's "dependencies".
        validator = jsonschema.Draft7Validator(schema)
        problems = []
        for err in sorted(validator.iter_errors(spec),
                          key=lambda e: [str(p) for p in e.absolute_path]):
            where = ''
            for part in err.absolute_path:
                if isinstance(part, int):
                    where += f'[{part}]'
                else:
                    where += ('.' if where else '') + part
            problems.append(f'{where or "(top)"}: {err.message}')
        if problems:
            problems.insert(0, f'spec does not validate against '
                            f'{os.path.basename(path)}:')
        return problems

    def t_docs(self):
        spec = self.spec()
        missing = []

        def need(obj, where):
            if not isinstance(obj.get('doc'), str) or \
               not obj['doc'].strip():
                missing.append(where)

        need(spec, 'family')
        for d in spec.get('definitions', []):
            where = f"definitions[{d['name']}]"
            need(d, where)
            for e in d.get('entries', []):
                if isinstance(e, str):
                    missing.append(f'{where}.entries[{e}]')
                else:
                    need(e, f"{where}.entries[{e['name']}]")
        for s in spec.get('attribute-sets', []):
            for a in s.get('attributes', []):
                need(a, f"attribute-sets[{s['name']}]"
                     f".attributes[{a['name']}]")
        for op in spec['operations']['list']:
            need(op, f"operations.list[{op['name']}]")
        # The schema allows no doc on a multicast group: the documented
        # notifications sent to it (mcgrp) describe it instead.
        sent_to = {op.get('mcgrp') for op in spec['operations']['list']}
        for g in spec.get('mcast-groups', {}).get('list', []):
            if g['name'] not in sent_to:
                missing.append(f"mcast-groups[{g['name']}] (no op sends "
                               f"to it)")
        return [f'{w} has no doc' for w in missing]

    def t_op_attrs(self):
        spec = self.spec()
        sets = {s['name']: {a['name'] for a in s.get('attributes', [])}
                for s in spec.get('attribute-sets', [])}
        ops = {op['name'] for op in spec['operations']['list']}
        groups = {g['name']
                  for g in spec.get('mcast-groups', {}).get('list', [])}
        problems = []
        for op in spec['operations']['list']:
            name = op['name']
            lists = []
            for mode in ('do', 'dump'):
                for part in ('request', 'reply'):
                    sub = op.get(mode, {}).get(part)
                    if sub is not None:
                        lists.append((f'{mode}.{part}',
                                      sub.get('attributes', [])))
            if 'event' in op:
                lists.append(('event',
                              op['event'].get('attributes', [])))
            if 'notify' in op and op['notify'] not in ops:
                problems.append(f'op {name}: notify names '
                                f'unknown op {op["notify"]!r}')
            if 'mcgrp' in op and op['mcgrp'] not in groups:
                problems.append(f'op {name}: mcgrp names '
                                f'unknown group {op["mcgrp"]!r}')
            if not lists:
                continue
            aset = op.get('attribute-set')
            if aset not in sets:
                problems.append(f'op {name}: attribute-set '
                                f'{aset!r} does not exist')
                continue
            for where, attrs in lists:
                seen = set()
                for attr in attrs:
                    if attr not in sets[aset]:
                        problems.append(
                            f'op {name}: {where} names {attr!r}, '
                            f'which is not in attribute set {aset!r}')
                    if attr in seen:
                        problems.append(
                            f'op {name}: {where} names {attr!r} twice')
                    seen.add(attr)
        return problems

    def t_refs(self):
        spec = self.spec()
        defs_list = spec.get('definitions', [])
        sets_list = spec.get('attribute-sets', [])
        defs = {d['name']: d for d in defs_list}
        sets = {s['name']: s for s in sets_list}
        problems = []

        def unique(kind, names):
            seen = set()
            for n in names:
                if n in seen:
                    problems.append(f'{kind} {n!r} is defined twice')
                seen.add(n)

        unique('definition', [d['name'] for d in defs_list])
        unique('attribute set', [s['name'] for s in sets_list])
        unique('op', [op['name'] for op in spec['operations']['list']])
        for d in spec.get('definitions', []):
            unique(f"definitions[{d['name']}] entry",
                   [n for n, _, _ in entries_of(d)])
        limit = re.compile(r'^[us](8|16|32|64)-(min|max)$')
        for s in spec.get('attribute-sets', []):
            unique(f"attribute-sets[{s['name']}] attribute",
                   [a['name'] for a in s.get('attributes', [])])
            if 'subset-of' in s and s['subset-of'] not in sets:
                problems.append(f"attribute-sets[{s['name']}]: subset-of "
                                f"names unknown set {s['subset-of']!r}")
            for a in s.get('attributes', []):
                where = (f"attribute-sets[{s['name']}]"
                         f".attributes[{a['name']}]")
                if 'enum' in a and (a['enum'] not in defs or
                                    defs[a['enum']]['type'] == 'const'):
                    problems.append(f'{where}: enum names no enum or '
                                    f'flags definition {a["enum"]!r}')
                nest = a.get('nested-attributes')
                if nest is not None and nest not in sets:
                    problems.append(f'{where}: nested-attributes names '
                                    f'unknown set {nest!r}')
                for key, val in a.get('checks', {}).items():
                    if not isinstance(val, str) or \
                       limit.match(val) or val.isdigit():
                        continue
                    want = 'flags' if key == 'flags-mask' else 'const'
                    if defs.get(val, {}).get('type') != want:
                        problems.append(f'{where}: checks.{key} names '
                                        f'{val!r}, which is no {want} '
                                        'definition')
        return problems

    def t_generated_header(self):
        self.spec()
        return self.compare(self.generate_header(), self.header_path,
                            shown(self.header_path))

    def t_names_present(self):
        names, tags = expected_uapi(self.spec())
        have_names, have_tags = header_defines(self.header_text())
        problems = [f'{n} ({w}) is not defined by the header'
                    for n, (_, w) in names.items() if n not in have_names]
        problems += [f'enum {t} ({w}) is not defined by the header'
                     for t, w in tags.items() if t not in have_tags]
        return problems

    def t_no_extra_names(self):
        names, tags = expected_uapi(self.spec())
        have_names, have_tags = header_defines(self.header_text())
        guard = '_UAPI_LINUX_SHADOW_MM_H'
        ours = re.compile(r'^_*SHADOW_MM_', re.I)
        problems = [f'header defines {n}, which the spec does not '
                    'describe' for n in sorted(have_names)
                    if ours.match(n) and n not in names and n != guard]
        problems += [f'header defines enum {t}, which the spec does '
                     'not describe' for t in sorted(have_tags)
                     if t.lower().startswith('shadow_mm') and
                     t not in tags]
        return problems

    def t_values_compile(self):
        names, tags = expected_uapi(self.spec())
        have_names, have_tags = header_defines(self.header_text())
        inc = os.path.join(self.tmp, 'include')
        os.makedirs(os.path.join(inc, 'linux'), exist_ok=True)
        shutil.copy(self.header_path,
                    os.path.join(inc, 'linux', 'shadow_mm.h'))
        src = ['#include <stdio.h>',
               '#include <linux/shadow_mm.h>',
               '',
               'static void show_str(const char *n, const char *v)',
               '{',
               '\tprintf("%s=s:%s\\n", n, v);',
               '}',
               '',
               'static void show_int(const char *n, long long v)',
               '{',
               '\tprintf("%s=i:%lld\\n", n, v);',
               '}',
               '',
               '#define SHOW(n) _Generic((n), char *: show_str, '
               'const char *: show_str, default: show_int)(#n, (n))',
               '',
               'int main(void)',
               '{']
        skipped = 0
        for tag in tags:
            if tag in have_tags:
                src.append(f'\tprintf("enum {tag}=i:%zu\\n", '
                           f'sizeof(enum {tag}));')
        for n in names:
            if n in have_names:
                src.append(f'\tSHOW({n});')
            else:
                skipped += 1
        src += ['\treturn 0;', '}', '']
        c_file = os.path.join(self.tmp, 'values.c')
        exe = os.path.join(self.tmp, 'values')
        with open(c_file, 'w', encoding='utf-8') as f:
            f.write('\n'.join(src))
        cmd = ['gcc', '-std=gnu11', '-Wall', '-Wextra', '-Werror',
               '-I', inc, '-I', os.path.join(TOP, 'include', 'uapi'),
               '-o', exe, c_file]
        try:
            res = subprocess.run(cmd, capture_output=True, text=True,
                                 timeout=TOOL_TIMEOUT)
        except OSError as exc:
            raise Failure(f'cannot run gcc: {exc}')
        if res.returncode != 0:
            raise Failure('gcc cannot compile a program using the '
                          'header:\n' + res.stderr.strip())
        res = subprocess.run([exe], capture_output=True, text=True,
                             timeout=TOOL_TIMEOUT)
        if res.returncode != 0:
            raise Failure(f'the value printer exited {res.returncode}')
        got = {}
        for line in res.stdout.splitlines():
            n, v = line.split('=', 1)
            got[n] = (v[0], v[2:])
        problems = []
        for n, (want, where) in names.items():
            if n not in got:
                continue
            kind, val = got[n]
            if want is None:
                continue
            if isinstance(want, str):
                if (kind, val) != ('s', want):
                    problems.append(f'{n} ({where}): header '
                                    f'has {val!r}, spec says '
                                    f'"{want}"')
            elif (kind, val) != ('i', str(want)):
                problems.append(f'{n} ({where}): header has '
                                f'{val if kind == "i" else repr(val)}, '
                                f'spec says {want}')
        if skipped:
            problems.append(f'{skipped} name(s) not compiled: the '
                            'header lacks them (see names_present)')
        return problems

    def t_generated_rst(self):
        self.spec()
        return self.compare(self.generate_rst(), self.rst_path,
                            shown(self.rst_path))

    def tests(self):
        return [('spec_loads', self.t_spec_loads),
                ('spec_validates_genetlink_schema', self.t_schema),
                ('spec_docs_complete', self.t_docs),
                ('op_attrs_in_their_set', self.t_op_attrs),
                ('spec_references_resolve', self.t_refs),
                ('uapi_header_is_generator_output',
                 self.t_generated_header),
                ('uapi_names_present', self.t_names_present),
                ('uapi_no_extra_names', self.t_no_extra_names),
                ('uapi_values_match_compiled', self.t_values_compile),
                ('rst_is_generator_output', self.t_generated_rst)]


def main():
    ap = argparse.ArgumentParser(
            description='Check the shadow_mm YNL spec against the uAPI '
            'header; prints KTAP.')
    ap.add_argument('--ynl', help='extracted 6.12 YNL tree (holds '
                    'Documentation/netlink and tools/net/ynl)')
    ap.add_argument('--spec', default=os.path.join(TOP, SPEC_REL))
    ap.add_argument('--header', default=os.path.join(TOP, HEADER_REL))
    ap.add_argument('--rst', default=os.path.join(TOP, RST_REL))
    ap.add_argument('--regen', action='store_true',
                    help='write the generated header and RST first')
    args = ap.parse_args()

    t = SpecTest(args)
    try:
        if not t.ynl:
            print(t.ynl_error, file=sys.stderr)
        if args.regen:
            t.regen()
        return Ktap(t.tests()).run()
    finally:
        t.close()


if __name__ == '__main__':
    sys.exit(main())
